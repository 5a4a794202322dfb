// swift-tools-version:6.0
import PackageDescription

// MARK: - Fuzz targets
//
// A separate package so that `swift build` / `swift test` in the repository root never build
// these. Each target is a libFuzzer entry point (`LLVMFuzzerTestOneInput`) over the public API
// of the root package; `scripts/fuzz TARGET SECONDS` builds it with `-sanitize=fuzzer,address`
// and runs it on a copy of its seed corpus under `Fuzz/Corpus/<target>`.

let library: Target.Dependency = .product(name: "ScalingLaws", package: "scaling-laws")
// No Swift `main`: SwiftPM defines `main` as `<module>_main`, which FuzzDriver (C) provides
// and which runs libFuzzer's driver on the target's `LLVMFuzzerTestOneInput`.
let entryPointOnly: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

/// The libFuzzer executable `fuzz-NAME`, from `Sources/FOLDER`. One line per target below; a new
/// target also needs its `fuzz_NAME_main` in FuzzDriver and its name in `scripts/fuzz`.
func fuzzTarget(_ name: String, _ folder: String) -> Target {
    .executableTarget(
        name: "fuzz-\(name)", dependencies: [library, "FuzzDriver"], path: "Sources/\(folder)", swiftSettings: entryPointOnly)
}

let package = Package(
    name: "scaling-laws-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "scaling-laws", path: ".."),
    ],
    targets: [
        .target(name: "FuzzDriver", path: "Sources/FuzzDriver"),
        fuzzTarget("csv", "FuzzCSV"),
        fuzzTarget("formula", "FuzzFormula"),
        fuzzTarget("artifact", "FuzzArtifact"),
        fuzzTarget("name-pattern", "FuzzNamePattern"),
        fuzzTarget("logs", "FuzzLogs"),
        fuzzTarget("where", "FuzzWhere"),
        fuzzTarget("schedule", "FuzzSchedule"),
        fuzzTarget("date", "FuzzDate"),
        fuzzTarget("tasks", "FuzzTasks"),
        fuzzTarget("capabilities", "FuzzCapabilities"),
    ],
    swiftLanguageModes: [.v6]
)
