import LinearAlgebra

/// A model evaluated a block of rows at a time: every row's prediction and, when asked, its
/// gradient with respect to all parameters, in one pass over the rows.
///
/// The fused Levenberg–Marquardt solver for large data (``FitOptions/fusedNormalEquations``)
/// calls it on short blocks of rows from several threads and forms `JᵀJ` and `Jᵀr` from the
/// block while it is still in cache, so no `n`-long Jacobian is ever stored.
///
/// The closure must be a pure function of its arguments (it is called concurrently for
/// disjoint blocks), and must give, row for row, the same values as the problem's `model`
/// and `jacobian`.
public struct RowKernel: Sendable {
    /// Fills the predictions of rows `rows` (`predictions[i − rows.lowerBound] = f_i(p)`) and,
    /// when `jacobian` is not `nil`, their gradients, row-major over all `m` parameters
    /// (`jacobian[(i − rows.lowerBound)·m + j] = ∂f_i/∂p_j`), at the parameters `p` (all of
    /// them, fixed and tied ones included, in the problem's order).
    public typealias Evaluate = @Sendable (
        _ parameters: UnsafeBufferPointer<Double>, _ rows: Range<Int>,
        _ predictions: UnsafeMutablePointer<Double>, _ jacobian: UnsafeMutablePointer<Double>?
    ) -> Void

    /// The evaluation of a block of rows.
    public let evaluate: Evaluate

    /// A row kernel.
    /// - Parameter evaluate: Fills the predictions (and gradients) of a block of rows.
    public init(evaluate: @escaping Evaluate) {
        self.evaluate = evaluate
    }
}

extension RowKernel {
    /// `JᵀJ` of the kernel's Jacobian over rows `0..<rows` at parameters `p` (all `m` of them):
    /// the `m × m` Gram matrix of the Jacobian's columns, without storing the `rows × m`
    /// Jacobian. Summed deterministically (fixed chunks of ``FusedLevenbergMarquardt/chunkRows``
    /// rows, each in row order, added in chunk order), on all cores.
    ///
    /// Its Cholesky factor `R` has the singular values and right singular vectors of `J`, so
    /// conditioning checks can work on `R` when `J` is well enough conditioned (see
    /// ``FusedLevenbergMarquardt/normalEquationsConditionLimit``).
    /// - Parameters:
    ///   - p: The parameters (all of them, in the problem's order).
    ///   - rows: The number of rows.
    /// - Returns: The symmetric `m × m` matrix.
    public func gramMatrix(parameters p: [Double], rows: Int) -> Matrix {
        let m = p.count
        let chunkRows = FusedLevenbergMarquardt.chunkRows
        let blockRows = FusedLevenbergMarquardt.blockRows
        let chunks = (rows + chunkRows - 1) / chunkRows
        let partial = ParallelMap.map(count: chunks, parallel: chunks > 1) { c -> [Double] in
            let lo = c * chunkRows
            let hi = Swift.min(rows, lo + chunkRows)
            var sums = [Double](repeating: 0, count: m * m)
            var values = [Double](repeating: 0, count: blockRows)
            var jacobian = [Double](repeating: 0, count: blockRows * m)
            p.withUnsafeBufferPointer { pb in
                values.withUnsafeMutableBufferPointer { f in
                    jacobian.withUnsafeMutableBufferPointer { j in
                        sums.withUnsafeMutableBufferPointer { s in
                            guard let fBase = f.baseAddress, let jBase = j.baseAddress else { return }
                            var start = lo
                            while start < hi {
                                let end = Swift.min(hi, start + blockRows)
                                evaluate(pb, start..<end, fBase, jBase)
                                for b in 0..<(end - start) {
                                    for k in 0..<m {
                                        let jk = j[b * m + k]
                                        for l in k..<m { s[k * m + l] += jk * j[b * m + l] }
                                    }
                                }
                                start = end
                            }
                        }
                    }
                }
            }
            return sums
        }
        var total = Matrix(rows: m, columns: m)
        for sums in partial {
            for k in 0..<m {
                for l in k..<m { total[k, l] += sums[k * m + l] }
            }
        }
        for k in 0..<m {
            for l in 0..<k { total[k, l] = total[l, k] }
        }
        return total
    }
}
