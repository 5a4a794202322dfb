import Foundation
import NonlinearFit

/// Backtesting a law by extrapolation: fit on the smaller runs, predict the larger ones, and
/// measure the error against the distance in orders of magnitude beyond the largest training
/// run (Owen 2024, arXiv:2401.04757, §3: hold out the right-most points and report the error by
/// extrapolation distance; rolling-origin evaluation as in time-series forecasting, Tashman 2000).
///
/// For each held-out run with inputs `x`, response `y` and distance variable `v`:
///
/// ```
/// error = f(x; θ̂) − y,   relative = error/|y|,   log error = ln f(x; θ̂) − ln y,
/// distance = log10(v / max_{training} v)   (orders of magnitude, OOM)
/// ```
public enum Backtest {
    /// Runs the backtest of `law` on `data` under `rule`, each fold fitted with `fitOptions`
    /// (default: ``LawFitOptions/defaults(for:)``, the CLI's).
    ///
    /// - Throws: ``LawFitError/invalidOption(_:)`` for a count outside `1..<rows`, a split
    ///   that leaves no training or no held-out rows, or no rollout fold with enough training
    ///   rows; ``DataError`` for a missing or non-positive distance column.
    public static func run(
        law: any ScalingLaw, data: Dataset, rule: HoldoutRule, fitOptions: LawFitOptions? = nil
    ) throws -> BacktestResult {
        let fitOptions = fitOptions ?? .defaults(for: law)
        let (name, variable) = try distanceVariable(law: law, data: data, rule: rule)
        for (i, v) in variable.enumerated() where !(v > 0) {
            throw DataError.notPositive(
                source: data.source, line: data.rowLines[i], column: data.label(of: name), value: v,
                reason: "to measure distances in orders of magnitude")
        }
        let freeCount = law.parameters.count - fitOptions.fixed.count
        var splits: [(train: [Int], test: [Int])] = []
        switch rule {
        case let .largest(count):
            guard count >= 1, count < data.count else {
                throw LawFitError.invalidOption("--holdout largest:\(count): expected a count from 1 to \(data.count - 1) (the data have \(data.count) rows)")
            }
            let order = variable.indices.sorted { variable[$0] != variable[$1] ? variable[$0] < variable[$1] : $0 < $1 }
            let test = Set(order.suffix(count))
            splits.append((variable.indices.filter { !test.contains($0) }, variable.indices.filter { test.contains($0) }))
        case let .rightCensored(fractions):
            guard !fractions.isEmpty else {
                throw LawFitError.invalidOption("right-censored backtest: give at least one held-out fraction")
            }
            let order = variable.indices.sorted { variable[$0] != variable[$1] ? variable[$0] < variable[$1] : $0 < $1 }
            for f in fractions {
                guard f > 0, f < 1 else {
                    throw LawFitError.invalidOption("right-censored backtest: held-out fraction \(f): expected a number in (0, 1)")
                }
                let count = Int((f * Double(data.count)).rounded(.up))
                guard data.count - count > freeCount else {
                    throw LawFitError.invalidOption(
                        "right-censored backtest: holding out \(count) of \(data.count) rows (fraction \(f)) leaves \(data.count - count) training rows, not more than the \(freeCount) free parameters")
                }
                let test = Set(order.suffix(count))
                splits.append((variable.indices.filter { !test.contains($0) }, variable.indices.filter { test.contains($0) }))
            }
        case let .above(column, value):
            let train = variable.indices.filter { variable[$0] <= value }
            let test = variable.indices.filter { variable[$0] > value }
            guard !train.isEmpty, !test.isEmpty else {
                throw LawFitError.invalidOption(
                    "--holdout above:\(column)=\(String(format: "%g", value)): no row has \(column) \(train.isEmpty ? "at or below" : "above") that value (\(column) ranges over [\(String(format: "%g", variable.min() ?? 0)), \(String(format: "%g", variable.max() ?? 0))])")
            }
            splits.append((train, test))
        case let .rollout(column):
            let values = Array(Set(variable)).sorted()
            for k in 0..<(values.count - 1) {
                let train = variable.indices.filter { variable[$0] <= values[k] }
                let test = variable.indices.filter { variable[$0] == values[k + 1] }
                // A curve along the column needs at least 3 of its values in the training rows.
                if train.count > freeCount, k >= 2 { splits.append((train, test)) }
            }
            guard !splits.isEmpty else {
                throw LawFitError.invalidOption(
                    "--holdout rollout:\(column): no fold has 3 distinct values of \(column) and more training rows than the \(freeCount) free parameters (\(values.count) distinct values of \(column))")
            }
        }

        var folds: [BacktestResult.Fold] = []
        var predictions: [BacktestResult.Prediction] = []
        var notes: [String] = []
        let inputs = try law.inputs.map { try data.column($0.role) }
        let y = try data.column(law.response.role)
        for (index, split) in splits.enumerated() {
            let maximum = split.train.map { variable[$0] }.max() ?? .nan
            let training = data.rows(at: split.train)
            do {
                let fit = try LawFitter.fit(law, to: training, options: fitOptions)
                let values = fit.values
                folds.append(BacktestResult.Fold(
                    index: index, trainingRows: split.train.count, heldOutRows: split.test.count, trainingMaximum: maximum,
                    parameters: values, converged: fit.statistics.converged, failure: nil))
                if !fit.statistics.converged {
                    // The solver's own wording (`stopped: iteration limit reached`), as every report prints it.
                    let stop = Termination(rawValue: fit.statistics.termination)?.description ?? fit.statistics.termination
                    notes.append("fold \(index): the fit did not converge (\(stop))")
                }
                for i in split.test {
                    let x = inputs.map { $0[i] }
                    predictions.append(BacktestResult.Prediction(
                        fold: index, line: data.rowLines[i], inputs: x, variable: variable[i], actual: y[i],
                        predicted: law.evaluate(x, values), distance: log10(variable[i] / maximum)))
                }
            } catch {
                folds.append(BacktestResult.Fold(
                    index: index, trainingRows: split.train.count, heldOutRows: split.test.count, trainingMaximum: maximum,
                    parameters: nil, converged: false, failure: "\(error)"))
                notes.append("fold \(index): the fit failed (\(error)); its held-out rows are not scored")
            }
        }
        return BacktestResult(law: law, rule: rule, distanceVariable: name, folds: folds, predictions: predictions, notes: notes)
    }

    /// The distance variable's name and values: the rule's column, else `C = 6ND` for a law of
    /// N and D, else the column `C`, else the law's first input.
    static func distanceVariable(law: any ScalingLaw, data: Dataset, rule: HoldoutRule) throws -> (String, [Double]) {
        switch rule {
        case let .above(column, _), let .rollout(column):
            return (column, try data.column(column))
        case .largest, .rightCensored:
            let roles = law.inputs.map(\.role)
            if roles.contains("N"), roles.contains("D") {
                let n = try data.column("N")
                let d = try data.column("D")
                return ("C = 6ND", n.indices.map { 6 * n[$0] * d[$0] })
            }
            if let c = try? data.column("C") { return ("C", c) }
            let first = roles.first ?? ""
            return (first, try data.column(first))
        }
    }
}
