#ifndef PHOIHOP_CZEROMQ_SHIM_H
#define PHOIHOP_CZEROMQ_SHIM_H
#include <zmq.h>
#endif
