// swift-tools-version:6.0
import PackageDescription

// MARK: - System libraries

let systemLibraries: [Target] = [
    .systemLibrary(
        name: "CGSL",
        pkgConfig: "gsl",
        providers: [.apt(["libgsl-dev"])]
    ),
    .systemLibrary(
        name: "CLAPACKE",
        pkgConfig: "lapacke",
        providers: [.apt(["liblapacke-dev"])]
    ),
]

// MARK: - Libraries

let libraries: [Target] = [
    .target(name: "LinearAlgebra", dependencies: ["CLAPACKE"]),
    .target(name: "NonlinearFit", dependencies: ["LinearAlgebra", "CGSL"]),
    .target(name: "ScalingLaws", dependencies: ["NonlinearFit", "LinearAlgebra"]),
    .target(name: "Forecast", dependencies: ["ScalingLaws"]),
    .target(name: "Reports", dependencies: ["ScalingLaws", "Forecast", "NonlinearFit"]),
]

// MARK: - Command-line tool

let executables: [Target] = [
    .executableTarget(
        name: "scaling-laws",
        dependencies: [
            "ScalingLaws", "NonlinearFit", "LinearAlgebra", "Forecast", "Reports",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]
    ),
]

// MARK: - Tests

let tests: [Target] = [
    .target(name: "TestSupport", dependencies: ["LinearAlgebra"], path: "Tests/TestSupport"),
    .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "TestSupport"]),
    .testTarget(name: "NonlinearFitTests", dependencies: ["NonlinearFit", "LinearAlgebra", "TestSupport"]),
    .testTarget(name: "ScalingLawsTests", dependencies: ["ScalingLaws", "NonlinearFit", "TestSupport"]),
    .testTarget(name: "ForecastTests", dependencies: ["Forecast", "ScalingLaws", "TestSupport"]),
    .testTarget(name: "ReportsTests", dependencies: ["Reports", "ScalingLaws", "TestSupport"]),
    // Runs the built `scaling-laws` binary; the dependency makes `swift test` build it first.
    .testTarget(name: "CLITests", dependencies: ["TestSupport", "scaling-laws"], exclude: ["Snapshots"]),
    // Property-based tests (seeded): round trips, fitting invariances, first-order conditions.
    .testTarget(
        name: "PropertyTests",
        dependencies: [
            "ScalingLaws", "NonlinearFit", "Forecast", "TestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]
    ),
]

// MARK: - Package

let package = Package(
    name: "scaling-laws",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ScalingLaws", targets: ["ScalingLaws", "NonlinearFit", "LinearAlgebra", "Forecast", "Reports"]),
        .executable(name: "scaling-laws", targets: ["scaling-laws"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: systemLibraries + libraries + executables + tests,
    swiftLanguageModes: [.v6]
)
