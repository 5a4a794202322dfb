/// One run's logged curve of its metric: the tokens seen and the metric at every evaluation
/// where both are finite, in step order. Kept only when asked for
/// (``LogReadOptions/keepCurves``), to draw runs beside the points they were reduced to.
public struct RunCurve: Sendable, Equatable, Codable {
    /// Tokens seen at each evaluation.
    public var tokens: [Double]
    /// The metric at each evaluation.
    public var values: [Double]

    /// A curve.
    /// - Parameters:
    ///   - tokens: Tokens seen at each evaluation.
    ///   - values: The metric at each, as many as `tokens`.
    public init(tokens: [Double], values: [Double]) {
        self.tokens = tokens
        self.values = values
    }
}
