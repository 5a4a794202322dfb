/// One thing drawn in a figure's axes: points, a line, or a shaded band between two curves.
/// Coordinates are in data units; points that the axis cannot show (non-finite, or not positive
/// on a log axis) are skipped, and lines break around them.
public struct PlotSeries: Sendable, Equatable {
    /// The shape of point markers.
    public enum Marker: String, Sendable, Equatable {
        /// A circle, square, triangle, diamond or star.
        case circle, square, triangle, diamond, star
    }

    /// The stroke of lines.
    public enum LineStyle: String, Sendable, Equatable {
        /// A solid, dashed or dotted stroke.
        case solid, dashed, dotted
    }

    /// What the series draws.
    public enum Kind: Sendable, Equatable {
        /// Markers at `(x[i], y[i])`; hollow markers draw only the outline.
        case scatter(Marker, hollow: Bool)
        /// A polyline through `(x[i], y[i])`.
        case line(LineStyle, width: Double)
        /// The region between `(x[i], lower[i])` and `(x[i], upper[i])`, filled with the colour at
        /// `opacity`; `y` holds the lower curve.
        case band(upper: [Double], opacity: Double)
        /// A horizontal reference line at `y[0]` across the whole axes.
        case horizontalRule(LineStyle)
    }

    /// The legend text, or `nil` to leave the series out of the legend.
    public var label: String?
    /// What the series draws.
    public var kind: Kind
    /// The x coordinates, data units.
    public var x: [Double]
    /// The y coordinates (the lower curve of a band), data units.
    public var y: [Double]
    /// The colour.
    public var color: PlotColor

    /// A series.
    /// - Parameters:
    ///   - label: The legend text, or `nil` to leave it out of the legend.
    ///   - kind: What the series draws.
    ///   - x: The x coordinates.
    ///   - y: The y coordinates.
    ///   - color: The colour.
    public init(label: String?, kind: Kind, x: [Double], y: [Double], color: PlotColor) {
        self.label = label
        self.kind = kind
        self.x = x
        self.y = y
        self.color = color
    }

    /// Markers at the points.
    public static func scatter(
        _ label: String?, x: [Double], y: [Double], color: PlotColor, marker: Marker = .circle, hollow: Bool = false
    ) -> PlotSeries {
        PlotSeries(label: label, kind: .scatter(marker, hollow: hollow), x: x, y: y, color: color)
    }

    /// A line through the points.
    public static func line(
        _ label: String?, x: [Double], y: [Double], color: PlotColor, style: LineStyle = .solid, width: Double = 2
    ) -> PlotSeries {
        PlotSeries(label: label, kind: .line(style, width: width), x: x, y: y, color: color)
    }

    /// A shaded band between `lower` and `upper`.
    public static func band(
        _ label: String?, x: [Double], lower: [Double], upper: [Double], color: PlotColor, opacity: Double = 0.2
    ) -> PlotSeries {
        PlotSeries(label: label, kind: .band(upper: upper, opacity: opacity), x: x, y: lower, color: color)
    }

    /// A horizontal line at `y`.
    public static func horizontalRule(_ label: String?, y: Double, color: PlotColor = .black, style: LineStyle = .dashed) -> PlotSeries {
        PlotSeries(label: label, kind: .horizontalRule(style), x: [], y: [y], color: color)
    }

    /// The y values the series spans (both curves of a band).
    var allY: [Double] {
        if case let .band(upper, _) = kind { return y + upper }
        return y
    }
}
