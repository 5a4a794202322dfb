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

let package = Package(
    name: "scaling-laws-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "scaling-laws", path: ".."),
    ],
    targets: [
        .target(name: "FuzzDriver", path: "Sources/FuzzDriver"),
        .executableTarget(
            name: "fuzz-csv", dependencies: [library, "FuzzDriver"], path: "Sources/FuzzCSV", swiftSettings: entryPointOnly),
        .executableTarget(
            name: "fuzz-formula", dependencies: [library, "FuzzDriver"], path: "Sources/FuzzFormula", swiftSettings: entryPointOnly),
        .executableTarget(
            name: "fuzz-name-pattern", dependencies: [library, "FuzzDriver"], path: "Sources/FuzzNamePattern", swiftSettings: entryPointOnly),
        .executableTarget(
            name: "fuzz-logs", dependencies: [library, "FuzzDriver"], path: "Sources/FuzzLogs", swiftSettings: entryPointOnly),
        .executableTarget(
            name: "fuzz-schedule", dependencies: [library, "FuzzDriver"], path: "Sources/FuzzSchedule", swiftSettings: entryPointOnly),
    ],
    swiftLanguageModes: [.v6]
)
