// SwiftPM links an executable target with `main` renamed to `<module>_main` (so tests could
// import it), which leaves libFuzzer's own `main` unused and `phoihop_fuzz_decoder_main`
// undefined. This supplies it and hands control to libFuzzer's driver, which calls
// LLVMFuzzerTestOneInput (FuzzDecoder.swift) for every input.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

int phoihop_fuzz_decoder_main(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
