/// One axis of a figure: its label (with units), scale, optional fixed range and tick labels.
public struct PlotAxis: Sendable, Equatable {
    /// The axis title, units included: `training compute C (FLOP)`.
    public var label: String
    public var scale: AxisScale
    /// A fixed range in data units; `nil` fits the data with a small margin.
    public var range: ClosedRange<Double>?
    public var tickStyle: TickLabelStyle

    public init(label: String, scale: AxisScale = .linear, range: ClosedRange<Double>? = nil, tickStyle: TickLabelStyle = .superscript) {
        self.label = label
        self.scale = scale
        self.range = range
        self.tickStyle = tickStyle
    }
}
