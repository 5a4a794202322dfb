/// Checks shared by every public entry point: shapes, finiteness and non-emptiness.
///
/// The messages are part of the API (tests compare them), so they follow fixed patterns:
/// `"A[1, 0] = nan"`, `"b[2] = inf"`, `"b has 4 elements but A has 3 rows"`.
enum InputValidation {
    /// Throws unless every element of `matrix` is finite.
    ///
    /// - Throws: `LinearAlgebraError.nonFinite("<name>[i, j] = <value>")` for the first
    ///   offending element in column-major order.
    static func requireFinite(_ matrix: Matrix, _ name: String) throws {
        if allFinite(matrix.elements) { return }
        for (index, value) in matrix.elements.enumerated() where !value.isFinite {
            let row = index % matrix.rows
            let column = index / matrix.rows
            throw LinearAlgebraError.nonFinite("\(name)[\(row), \(column)] = \(value)")
        }
    }

    /// Throws unless every element of `vector` is finite.
    ///
    /// - Throws: `LinearAlgebraError.nonFinite("<name>[i] = <value>")` for the first offender.
    static func requireFinite(_ vector: [Double], _ name: String) throws {
        if allFinite(vector) { return }
        for (index, value) in vector.enumerated() where !value.isFinite {
            throw LinearAlgebraError.nonFinite("\(name)[\(index)] = \(value)")
        }
    }

    /// Whether every value is finite: a branch-free scan of the exponent bits (the common
    /// case), before the slower search that names the offending element.
    ///
    /// A double is NaN or ±∞ exactly when its 11 exponent bits are all ones; adding one unit
    /// in the lowest exponent bit then carries into bit 63.
    static func allFinite(_ values: [Double]) -> Bool {
        let exponentMask: UInt64 = 0x7FF0_0000_0000_0000
        let exponentOne: UInt64 = 0x0010_0000_0000_0000
        return values.withUnsafeBufferPointer { buffer in
            var overflowBits: UInt64 = 0
            for value in buffer {
                overflowBits |= (value.bitPattern & exponentMask) &+ exponentOne
            }
            return overflowBits & 0x8000_0000_0000_0000 == 0
        }
    }

    /// Throws unless `matrix` has at least one row and one column.
    ///
    /// - Throws: `LinearAlgebraError.dimensionMismatch("<name> is empty (r×c)")`.
    static func requireNonEmpty(_ matrix: Matrix, _ name: String) throws {
        if matrix.rows == 0 || matrix.columns == 0 {
            throw LinearAlgebraError.dimensionMismatch("\(name) is empty (\(matrix.rows)×\(matrix.columns))")
        }
    }

    /// Throws unless `matrix` is square.
    ///
    /// - Throws: `LinearAlgebraError.dimensionMismatch("<name> must be square, got r×c")`.
    static func requireSquare(_ matrix: Matrix, _ name: String) throws {
        if matrix.rows != matrix.columns {
            throw LinearAlgebraError.dimensionMismatch(
                "\(name) must be square, got \(matrix.rows)×\(matrix.columns)")
        }
    }

    /// Throws unless the right-hand side has one element per row of the matrix.
    ///
    /// - Throws: `LinearAlgebraError.dimensionMismatch("b has 4 elements but A has 3 rows")`.
    static func requireRightHandSide(_ b: [Double], rowsOf matrix: Matrix) throws {
        if b.count != matrix.rows {
            throw LinearAlgebraError.dimensionMismatch(
                "b has \(b.count) elements but A has \(matrix.rows) rows")
        }
    }
}
