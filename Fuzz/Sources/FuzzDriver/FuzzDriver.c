#include <stddef.h>
#include <stdint.h>
#include "FuzzDriver.h"

// libFuzzer's driver (compiler-rt, FuzzerDriver.cpp) and the target each executable defines.
extern int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
extern int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

// `fuzz_NAME_main`, the `main` SwiftPM links into the executable `fuzz-NAME`.
#define FUZZ_MAIN(name) \
    int fuzz_##name##_main(int argc, char **argv) { \
        return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput); \
    }

// One line per target (and one in Fuzz/Package.swift and scripts/fuzz).
FUZZ_MAIN(csv)
FUZZ_MAIN(formula)
FUZZ_MAIN(artifact)
FUZZ_MAIN(name_pattern)
FUZZ_MAIN(logs)
FUZZ_MAIN(where)
FUZZ_MAIN(schedule)
FUZZ_MAIN(date)
FUZZ_MAIN(tasks)
FUZZ_MAIN(capabilities)
