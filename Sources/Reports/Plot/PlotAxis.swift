/// One axis of a figure: its label (with units), scale, optional fixed range and tick labels.
public struct PlotAxis: Sendable, Equatable {
    /// The axis title, units included: `training compute C (FLOP)`.
    public var label: String
    /// Linear or logarithmic.
    public var scale: AxisScale
    /// A fixed range in data units; `nil` fits the data with a small margin.
    public var range: ClosedRange<Double>?
    /// How tick labels are written (default superscript powers of ten).
    public var tickStyle: TickLabelStyle

    /// An axis.
    /// - Parameters:
    ///   - label: The axis title, units included.
    ///   - scale: Linear (default) or logarithmic.
    ///   - range: A fixed range in data units, or `nil` to fit the data.
    ///   - tickStyle: How tick labels are written.
    public init(label: String, scale: AxisScale = .linear, range: ClosedRange<Double>? = nil, tickStyle: TickLabelStyle = .superscript) {
        self.label = label
        self.scale = scale
        self.range = range
        self.tickStyle = tickStyle
    }
}
