import Foundation
import Forecast
import ScalingLaws

/// What `scaling-laws utd` prints: the budget-optimal UTD ratio per threshold with its data
/// and compute, the σ* = c·F^k law (fitted with held-out thresholds, or published), and the
/// UTD ratio it recommends for given budgets.
public struct UTDReport: Sendable, Encodable {
    /// One environment's best batch size and learning rate at a σ, and where that σ comes from.
    public struct HyperparameterRow: Sendable, Encodable {
        /// `J = 800` or `F = 1e+16`.
        public let at: String
        /// The best batch size and learning rate there.
        public let point: UTDHyperparameterLaws.Point

        /// A row.
        /// - Parameters:
        ///   - at: Where σ comes from (`J = 800` or `F = 1e+16`).
        ///   - point: The best batch size and learning rate.
        public init(at: String, point: UTDHyperparameterLaws.Point) {
            self.at = at
            self.point = point
        }
    }

    /// Where the laws come from (a preset or fit files).
    public var source: String
    /// `N = 1.5e5 critic parameters, δ = 4e9 FLOP per environment step`.
    public var setting: String
    /// The UTD ratios searched.
    public var range: [Double]
    /// The budget-optimal σ* per threshold J, with its data and compute.
    public var optima: [UTDOptimum] = []
    /// The fitted `σ* = c·F^k` law across thresholds, when fitted.
    public var scaling: UTDThresholdScaling?
    /// The law used for ``budgets`` and where it comes from.
    public var powerLaw: UTDPowerLaw?
    /// Where ``powerLaw`` comes from.
    public var powerLawSource: String?
    /// What each budget buys: σ*(F), the highest threshold J reached, its data and compute.
    public var budgets: [UTDBudgetDecision] = []
    /// The best batch size and learning rate per environment at each threshold's σ* and each
    /// budget's σ*(F), labelled by where σ comes from (`J = 800`, `F = 1e+16`).
    public var hyperparameters: [HyperparameterRow] = []
    /// `--hparams FILE: B* ∝ σ^−0.31, η* ∝ σ^−0.15 (shared slopes, 4 environments)`.
    public var hyperparameterSource: String?
    /// The suite the law set belongs to.
    public var suite: UTDSuite = .gym
    /// Every warning of the report (σ* outside the fitted range, a budget below every threshold).
    public var warnings: [UTDWarning] { budgets.flatMap(\.warnings) }

    /// A report with no rows yet.
    /// - Parameters:
    ///   - source: Where the laws come from.
    ///   - setting: The critic size and step cost.
    ///   - range: The UTD ratios searched.
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
            return try self.report(report).render(format, payload: report)
        }
    }

    /// The report as a ``Report``: the setting, one section per table, and the warnings.
    public static func report(_ report: UTDReport) -> Report {
        let g = { (v: Double) in NumberFormat.significant(v, digits: 4) }
        let cell = { (v: Double?) in v.map { ReportCell(g($0), exact: NumberFormat.exact($0)) } ?? ReportCell("-") }
        var fields: [(String, String)] = [
            ("suite", report.suite.description),
            ("source", report.source),
            ("setting", report.setting),
            ("model", "F(σ) = C_J(σ) + δ·D_J(σ), C_J = 10·N·B̄(σ)·σ·D_J(σ), σ* = argmin F over σ ∈ [\(g(report.range[0])), \(g(report.range[1]))] (Rybkin et al. 2025)"),
        ]
        if let law = report.powerLaw {
            fields.append(("σ* law", "σ* = \(NumberFormat.significant(law.coefficient, digits: 4))·F^\(NumberFormat.significant(law.exponent, digits: 4)) (\(report.powerLawSource ?? ""))"))
        }
        var summary = ReportSection(title: "RL updates-to-data decisions")
        summary.fields(fields)
        var document = Report(title: "RL updates-to-data decisions", sections: [summary])
        if !report.optima.isEmpty {
            var table = ReportTable(columns: [
                .number("threshold J"), .number("σ*"), .number("D_J (steps)"), .number("B̄"), .number("C_J (FLOP)"), .number("F* (FLOP)"),
                ReportColumn("note"),
            ])
            let held = Set((report.scaling?.heldOut ?? []).compactMap(\.optimum.threshold))
            for o in report.optima {
                var note = o.interior ? "" : "at range edge"
                if let j = o.threshold, held.contains(j) { note = "held out" }
                table.append([cell(o.threshold), cell(o.sigma), cell(o.steps), cell(o.batchSize), cell(o.compute), cell(o.budget), ReportCell(note)])
            }
            var section = ReportSection(title: "Budget-optimal UTD per threshold")
            section.table(table)
            document.append(section)
        }
        if let scaling = report.scaling, !scaling.heldOut.isEmpty {
            var table = ReportTable(columns: [.number("held-out J"), .number("F* (FLOP)"), .number("σ* actual"), .number("σ* predicted"), .number("error")])
            for h in scaling.heldOut {
                table.append([cell(h.optimum.threshold), cell(h.optimum.budget), cell(h.optimum.sigma), cell(h.predictedSigma),
                              ReportCell(NumberFormat.fixed(100 * h.relativeError, decimals: 1) + "%")])
            }
            var section = ReportSection(title: "Extrapolation of σ* = c·F^k to the held-out thresholds")
            section.table(table)
            document.append(section)
        }
        if !report.budgets.isEmpty {
            var table = ReportTable(columns: [
                .number("budget F (FLOP)"), .number("σ*(F)"), .number("J reached"), .number("D_J (steps)"), .number("C_J (FLOP)"),
                .number("F_J(σ) (FLOP)"), .number("next J needs (FLOP)"), ReportColumn("note"),
            ])
            for b in report.budgets {
                let o = b.reached
                let inside = report.range[0] <= b.sigma && b.sigma <= report.range[1]
                let reached = o?.threshold.map { b.next == nil ? "≥ \(g($0))" : g($0) } ?? "below \(b.next?.threshold.map(g) ?? "-")"
                let next = b.next.map { "J = \(g($0.threshold ?? .nan)): \(g($0.budget))" } ?? "-"
                table.append([cell(b.budget), cell(b.sigma), ReportCell(reached), cell(o?.steps), cell(o?.compute), cell(o?.budget),
                              ReportCell(next), ReportCell(inside ? "" : "σ* outside fitted range")])
            }
            var section = ReportSection(title: "What a budget reaches", subtitle: "σ*(F) and the highest threshold J with F_J(σ*) ≤ F")
            section.table(table)
            document.append(section)
        }
        if !report.hyperparameters.isEmpty {
            var table = ReportTable(columns: [
                ReportColumn("at"), ReportColumn("environment"), .number("σ"), .number("batch size B*"), .number("low"), .number("high"),
                .number("learning rate η*"), .number("low"), .number("high"),
            ])
            for row in report.hyperparameters {
                let p = row.point
                table.append([ReportCell(row.at), ReportCell(p.environment), cell(p.sigma), cell(p.batchSize), cell(p.batchSizeLower), cell(p.batchSizeUpper),
                              cell(p.learningRate), cell(p.learningRateLower), cell(p.learningRateUpper)])
            }
            var section = ReportSection(title: "Best batch size and learning rate per environment", subtitle: report.hyperparameterSource)
            section.table(table)
            document.append(section)
        }
        if !report.warnings.isEmpty {
            var section = ReportSection(title: "Warnings")
            section.warnings(report.warnings.map(\.description))
            document.append(section)
        }
        return document
    }
}
