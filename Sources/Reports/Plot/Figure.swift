/// A figure: one set of axes with series, a title, a legend and footnotes, rendered to SVG by
/// ``svg()``.
public struct Figure: Sendable, Equatable {
    /// The figure's title.
    public var title: String
    /// A smaller line under the title (data source, law), or `nil`.
    public var subtitle: String?
    /// The horizontal axis.
    public var x: PlotAxis
    /// The vertical axis.
    public var y: PlotAxis
    /// Drawn in order: bands first, then lines, then points, reads best.
    public var series: [PlotSeries]
    /// Lines of small print under the axes (what a band means, what was left out).
    public var notes: [String]
    /// Size in CSS pixels.
    public var width: Double
    /// Height in CSS pixels.
    public var height: Double
    /// Prefix of the element ids inside the SVG (the clip path); give each figure of one HTML
    /// page its own.
    public var id: String

    /// A figure.
    /// - Parameters:
    ///   - title: The title.
    ///   - subtitle: A smaller line under the title, or `nil`.
    ///   - x: The horizontal axis.
    ///   - y: The vertical axis.
    ///   - series: The series, drawn in order (default none).
    ///   - notes: Lines of small print under the axes (default none).
    ///   - width: Width in CSS pixels (default 760).
    ///   - height: Height in CSS pixels (default 480).
    ///   - id: Prefix of the element ids inside the SVG (default `plot`).
    public init(
        title: String, subtitle: String? = nil, x: PlotAxis, y: PlotAxis, series: [PlotSeries] = [],
        notes: [String] = [], width: Double = 760, height: Double = 480, id: String = "plot"
    ) {
        self.title = title
        self.subtitle = subtitle
        self.x = x
        self.y = y
        self.series = series
        self.notes = notes
        self.width = width
        self.height = height
        self.id = id
    }

    /// The figure as a standalone SVG document (UTF-8 text, ending in a newline).
    public func svg() -> String {
        SVGFigureRenderer(figure: self).render()
    }
}
