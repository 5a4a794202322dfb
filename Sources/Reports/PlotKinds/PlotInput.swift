import Foundation
import NonlinearFit
import ScalingLaws

/// What the fit-based figures are drawn from: a fit, its law, and the data (columns named by the
/// law's roles, as `ScalingLaws/ColumnRoles/dataset(from:extraColumns:)` returns them).
///
/// Everything here evaluates the fitted law; nothing is refitted.
public struct PlotInput: Sendable {
    /// The fit drawn.
    public let fit: LawFit
    /// Its law, from the catalog.
    public let law: any ScalingLaw
    /// The data, columns named by the law's roles.
    public let data: Dataset
    /// The runs the points were reduced from, with their logged curves, when the data came from
    /// training logs (`ScalingLaws/LogReadOptions/keepCurves`); `curves` draws each run's curve.
    public var runs: [LadderRun] = []

    /// - Throws: `ScalingLaws/LawFitError` when the artifact names an unknown law,
    ///   `ScalingLaws/DataError/missingColumn(source:column:suggestion:available:)` when the
    ///   data lacks one of the law's roles.
    public init(fit: LawFit, data: Dataset) throws {
        self.fit = fit
        self.law = try fit.resolvedLaw()
        self.data = data
        for role in law.inputs.map(\.role) + [law.response.role] { _ = try data.column(role) }
    }

    /// Input columns in the law's order.
    var inputs: [[Double]] { law.inputs.map { (try? data.column($0.role)) ?? [] } }

    /// The response column.
    var response: [Double] { (try? data.column(law.response.role)) ?? [] }

    var roles: [String] { law.inputs.map(\.role) }

    /// The response as recorded in the data: the law's response variable, or, when its role was
    /// read from another column (`--x loss=hellaswag_bpb`), that column and the unit its name
    /// states (see ``RecordedVariable``). Axis labels and titles name this, not the law's
    /// generic response.
    var responseVariable: LawVariable { RecordedVariable.variable(law.response, in: data) }

    /// The response's name for titles: the recorded column (`loss`, `c4_bpb`).
    var responseName: String { data.label(of: law.response.role) }

    /// Whether the law's inputs are exactly (N, D).
    var isNDLaw: Bool { roles == ["N", "D"] }

    /// The law's prediction at row `i`.
    func predicted(_ i: Int) -> Double {
        law.evaluate(inputs.map { $0[i] }, fit.values)
    }

    /// The residual of row `i` in the space the fit minimised: `ln(y/ŷ)` for log-space
    /// objectives, `y − ŷ` otherwise.
    func residual(_ i: Int, y: Double, yhat: Double) -> Double {
        fit.objective.isLogSpace ? log(y / yhat) : y - yhat
    }

    /// All residuals, in row order (NaN where not defined).
    var residuals: [Double] {
        let ys = response
        let xs = inputs
        var out: [Double] = []
        out.reserveCapacity(ys.count)
        for i in ys.indices {
            let yhat = law.evaluate(xs.map { $0[i] }, fit.values)
            out.append(residual(i, y: ys[i], yhat: yhat))
        }
        return out
    }

    /// The residual standard deviation `s = √(Σ r²/dof)` in the objective's space (log units
    /// for log-space objectives), over the rows with a finite residual; the scatter of a new
    /// run about the mean curve.
    var residualScatter: Double? {
        var sum = 0.0, count = 0
        for r in residuals where r.isFinite {
            sum += r * r
            count += 1
        }
        let dof = count - fit.parameters.filter { !$0.fixed }.count
        guard count > 0, dof > 0 else { return nil }
        return (sum / Double(dof)).squareRoot()
    }

    /// A label for a variable: `N (parameters)`, `σ, updates-to-data ratio (updates/step)`.
    static func axisLabel(_ v: LawVariable) -> String {
        // A summary that already ends in the symbol (`…; the law uses log10 C`) is not followed by it again.
        let name = v.symbol == v.summary || v.summary.hasSuffix(" " + v.symbol) ? v.summary : "\(v.summary) \(v.symbol)"
        // A column name that already gives the unit (`Training compute (FLOP)`) keeps it once.
        return v.unit.isEmpty || name.contains("(\(v.unit))") ? name : "\(name) (\(v.unit))"
    }

    /// Short `law fitted to source (rows)` line for subtitles.
    var subtitle: String {
        let file = URL(fileURLWithPath: data.source).lastPathComponent
        return "\(fit.law): \(fit.formula) — \(file) (\(data.count) rows)"
    }

    /// Training compute `C = 6ND` per row for (N, D) laws, the `C` input when the law has one,
    /// else the first input; with its axis label.
    var computeAxis: (values: [Double], label: String) {
        let xs = inputs
        if isNDLaw {
            let c = zip(xs[0], xs[1]).map { 6 * $0 * $1 }
            return (c, "training compute C = 6ND (FLOP)")
        }
        if let k = roles.firstIndex(of: "C") {
            return (xs[k], PlotInput.axisLabel(law.inputs[k]))
        }
        return (xs.first ?? [], law.inputs.first.map(PlotInput.axisLabel) ?? "x")
    }

    /// The Student-t quantile of the fit's confidence level with the fit's degrees of freedom.
    var tQuantile: Double? {
        let dof = Double(fit.statistics.degreesOfFreedom)
        guard dof > 0 else { return nil }
        let t = Distributions.studentTQuantile(0.5 + fit.confidenceLevel / 2, degreesOfFreedom: dof)
        return t.isFinite ? t : nil
    }

    /// `95%` for the fit's level.
    var levelText: String { NumberFormat.significant(fit.confidenceLevel * 100, digits: 4) + "%" }
}

/// Scale choice shared by the kinds.
enum PlotScales {
    /// Log when every value is positive and they span more than `ratio`.
    static func scale(for values: [Double], ratio: Double = 20) -> AxisScale {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        guard lo.isFinite, lo > 0, hi / lo > ratio else { return .linear }
        return .log
    }

    /// `count` points from `lo` to `hi`, geometric on a log scale.
    static func grid(_ lo: Double, _ hi: Double, count: Int, scale: AxisScale) -> [Double] {
        guard count >= 2 else { return [lo] }
        return (0..<count).map { k in
            let t = Double(k) / Double(count - 1)
            if k == count - 1 { return hi }
            switch scale {
            case .log: return lo * pow(hi / lo, t)
            case .linear: return lo + (hi - lo) * t
            }
        }
    }

    /// Tick style for a variable's unit: counts in the `70B` style, everything else with powers of ten.
    static func tickStyle(unit: String) -> TickLabelStyle {
        ["parameters", "tokens", "params"].contains(unit) ? .human : .superscript
    }
}
