import Foundation
import ScalingLaws

/// The saved Approach-2 result (`scaling-laws isoflop FILE --output iso.json`): the frontier
/// `N* = k_N·C^a`, `D* = k_D·C^b` with the covariance of `(log k, exponent)` of each line,
/// every budget's profile (accepted or refused, with the reason), the runs, the Approach-3
/// comparison, the inputs and the settings. Read back by `optimal`, `forecast` (``LawSource``)
/// and `plot`, which extrapolate the frontier with ``IsoFlopFrontier/extrapolate(to:)``.
/// The file's `kind` and `schemaVersion` are added by the artifact writer.
public struct IsoFlopArtifact: Sendable, Equatable, Codable {
    /// What made the analysis: the data file and its digest, the explicit columns and filters.
    public struct Inputs: Sendable, Equatable, Codable {
        /// The data file as given.
        public let file: String
        /// FNV-1a 64-bit digest of the file's bytes, hex (``digest(_:)``).
        public let digest: String
        /// Explicit column roles (`role → column`), as given.
        public let columns: [String: String]
        /// The row filters, as their descriptions.
        public let filters: [String]
        /// The budget column, given or found by name, or `nil` (runs grouped by `C = 6ND`).
        public let budgetColumn: String?

        /// The inputs.
        /// - Parameters:
        ///   - file: The data file as given.
        ///   - digest: FNV-1a 64-bit digest of its bytes.
        ///   - columns: Explicit column roles, as given.
        ///   - filters: The row filters, as their descriptions.
        ///   - budgetColumn: The budget column, or `nil`.
        public init(file: String, digest: String, columns: [String: String], filters: [String], budgetColumn: String?) {
            self.file = file
            self.digest = digest
            self.columns = columns
            self.filters = filters
            self.budgetColumn = budgetColumn
        }

        /// FNV-1a 64-bit of `bytes`, as 16 hex digits.
        public static func digest(_ bytes: some Sequence<UInt8>) -> String {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            let hex = String(hash, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }
    }

    /// The analysis settings.
    public struct Settings: Sendable, Equatable, Codable {
        /// The profile shape's name (`parabola`, `cubic`, `huber`, `interpolated`).
        public let profile: String
        /// How runs were grouped into budgets.
        public let grouping: IsoFlopGrouping
        /// Distinct sizes kept on each side of a budget's lowest-loss size, or `nil` for every run.
        public let neighbours: Int?
        /// Level of the intervals.
        public let confidenceLevel: Double
        /// Whether the parametric fit (Approach 3) was run beside.
        public let compareApproach3: Bool

        /// The settings of `options`.
        /// - Parameter options: The analysis options.
        public init(_ options: IsoFlopOptions) {
            profile = options.shape.name
            grouping = options.grouping
            neighbours = options.neighbours
            confidenceLevel = options.confidenceLevel
            compareApproach3 = options.compareApproach3
        }

        /// The options these settings record.
        public var options: IsoFlopOptions {
            IsoFlopOptions(
                shape: IsoFlopProfileShape(name: profile) ?? .parabola, grouping: grouping, neighbours: neighbours,
                confidenceLevel: confidenceLevel, compareApproach3: compareApproach3)
        }
    }

    /// The tool that wrote the artifact (`scaling-laws`).
    public let tool: String
    /// Its version.
    public let toolVersion: String
    /// What made the analysis.
    public let inputs: Inputs
    /// The analysis settings.
    public let settings: Settings
    /// The fitted frontier `N* = k_N·C^a`, `D* = k_D·C^b`.
    public let frontier: IsoFlopFrontier
    /// Every budget's profile, accepted or refused (with the reason).
    public let profiles: [IsoFlopProfile]
    /// The parametric comparison, or `nil` when not asked for or failed.
    public let approach3: IsoFlopApproach3Comparison?
    /// Why the parametric fit failed, when it did.
    public let approach3Failure: String?
    /// The runs of the analysis (after filters), for figures.
    public let runs: [IsoFlopRun]

    /// The artifact of `analysis` made from `runs`.
    /// - Throws: ``IsoFlopError/tooFewBudgets(accepted:budgets:reasons:)`` when the analysis has no frontier.
    public init(analysis: IsoFlopAnalysis, runs: [IsoFlopRun], inputs: Inputs) throws {
        guard let frontier = analysis.frontier else {
            throw IsoFlopError.tooFewBudgets(
                accepted: analysis.accepted.count, budgets: analysis.profiles.count, reasons: analysis.profiles.compactMap(\.reason))
        }
        self.tool = "scaling-laws"
        self.toolVersion = LawFit.currentToolVersion
        self.inputs = inputs
        self.settings = Settings(analysis.options)
        self.frontier = frontier
        self.profiles = analysis.profiles
        self.approach3 = analysis.approach3
        self.approach3Failure = analysis.approach3Failure
        self.runs = runs
    }

    /// One line about the origin: `N* ∝ C^0.4916 from 7 of 8 budgets of runs.csv (digest …), parabola profiles`.
    public var detail: String {
        let accepted = profiles.filter(\.isAccepted).count
        return "iso-FLOP frontier N* = k·C^a, a = \(String(format: "%.4f", frontier.parameterLaw.exponent)), from "
            + "\(accepted) of \(profiles.count) budgets of \(inputs.file) (digest fnv1a64:\(inputs.digest)), \(settings.profile) profiles, "
            + "by \(tool) \(toolVersion)"
    }
}
