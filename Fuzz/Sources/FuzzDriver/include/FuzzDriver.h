// Entry points of the fuzz executables. SwiftPM links an executable with `main` defined as
// `<module>_main`; FuzzDriver.c defines one `fuzz_NAME_main` per target (FUZZ_MAIN), which
// hands control to libFuzzer's driver with the Swift target's `LLVMFuzzerTestOneInput`.
