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
    .target(name: "Forecast", dependencies: ["ScalingLaws", "NonlinearFit", "LinearAlgebra"]),
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
    .testTarget(name: "CLITests", dependencies: ["TestSupport", "ScalingLaws", "scaling-laws"], exclude: ["Snapshots"]),
    // Property-based tests (seeded): round trips, fitting invariances, first-order conditions.
    .testTarget(
        name: "PropertyTests",
        dependencies: [
            "ScalingLaws", "NonlinearFit", "Forecast", "TestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]
    ),
]

// MARK: - Notebooks

/// Paper reproductions as scripts (`swift run <name>`), one folder each under
/// `Notebooks-as-scripts/`, sharing the `NotebookSupport` helpers.
let notebookNames = [
    "hoffmann2022-approach3",
    "besiroglu2024-replication",
    "kaplan2020-laws",
    "muennighoff2023-data-constrained",
    "liang2024-dit",
    "goyal2024-qqt",
    "rybkin2025-utd",
    "cottier2024-costs",
    "owen2024-benchmarks",
    "hoffmann2022-approach2",
    "bhagia2024-ladder",
    "tissue2024-lr-annealing",
    "luo2025-multi-power",
    "marin2026-recipes",
    "ruan2024-observational",
]

let notebooks: [Target] = [
    .target(name: "NotebookSupport", dependencies: ["ScalingLaws", "Reports"], path: "Notebooks-as-scripts/NotebookSupport"),
] + notebookNames.map { name in
    .executableTarget(
        name: name,
        dependencies: ["NotebookSupport", "ScalingLaws", "Forecast"],
        path: "Notebooks-as-scripts/\(name)"
    )
} + [
    // Runs every notebook with --quick through the built executables; the dependencies make
    // `swift test` build them first.
    .testTarget(
        name: "NotebookTests",
        dependencies: ["TestSupport", "NotebookSupport"] + notebookNames.map { .target(name: $0) },
        path: "Tests/NotebookTests"
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
        // `swift package generate-documentation` for the DocC catalogs under Sources/<Module>/<Module>.docc.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: systemLibraries + libraries + executables + tests + notebooks,
    swiftLanguageModes: [.v6]
)
