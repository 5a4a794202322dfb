import Foundation
import Forecast
import ScalingLaws

/// What `scaling-laws utd` prints: the budget-optimal UTD ratio per threshold with its data
/// and compute, the σ* = c·F^k law (fitted with held-out thresholds, or published), and the
/// UTD ratio it recommends for given budgets.
public struct UTDReport: Sendable, Encodable {
    /// A UTD ratio recommended for a budget by the power law, and what it costs at the
    /// reference threshold.
    public struct BudgetRow: Sendable, Encodable {
        public let budget: Double
        public let sigma: Double
        /// `D_J`, `C_J` and `F_J` at that σ for the reference threshold, when one is known.
        public let atThreshold: UTDOptimum?

        public init(budget: Double, sigma: Double, atThreshold: UTDOptimum?) {
            self.budget = budget
            self.sigma = sigma
            self.atThreshold = atThreshold
        }
    }

    public var source: String
    /// `N = 1.5e5 critic parameters, δ = 4e9 FLOP per environment step`.
    public var setting: String
    /// The UTD ratios searched.
    public var range: [Double]
    public var optima: [UTDOptimum] = []
    public var scaling: UTDThresholdScaling?
    /// The law used for ``budgets`` and where it comes from.
    public var powerLaw: UTDPowerLaw?
    public var powerLawSource: String?
    public var budgets: [BudgetRow] = []

    public init(source: String, setting: String, range: ClosedRange<Double>) {
        self.source = source
        self.setting = setting
        self.range = [range.lowerBound, range.upperBound]
    }
}

/// Renders a ``UTDReport``: σ (updates per environment step), `D_J` (environment steps),
/// `C_J` and `F` (FLOP).
public enum UTDRenderer {
    /// The report in `format`, ending in a newline.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ report: UTDReport, format: ReportFormat) throws -> String {
        let g = { (v: Double) in NumberFormat.significant(v, digits: 4) }
        switch format {
        case .json:
            return try ReportJSON.string(report)
        case .csv:
            var table = TextTable(header: ["kind", "threshold", "budget_flop", "sigma", "steps", "mean_batch_size", "compute_flop", "budget_at_sigma_flop", "interior"])
            let e = NumberFormat.exact
            for o in report.optima {
                table.append(["optimum", e(o.threshold), e(o.budget), e(o.sigma), e(o.steps), e(o.batchSize), e(o.compute), e(o.budget), o.interior ? "true" : "false"])
            }
            for b in report.budgets {
                let o = b.atThreshold
                table.append(["budget", e(o?.threshold), e(b.budget), e(b.sigma), e(o?.steps), e(o?.batchSize), e(o?.compute), e(o?.budget), ""])
            }
            return table.csv()
        case .table, .markdown:
            var fields: [(String, String)] = [
                ("source", report.source),
                ("setting", report.setting),
                ("model", "F(σ) = C_J(σ) + δ·D_J(σ), C_J = 10·N·B̄(σ)·σ·D_J(σ), σ* = argmin F over σ ∈ [\(g(report.range[0])), \(g(report.range[1]))] (Rybkin et al. 2025)"),
            ]
            if let law = report.powerLaw {
                fields.append(("σ* law", "σ* = \(NumberFormat.significant(law.coefficient, digits: 4))·F^\(NumberFormat.significant(law.exponent, digits: 4)) (\(report.powerLawSource ?? ""))"))
            }
            var sections: [(String, TextTable)] = []
            if !report.optima.isEmpty {
                var grid = TextTable(header: ["threshold J", "σ*", "D_J (steps)", "B̄", "C_J (FLOP)", "F* (FLOP)", "note"],
                                     numeric: [true, true, true, true, true, true, false])
                let held = Set((report.scaling?.heldOut ?? []).compactMap(\.optimum.threshold))
                for o in report.optima {
                    var note = o.interior ? "" : "at range edge"
                    if let j = o.threshold, held.contains(j) { note = "held out" }
                    grid.append([o.threshold.map(g) ?? "-", g(o.sigma), g(o.steps), g(o.batchSize), g(o.compute), g(o.budget), note])
                }
                sections.append(("Budget-optimal UTD per threshold", grid))
            }
            if let scaling = report.scaling, !scaling.heldOut.isEmpty {
                var grid = TextTable(header: ["held-out J", "F* (FLOP)", "σ* actual", "σ* predicted", "error"], numeric: [true, true, true, true, true])
                for h in scaling.heldOut {
                    grid.append([h.optimum.threshold.map(g) ?? "-", g(h.optimum.budget), g(h.optimum.sigma), g(h.predictedSigma),
                                 NumberFormat.fixed(100 * h.relativeError, decimals: 1) + "%"])
                }
                sections.append(("Extrapolation of σ* = c·F^k to the held-out thresholds", grid))
            }
            if !report.budgets.isEmpty {
                let threshold = report.budgets.first?.atThreshold?.threshold
                let at = threshold.map { " at J = \(g($0))" } ?? ""
                var grid = TextTable(header: ["budget F (FLOP)", "σ*(F)", "D_J\(at) (steps)", "C_J (FLOP)", "F_J(σ) (FLOP)"],
                                     numeric: [true, true, true, true, true])
                for b in report.budgets {
                    let o = b.atThreshold
                    grid.append([g(b.budget), g(b.sigma), o.map { g($0.steps) } ?? "-", o.map { g($0.compute) } ?? "-", o.map { g($0.budget) } ?? "-"])
                }
                sections.append(("UTD ratio for a budget", grid))
            }
            if format == .markdown {
                var out = "## RL updates-to-data decisions\n\n" + fields.map { "- \($0.0): \($0.1)\n" }.joined()
                for (title, grid) in sections { out += "\n### \(title)\n\n" + grid.markdown() }
                return out
            }
            var out = "RL updates-to-data decisions\n" + FitReportRenderer.keyValues(fields, separator: ": ", indent: "")
            for (title, grid) in sections { out += "\n\(title)\n" + grid.plainText() }
            return out
        }
    }
}
