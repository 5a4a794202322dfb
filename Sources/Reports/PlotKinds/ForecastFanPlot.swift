import Foundation
import Forecast
import ScalingLaws

/// `--kind forecast`: the fitted law carried beyond the data with two bands at the fit's level.
///
/// - Laws of (N, D): the loss at the compute-optimal allocation (`Forecast/ForecastTable`)
///   against the budget, from the smallest run's compute to 10⁴ times the largest; the runs in
///   grey.
/// - Laws of one input: the law against its input, from the smallest value to 100 times the
///   largest (log axes) or half the data's span beyond it (linear axes). The axes name the
///   columns the fit read (`RecordedVariable`: `C` and `FID` for a DiT fit with
///   `--x x=C --x y=FID`), and the y axis is logarithmic for a power law (`power-law`, Kaplan's
///   single-variable laws), a straight line there.
/// - `xRange` (`plot --x-range LO:HI`) replaces the default x range, e.g. to reach the budget a
///   forecast is for.
///
/// Bands (`t` = Student-t quantile with the fit's degrees of freedom, `se` = the delta-method
/// standard error of the mean curve from the fit covariance, `ScalingLaws/LawFit/predict(_:)`,
/// `s` = residual standard deviation of the fit, `PlotInput/residualScatter`):
///
/// ```
/// confidence (mean curve):  ŷ ± t·se                   log-space fits: ŷ·exp(±t·se/ŷ)
/// prediction (a new run):   ŷ ± t·√(se² + s²)          log-space fits: ŷ·exp(±t·√((se/ŷ)² + s²))
/// ```
/// The confidence band is the one `Forecast/ForecastTable` prints. Both ignore the
/// uncertainty of where the optimum lies.
///
/// When the fit stores bootstrap draws (`fit --bootstrap`), both bands are the bootstrap's
/// instead (`ScalingLaws/LawFit/bootstrapPrediction(_:)`, at the bootstrap's level): the
/// CI is the percentile interval of `f(x; θ*_j)` over the draws, the PI that of
/// `f(x; θ*_j)` with a residual of the full fit added in the objective's space.
///
/// Benchmark laws (`LawFamily.benchmark`): both bands are clipped to the score's domain, [0, 1]
/// (or [0, 100] when the scores are percentages), and the response's floor (chance, or the
/// fitted floor) is drawn as a dashed line.
public enum ForecastFanPlot {
    /// Lower and upper curves of both bands; `nil` entries where a band is undefined.
    public struct Bands: Sendable, Equatable {
        /// Lower curve of the confidence band of the mean curve.
        public var confidenceLower: [Double]
        /// Upper curve of the confidence band of the mean curve.
        public var confidenceUpper: [Double]
        /// Lower curve of the prediction band of a new run.
        public var predictionLower: [Double]
        /// Upper curve of the prediction band of a new run.
        public var predictionUpper: [Double]
    }

    /// The bands around `values` with delta-method standard errors `standardErrors` (NaN where
    /// there is none), Student-t quantile `t` and residual scatter `scatter` (log units when
    /// `logSpace`). Without a standard error the prediction band uses the scatter alone.
    public static func bands(values: [Double], standardErrors: [Double], t: Double, scatter s: Double, logSpace: Bool) -> Bands {
        var out = Bands(confidenceLower: [], confidenceUpper: [], predictionLower: [], predictionUpper: [])
        for (value, se) in zip(values, standardErrors) {
            if logSpace {
                let seLog = se / value
                let halfCI = t * seLog
                let halfPI = t * (seLog.isFinite ? (seLog * seLog + s * s).squareRoot() : s)
                out.confidenceLower.append(value * exp(-halfCI))
                out.confidenceUpper.append(value * exp(halfCI))
                out.predictionLower.append(value * exp(-halfPI))
                out.predictionUpper.append(value * exp(halfPI))
            } else {
                let halfCI = t * se
                let halfPI = t * (se.isFinite ? (se * se + s * s).squareRoot() : s)
                out.confidenceLower.append(value - halfCI)
                out.confidenceUpper.append(value + halfCI)
                out.predictionLower.append(value - halfPI)
                out.predictionUpper.append(value + halfPI)
            }
        }
        return out
    }

    /// The forecast fan described above.
    /// - Parameters:
    ///   - input: The fit, its law and its data.
    ///   - cost: The cost model of the compute axis (default `6ND`).
    ///   - xRange: The range of the horizontal axis, or `nil` to extend past the data.
    /// - Returns: The figure.
    /// - Throws: `PlotError.nothingToDraw` when no run or budget can be placed,
    ///   `PlotError.notApplicable` when the law cannot be forecast over compute.
    public static func figure(_ input: PlotInput, cost: CostModel = .sixND, xRange: ClosedRange<Double>? = nil) throws -> Figure {
        let law = input.law
        var x: [Double] = [], center: [Double] = [], se: [Double] = []
        // Bootstrap bands, filled only when the fit stores draws.
        let bootstrap = input.fit.bootstrap
        var boot = Bands(confidenceLower: [], confidenceUpper: [], predictionLower: [], predictionUpper: [])
        func appendBootstrap(_ ci: (Double?, Double?), _ pi: (Double?, Double?)) {
            boot.confidenceLower.append(ci.0 ?? .nan)
            boot.confidenceUpper.append(ci.1 ?? .nan)
            boot.predictionLower.append(pi.0 ?? .nan)
            boot.predictionUpper.append(pi.1 ?? .nan)
        }
        var figure: Figure
        if input.isNDLaw {
            let (budgets, _) = input.computeAxis
            let positive = budgets.filter { $0.isFinite && $0 > 0 }
            guard let lo = positive.min(), let hi = positive.max() else {
                throw PlotError.nothingToDraw(kind: .forecast, reason: "no run with positive N and D")
            }
            let optimizer = try ComputeOptimizer(law: law, parameters: input.fit.values, cost: cost)
            for c in PlotScales.grid(xRange?.lowerBound ?? lo, xRange?.upperBound ?? hi * 1e4, count: 50, scale: .log) {
                guard let table = try? ForecastTable.make(optimizer: optimizer, budgets: [c], fit: input.fit, label: "", detail: ""),
                      let row = table.rows.first else { continue }
                x.append(c)
                center.append(row.loss)
                se.append(row.standardError ?? .nan)
                // With draws stored, the table's intervals are the bootstrap percentiles.
                if bootstrap != nil { appendBootstrap((row.lower, row.upper), (row.predictionLower, row.predictionUpper)) }
            }
            guard !x.isEmpty else {
                throw PlotError.nothingToDraw(kind: .forecast, reason: "the law has no compute-optimal allocation in the budget range")
            }
            figure = Figure(
                title: "Forecast: compute-optimal \(input.responseName) vs compute",
                subtitle: input.subtitle,
                x: PlotAxis(label: "training compute C (FLOP), \(cost.description)", scale: .log),
                y: PlotAxis(label: PlotInput.axisLabel(input.responseVariable), scale: .linear))
            figure.series.append(.scatter("runs (\(input.data.count))", x: budgets, y: input.response, color: .grey, hollow: true))
        } else if law.inputs.count == 1 {
            let values = input.inputs[0].filter(\.isFinite)
            guard let lo = values.min(), let hi = values.max(), hi > lo else {
                throw PlotError.nothingToDraw(kind: .forecast, reason: "the input \(law.inputs[0].role) has no spread")
            }
            var scale = PlotScales.scale(for: values)
            if let xRange, xRange.upperBound / xRange.lowerBound >= 10 { scale = .log }
            let top = scale == .log ? hi * 100 : hi + (hi - lo) / 2
            for v in PlotScales.grid(xRange?.lowerBound ?? lo, xRange?.upperBound ?? top, count: 80, scale: scale) {
                guard let p = try? input.fit.predict([v]) else { continue }
                x.append(v)
                center.append(p.value)
                se.append(p.standardError ?? .nan)
                if bootstrap != nil {
                    let b = try? input.fit.bootstrapPrediction([v])
                    appendBootstrap((b?.confidence.lower, b?.confidence.upper), (b?.prediction.lower, b?.prediction.upper))
                }
            }
            let inputVariable = RecordedVariable.variable(law.inputs[0], in: input.data)
            let powerLaw = law is PowerLaw || law is KaplanSingleLaw
            let positive = (input.response + center).allSatisfy { !$0.isFinite || $0 > 0 }
            let yScale: AxisScale = powerLaw && positive ? .log : PlotScales.scale(for: input.response + center, ratio: 10)
            figure = Figure(
                title: "Forecast: \(input.responseVariable.summary) vs \(inputVariable.summary)",
                subtitle: input.subtitle,
                x: PlotAxis(label: PlotInput.axisLabel(inputVariable), scale: scale),
                y: PlotAxis(label: PlotInput.axisLabel(input.responseVariable), scale: yScale))
            figure.series.append(.scatter("runs (\(input.data.count))", x: input.inputs[0], y: input.response, color: .grey, hollow: true))
        } else {
            throw PlotError.notApplicable(
                kind: .forecast, law: law.name, needs: "a law of one input or of N and D",
                has: "takes \(input.roles.joined(separator: ", "))")
        }
        let domain = responseDomain(input)
        var clipped = false
        if let bootstrap, boot.confidenceLower.contains(where: \.isFinite) {
            if let domain { clipped = clip(&boot, to: domain) }
            let level = NumberFormat.significant(bootstrap.confidenceLevel * 100, digits: 4) + "%"
            figure.series.insert(.band("\(level) PI new run (bootstrap)", x: x, lower: boot.predictionLower, upper: boot.predictionUpper, color: PlotColor.series(0), opacity: 0.12), at: 0)
            figure.series.insert(.band("\(level) CI mean (bootstrap)", x: x, lower: boot.confidenceLower, upper: boot.confidenceUpper, color: PlotColor.series(0), opacity: 0.3), at: 1)
            figure.series.append(.line("fitted \(law.name)", x: x, y: center, color: PlotColor.series(0)))
            figure.notes.append("CI: percentiles of the law over \(bootstrap.draws.count) bootstrap refits (\(bootstrap.kind), seed \(bootstrap.seed)).")
            figure.notes.append("PI: the same with a residual of the full-data fit added (a new run).")
            finish(&figure, input: input, domain: clipped ? domain : nil)
            return figure
        }
        var b = bands(
            values: center, standardErrors: se, t: input.tQuantile ?? .nan, scatter: input.residualScatter ?? .nan,
            logSpace: input.fit.objective.isLogSpace)
        if let domain { clipped = clip(&b, to: domain) }
        let level = input.levelText
        if input.residualScatter != nil, input.tQuantile != nil {
            figure.series.insert(.band("\(level) PI of a new run", x: x, lower: b.predictionLower, upper: b.predictionUpper, color: PlotColor.series(0), opacity: 0.12), at: 0)
        }
        if se.contains(where: \.isFinite), input.tQuantile != nil {
            figure.series.insert(.band("\(level) CI of the mean (delta)", x: x, lower: b.confidenceLower, upper: b.confidenceUpper, color: PlotColor.series(0), opacity: 0.3), at: 1)
        }
        figure.series.append(.line("fitted \(law.name)", x: x, y: center, color: PlotColor.series(0)))
        figure.notes.append("CI: delta method on the fit covariance (mean curve). PI: CI widened by the residual scatter s of the fit (a new run).")
        if !se.contains(where: \.isFinite) {
            figure.notes.append("No confidence band: the fit has no covariance.")
        }
        finish(&figure, input: input, domain: clipped ? domain : nil)
        return figure
    }

    /// The response's domain for the law's family (`LawFamily.responseDomain`), in the data's
    /// scale: percent when any observed score exceeds 1.
    /// - Parameter input: the fit and its data.
    /// - Returns: the domain, or `nil` when the response has none.
    static func responseDomain(_ input: PlotInput) -> ClosedRange<Double>? {
        guard let domain = input.law.family.responseDomain else { return nil }
        let percent = input.response.contains { $0.isFinite && $0 > domain.upperBound * 1.0001 }
        return percent ? (domain.lowerBound * 100)...(domain.upperBound * 100) : domain
    }

    /// Clips every finite band value to `domain`.
    /// - Parameters:
    ///   - bands: the bands, changed in place.
    ///   - domain: the response's domain.
    /// - Returns: whether any value was moved.
    static func clip(_ bands: inout Bands, to domain: ClosedRange<Double>) -> Bool {
        var moved = false
        func clipped(_ values: [Double]) -> [Double] {
            values.map { v in
                guard v.isFinite else { return v }
                let c = Swift.min(Swift.max(v, domain.lowerBound), domain.upperBound)
                if c != v { moved = true }
                return c
            }
        }
        bands.confidenceLower = clipped(bands.confidenceLower)
        bands.confidenceUpper = clipped(bands.confidenceUpper)
        bands.predictionLower = clipped(bands.predictionLower)
        bands.predictionUpper = clipped(bands.predictionUpper)
        return moved
    }

    /// Adds the response's floor (benchmark laws) and a note when the bands were clipped.
    static func finish(_ figure: inout Figure, input: PlotInput, domain clippedTo: ClosedRange<Double>?) {
        if let floor = input.law.responseFloor(input.fit.values) {
            figure.series.append(.horizontalRule(floor.label, y: floor.value, color: .grey))
        }
        if let clippedTo {
            let lo = NumberFormat.significant(clippedTo.lowerBound, digits: 3), hi = NumberFormat.significant(clippedTo.upperBound, digits: 3)
            figure.notes.append("Bands clipped to [\(lo), \(hi)], the score's domain.")
        }
    }
}
