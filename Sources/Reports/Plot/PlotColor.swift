/// An sRGB colour written as `#rrggbb` in SVG, and the colour-blind-safe palette the plots use.
///
/// The palette is Okabe & Ito's (2008, "Color Universal Design", https://jfly.uni-koeln.de/color/):
/// eight colours that stay distinct under the common forms of colour-vision deficiency. Black is
/// kept for data drawn in neutral ink (all runs, reference lines), so series cycle through the
/// seven others.
public struct PlotColor: Sendable, Equatable, Hashable {
    /// `#rrggbb`, lower case.
    public let hex: String

    /// A colour.
    /// - Parameter hex: `#rrggbb`.
    public init(hex: String) {
        self.hex = hex.lowercased()
    }

    /// Black `#000000`, for data drawn in neutral ink.
    public static let black = PlotColor(hex: "#000000")
    /// Okabe–Ito orange `#e69f00`.
    public static let orange = PlotColor(hex: "#e69f00")
    /// Okabe–Ito sky blue `#56b4e9`.
    public static let skyBlue = PlotColor(hex: "#56b4e9")
    /// Okabe–Ito bluish green `#009e73`.
    public static let bluishGreen = PlotColor(hex: "#009e73")
    /// Okabe–Ito yellow `#f0e442`.
    public static let yellow = PlotColor(hex: "#f0e442")
    /// Okabe–Ito blue `#0072b2`.
    public static let blue = PlotColor(hex: "#0072b2")
    /// Okabe–Ito vermillion `#d55e00`.
    public static let vermillion = PlotColor(hex: "#d55e00")
    /// Okabe–Ito reddish purple `#cc79a7`.
    public static let reddishPurple = PlotColor(hex: "#cc79a7")
    /// Neutral grey for context (data not in any group, grid lines).
    public static let grey = PlotColor(hex: "#999999")

    /// Okabe–Ito without black, ordered so the first colours contrast most on white (yellow last).
    public static let palette: [PlotColor] = [blue, vermillion, bluishGreen, orange, reddishPurple, skyBlue, yellow]

    /// The marker of the `index`-th series: circles for the first round of colours, then
    /// squares, triangles and diamonds, so that series sharing a colour stay apart.
    public static func marker(_ index: Int) -> PlotSeries.Marker {
        let markers: [PlotSeries.Marker] = [.circle, .square, .triangle, .diamond]
        return markers[(Swift.max(index, 0) / palette.count) % markers.count]
    }

    /// The `index`-th palette colour, cycling.
    public static func series(_ index: Int) -> PlotColor {
        palette[((index % palette.count) + palette.count) % palette.count]
    }
}
