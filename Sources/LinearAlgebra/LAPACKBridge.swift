internal import CLAPACKE

/// LAPACKE's `lapack_int` (a C macro, so Swift cannot see it). Debian's LAPACKE is built
/// without `LAPACK_ILP64`, making it `int32_t`; were it 64-bit, every call site would fail to
/// compile rather than misbehave.
typealias LAPACKInt = Int32

/// The single place where Swift values become LAPACK arguments and LAPACK `info` codes become
/// Swift errors.
///
/// Every call in this module passes `LAPACK_COL_MAJOR`, matching `Matrix.elements`, so LAPACKE
/// forwards the arrays to Fortran without transposing them.
enum LAPACKBridge {

    /// The storage order used for every call: column-major, as `Matrix` stores its elements.
    static let columnMajor: Int32 = LAPACK_COL_MAJOR

    /// Machine epsilon for `Double` (2⁻⁵²), the `eps` in the tolerances of this module.
    static let epsilon: Double = Double.ulpOfOne

    /// A LAPACK integer for a dimension or count.
    ///
    /// - Parameters:
    ///   - value: The Swift value (a size, leading dimension or count).
    ///   - name: What the value is, for the error message.
    /// - Returns: The value as `LAPACKInt`.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` when the value does not fit.
    static func integer(_ value: Int, _ name: String) throws -> LAPACKInt {
        guard let converted = LAPACKInt(exactly: value) else {
            throw LinearAlgebraError.dimensionMismatch("\(name) = \(value) exceeds LAPACK's integer range")
        }
        return converted
    }

    /// A LAPACK character option such as `'S'`, `'U'` or `'T'`.
    static func option(_ scalar: Unicode.Scalar) -> CChar {
        CChar(truncatingIfNeeded: scalar.value)
    }

    /// Translates a LAPACK status into a Swift error.
    ///
    /// - Parameters:
    ///   - info: The value LAPACKE returned (`0` is success; `< 0` an invalid argument or,
    ///     at −1010, a failed workspace allocation; `> 0` a numerical failure).
    ///   - routine: The LAPACK routine name, e.g. `"dgesdd"`.
    /// - Throws: `LinearAlgebraError.lapack(routine:info:)` when `info != 0`.
    static func check(_ info: LAPACKInt, _ routine: String) throws {
        if info != 0 {
            throw LinearAlgebraError.lapack(routine: routine, info: Int(info))
        }
    }
}
