/// A dense matrix of `Double` values stored in column-major order, as LAPACK expects.
///
/// `Matrix` is a value type: copies are independent. Element `(i, j)` (row `i`, column `j`,
/// both zero-based) lives at `elements[i + j * rows]`.
public struct Matrix: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The elements in column-major order (`rows * columns` values).
    public var elements: [Double]

    /// A `rows × columns` matrix with every element set to `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.elements = Array(repeating: value, count: rows * columns)
    }

    /// A matrix from column-major elements.
    public init(rows: Int, columns: Int, columnMajor elements: [Double]) {
        precondition(elements.count == rows * columns, "expected \(rows * columns) elements, got \(elements.count)")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from row-major elements.
    public init(rows: Int, columns: Int, rowMajor values: [Double]) {
        precondition(values.count == rows * columns, "expected \(rows * columns) elements, got \(values.count)")
        self.init(rows: rows, columns: columns)
        for i in 0..<rows {
            for j in 0..<columns {
                elements[i + j * rows] = values[i * columns + j]
            }
        }
    }

    /// A matrix from an array of rows; every row must have the same length.
    public init(_ rowArrays: [[Double]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "all rows must have the same length")
        self.init(rows: rowArrays.count, columns: columns, rowMajor: rowArrays.flatMap { $0 })
    }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.elements[i + i * n] = 1 }
        return m
    }

    /// A diagonal matrix with `values` on the diagonal.
    public static func diagonal(_ values: [Double]) -> Matrix {
        var m = Matrix(rows: values.count, columns: values.count)
        for (i, v) in values.enumerated() { m.elements[i + i * values.count] = v }
        return m
    }

    /// Element at row `i`, column `j`.
    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get { elements[i + j * rows] }
        set { elements[i + j * rows] = newValue }
    }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] {
        Array(elements[(j * rows)..<((j + 1) * rows)])
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Double] {
        (0..<columns).map { self[i, $0] }
    }

    /// The diagonal elements.
    public var diagonalElements: [Double] {
        (0..<Swift.min(rows, columns)).map { self[$0, $0] }
    }

    /// The transpose.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows {
                t.elements[j + i * columns] = elements[i + j * rows]
            }
        }
        return t
    }

    /// Whether every element is finite (one branch-free scan of the exponent bits; a
    /// `allSatisfy` closure per element cost about 26 instructions an element).
    public var isFinite: Bool { InputValidation.allFinite(elements) }

    /// Matrix product.
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.columns == rhs.rows, "inner dimensions differ: \(lhs.columns) vs \(rhs.rows)")
        var out = Matrix(rows: lhs.rows, columns: rhs.columns)
        for j in 0..<rhs.columns {
            for k in 0..<lhs.columns {
                let b = rhs.elements[k + j * rhs.rows]
                if b == 0 { continue }
                for i in 0..<lhs.rows {
                    out.elements[i + j * lhs.rows] += lhs.elements[i + k * lhs.rows] * b
                }
            }
        }
        return out
    }

    /// Matrix–vector product.
    public static func * (lhs: Matrix, rhs: [Double]) -> [Double] {
        precondition(lhs.columns == rhs.count, "dimensions differ: \(lhs.columns) vs \(rhs.count)")
        var out = [Double](repeating: 0, count: lhs.rows)
        for k in 0..<lhs.columns {
            let b = rhs[k]
            if b == 0 { continue }
            for i in 0..<lhs.rows {
                out[i] += lhs.elements[i + k * lhs.rows] * b
            }
        }
        return out
    }

    public var description: String {
        (0..<rows).map { i in (0..<columns).map { String(self[i, $0]) }.joined(separator: "  ") }
            .joined(separator: "\n")
    }
}
