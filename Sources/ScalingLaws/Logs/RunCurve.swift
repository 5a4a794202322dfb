/// One run's logged curve of its metric: the tokens seen and the metric at every evaluation
/// where both are finite, in step order. Kept only when asked for
/// (``LogReadOptions/keepCurves``), to draw runs beside the points they were reduced to.
public struct RunCurve: Sendable, Equatable, Codable {
    public var tokens: [Double]
    public var values: [Double]

    public init(tokens: [Double], values: [Double]) {
        self.tokens = tokens
        self.values = values
    }
}
