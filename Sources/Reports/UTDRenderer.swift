import Foundation
import Forecast
import ScalingLaws

/// What `scaling-laws utd` prints: the budget-optimal UTD ratio per threshold with its data
/// and compute, the σ* = c·F^k law (fitted with held-out thresholds, or published), and the
/// UTD ratio it recommends for given budgets.
public struct UTDReport: Sendable, Encodable {
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
    /// What each budget buys: σ*(F), the highest threshold J reached, its data and compute.
    public var budgets: [UTDBudgetDecision] = []
    /// The suite the law set belongs to.
    public var suite: UTDSuite = .gym
    /// Every warning of the report (σ* outside the fitted range, a budget below every threshold).
    public var warnings: [UTDWarning] { budgets.flatMap(\.warnings) }

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
            var table = TextTable(header: ["kind", "threshold", "budget_flop", "sigma", "steps", "mean_batch_size", "compute_flop", "budget_at_sigma_flop", "interior", "next_threshold", "next_budget_at_sigma_flop"])
            let e = NumberFormat.exact
            for o in report.optima {
                table.append(["optimum", e(o.threshold), e(o.budget), e(o.sigma), e(o.steps), e(o.batchSize), e(o.compute), e(o.budget), o.interior ? "true" : "false", "", ""])
            }
            for b in report.budgets {
                let o = b.reached
                let inside = report.range[0] <= b.sigma && b.sigma <= report.range[1]
                table.append(["budget", e(o?.threshold), e(b.budget), e(b.sigma), e(o?.steps), e(o?.batchSize), e(o?.compute), e(o?.budget),
                              inside ? "true" : "false", e(b.next?.threshold), e(b.next?.budget)])
            }
            return table.csv()
        case .table, .markdown:
            var fields: [(String, String)] = [
                ("suite", report.suite.description),
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
                var grid = TextTable(header: ["budget F (FLOP)", "σ*(F)", "J reached", "D_J (steps)", "C_J (FLOP)", "F_J(σ) (FLOP)", "next J needs (FLOP)", "note"],
                                     numeric: [true, true, true, true, true, true, true, false])
                for b in report.budgets {
                    let o = b.reached
                    let inside = report.range[0] <= b.sigma && b.sigma <= report.range[1]
                    let reached = o?.threshold.map { b.next == nil ? "≥ \(g($0))" : g($0) } ?? "below \(b.next?.threshold.map(g) ?? "-")"
                    let next = b.next.map { "J = \(g($0.threshold ?? .nan)): \(g($0.budget))" } ?? "-"
                    grid.append([g(b.budget), g(b.sigma), reached, o.map { g($0.steps) } ?? "-", o.map { g($0.compute) } ?? "-",
                                 o.map { g($0.budget) } ?? "-", next, inside ? "" : "σ* outside fitted range"])
                }
                sections.append(("What a budget reaches: σ*(F) and the highest threshold J with F_J(σ*) ≤ F", grid))
            }
            for warning in report.warnings { fields.append(("warning", warning.description)) }
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
