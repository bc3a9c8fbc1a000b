#ifndef PHOIHOP_CSODIUM_SHIM_H
#define PHOIHOP_CSODIUM_SHIM_H
#include <sodium.h>
#endif
