import Foundation
import ScalingLaws

/// A training cost written by the user as an expression in `N` (parameters) and `D` (tokens),
/// parsed by the formula module of `ScalingLaws` (`6*N*D`, `6*N*D + 2*N*1e13`,
/// `6*N*D*(1 + 0.1*log10(N))`).
///
/// The iso-cost search needs a cost that is positive and increasing in `N` and in `D`;
/// ``init(_:validatingOn:)`` checks this on a log grid of the search range (25 points per axis)
/// and rejects any expression that fails, naming the point.
public struct CostExpression: Sendable, Equatable, CustomStringConvertible {
    /// The text as given.
    public let text: String
    /// The parsed expression in `N` and `D`.
    public let expression: FormulaExpression

    /// The range a cost expression is checked on: `N` and `D` in `[lower, upper]` each.
    public struct Range: Sendable, Equatable {
        /// The range of `N` (default 10³ to 10¹⁵ parameters).
        public var parameters: ClosedRange<Double>
        /// The range of `D` (default 10³ to 10¹⁷ tokens).
        public var tokens: ClosedRange<Double>
        /// A check range.
        /// - Parameters:
        ///   - parameters: The range of `N`.
        ///   - tokens: The range of `D`.
        public init(parameters: ClosedRange<Double> = 1e3...1e15, tokens: ClosedRange<Double> = 1e3...1e17) {
            self.parameters = parameters
            self.tokens = tokens
        }
    }

    /// Parses and validates `text`.
    /// - Throws: ``ForecastError/invalidCostModel(spec:reason:)`` for a syntax error, a name other
    ///   than `N` and `D`, or a cost that is not finite, not positive or not increasing in `N` or
    ///   in `D` somewhere on `range`.
    public init(_ text: String, validatingOn range: Range = Range()) throws {
        func fail(_ reason: String) -> ForecastError { .invalidCostModel(spec: text, reason: reason) }
        let expression: FormulaExpression
        do {
            expression = try FormulaParser.parse(text)
        } catch {
            throw fail("\(error)")
        }
        let unknown = expression.names.filter { $0 != "N" && $0 != "D" }
        guard unknown.isEmpty else {
            throw fail("unknown name\(unknown.count == 1 ? "" : "s") \(unknown.map { "'\($0)'" }.joined(separator: ", ")); a cost may use only N (parameters) and D (tokens)")
        }
        guard expression.contains("N"), expression.contains("D") else {
            throw fail("a cost must depend on both N and D")
        }
        self.text = text
        self.expression = expression
        let f = ForecastError.format
        let count = 25
        func grid(_ r: ClosedRange<Double>) -> [Double] {
            (0..<count).map { k in exp(log(r.lowerBound) + (log(r.upperBound) - log(r.lowerBound)) * Double(k) / Double(count - 1)) }
        }
        let ns = grid(range.parameters), ds = grid(range.tokens)
        var previousRow: [Double] = []
        for (i, n) in ns.enumerated() {
            var row: [Double] = []
            for (j, d) in ds.enumerated() {
                let c = cost(parameters: n, tokens: d)
                guard c.isFinite, c > 0 else {
                    throw fail("the cost is \(f(c)) at N = \(f(n)), D = \(f(d)); it must be positive and finite for N in \(f(range.parameters.lowerBound))–\(f(range.parameters.upperBound)) and D in \(f(range.tokens.lowerBound))–\(f(range.tokens.upperBound))")
                }
                if j > 0, !(c > row[j - 1]) {
                    throw fail("the cost does not increase with D at N = \(f(n)), D = \(f(ds[j - 1]))–\(f(d)) (\(f(row[j - 1])) → \(f(c)))")
                }
                if !previousRow.isEmpty, !(c > previousRow[j]) {
                    let nPrev = ns[i - 1]
                    throw fail("the cost does not increase with N at D = \(f(d)), N = \(f(nPrev))–\(f(n)) (\(f(previousRow[j])) → \(f(c)))")
                }
                row.append(c)
            }
            previousRow = row
        }
    }

    /// The cost at `(n, d)`, in FLOP.
    public func cost(parameters n: Double, tokens d: Double) -> Double {
        expression.value(["N": n, "D": d])
    }

    public var description: String { text }

    public static func == (lhs: CostExpression, rhs: CostExpression) -> Bool { lhs.text == rhs.text }
}
