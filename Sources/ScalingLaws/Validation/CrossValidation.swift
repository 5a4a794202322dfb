import Foundation
import NonlinearFit

/// Seeded k-fold cross-validation of a law fit.
///
/// The units (rows, or the groups of rows sharing a value of a group column, so that
/// checkpoints of one run never sit on both sides) are shuffled with
/// `SeededGenerator(seed:)` (Fisher–Yates) and dealt round-robin into `k` folds. Each fold is
/// predicted by a fit to the others; the error is the root mean square of the held-out
/// residuals in the objective's space:
///
/// ```
/// CV RMSE = √( Σ_folds Σ_{i ∈ fold} r_i² / n ),   r_i = ln f(x_i) − ln y_i (log objectives) or f(x_i) − y_i
/// ```
public enum CrossValidation {
    /// The result: the error, folds scored and folds whose fit failed.
    public struct Result: Sendable, Codable, Equatable {
        /// Folds the rows were split into.
        public let folds: Int
        /// The seed of the fold assignment.
        public let seed: UInt64
        /// The group column, when whole groups were held out.
        public let groupColumn: String?
        /// The cross-validated RMSE of the held-out residuals, in the objective's space (see above).
        public let rmse: Double
        /// Held-out rows scored.
        public let scored: Int
        /// Folds whose fit failed (their rows are not scored).
        public let failedFolds: Int
    }

    /// Cross-validates `law` on `data` with `folds` folds, each fitted with `fitOptions`
    /// (default: ``LawFitOptions/defaults(for:)``, the CLI's).
    ///
    /// - Throws: ``LawFitError/invalidOption(_:)`` for fewer than 2 folds or more folds than
    ///   units; ``DataError`` for a missing group column.
    public static func run(
        law: any ScalingLaw, data: Dataset, folds: Int = 5, seed: UInt64 = 0, groupColumn: String? = nil,
        fitOptions: LawFitOptions? = nil
    ) throws -> Result {
        let fitOptions = fitOptions ?? .defaults(for: law)
        var units: [[Int]]
        if let groupColumn {
            let g = try data.column(groupColumn)
            var order: [Double] = []
            var members: [Double: [Int]] = [:]
            for (i, v) in g.enumerated() {
                if members[v] == nil { order.append(v) }
                members[v, default: []].append(i)
            }
            units = order.map { members[$0] ?? [] }
        } else {
            units = (0..<data.count).map { [$0] }
        }
        guard folds >= 2, folds <= units.count else {
            throw LawFitError.invalidOption(
                "--folds \(folds): expected 2 to \(units.count) (the number of \(groupColumn.map { "groups of '\($0)'" } ?? "rows"))")
        }
        var rng = SeededGenerator(seed: seed)
        for i in stride(from: units.count - 1, to: 0, by: -1) {
            let j = Int(rng.nextUniform() * Double(i + 1)) % (i + 1)
            units.swapAt(i, j)
        }
        var assignment = [Int](repeating: 0, count: data.count)
        for (u, rows) in units.enumerated() { for r in rows { assignment[r] = u % folds } }
        let inputs = try law.inputs.map { try data.column($0.role) }
        let y = try data.column(law.response.role)
        let logSpace = fitOptions.objective.isLogSpace
        // Only the folds' point estimates are scored: no interval bootstrap for them.
        var pointOptions = fitOptions
        pointOptions.intervals = .linearized
        var squares = 0.0
        var scored = 0
        var failed = 0
        for fold in 0..<folds {
            let train = data.filtered { assignment[$0] != fold }
            guard let fit = try? LawFitter.fit(law, to: train, options: pointOptions) else {
                failed += 1
                continue
            }
            let values = fit.values
            for i in 0..<data.count where assignment[i] == fold {
                let f = law.evaluate(inputs.map { $0[i] }, values)
                let r = logSpace ? log(f) - log(y[i]) : f - y[i]
                if r.isFinite { squares += r * r; scored += 1 }
            }
        }
        return Result(folds: folds, seed: seed, groupColumn: groupColumn,
                      rmse: scored > 0 ? (squares / Double(scored)).squareRoot() : .nan, scored: scored, failedFolds: failed)
    }
}
