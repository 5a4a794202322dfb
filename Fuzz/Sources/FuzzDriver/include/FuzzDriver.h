// Entry points of the fuzz executables. SwiftPM links an executable with `main` defined as
// `<module>_main`; these hand control to libFuzzer's driver with the Swift target's
// `LLVMFuzzerTestOneInput`.
int fuzz_csv_main(int argc, char **argv);
int fuzz_formula_main(int argc, char **argv);
int fuzz_name_pattern_main(int argc, char **argv);
int fuzz_logs_main(int argc, char **argv);
