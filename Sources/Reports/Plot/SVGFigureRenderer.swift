import Foundation

/// Draws a ``Figure`` as SVG 1.1: title, axes with major and minor ticks and grid lines, the
/// series clipped to the axes, a legend to the right, footnotes below.
///
/// Output is deterministic: coordinates are written with two decimals
/// (``SVGText/coordinate(_:)``), elements in a fixed order, ids from ``Figure/id``.
struct SVGFigureRenderer {
    let figure: Figure

    static let fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"
    /// The legend's column: 236 px, or 30% of narrower figures.
    var legendWidth: Double { Swift.min(236, figure.width * 0.3) }

    /// Legend labels longer than this many characters wrap onto more lines (about 6.8 px a
    /// character at 12 px).
    var legendLabelLimit: Int { Swift.max(6, Int((legendWidth - 40) / 6.8)) }

    /// The most lines a legend label wraps onto; the rest of a longer label is cut with "…".
    static let legendLabelLines = 3

    /// `label` in lines of at most `limit` characters, broken at a space (dropped) or after a comma
    /// in the line's second half (else mid-word), at most ``legendLabelLines`` lines, the last cut with "…" when
    /// text remains.
    static func wrap(_ label: String, limit: Int) -> [String] {
        var lines: [String] = []
        var rest = Substring(label)
        while !rest.isEmpty {
            if lines.count == legendLabelLines - 1 || rest.count <= limit {
                let last = rest.count <= limit ? String(rest) : String(rest.prefix(limit - 1)) + "…"
                lines.append(last)
                break
            }
            let head = rest.prefix(limit + 1)
            var cut = head.index(head.startIndex, offsetBy: limit)
            if let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) >= limit / 2 {
                cut = space
            } else if let comma = head.dropLast().lastIndex(of: ","), head.distance(from: head.startIndex, to: comma) >= limit / 2 {
                cut = head.index(after: comma)
            }
            lines.append(String(rest[..<cut]))
            rest = rest[cut...].drop { $0 == " " }
        }
        return lines.isEmpty ? [""] : lines
    }

    /// The drawable rectangle of the axes, in pixels.
    struct Frame {
        let left: Double, top: Double, right: Double, bottom: Double
        var width: Double { right - left }
        var height: Double { bottom - top }
    }

    /// A data range in the axis' working space (log10 units on log axes).
    struct Domain: Equatable {
        let lower: Double, upper: Double
    }

    var legendEntries: [PlotSeries] { figure.series.filter { $0.label != nil } }

    /// The room for the title, subtitle and notes: from the figure's left margin to its right
    /// edge, so a long title may run over the legend's column.
    var textRoom: Double { figure.width - Self.textLeft - 8 }

    /// The left edge of the title, subtitle and notes.
    static let textLeft = 16.0

    /// The title's lines (at most two, then cut with `…`).
    var titleLines: [String] { Self.wrapped(figure.title, pixels: textRoom, characterWidth: 9.4, maxLines: 2) }

    /// The subtitle's lines (at most two).
    var subtitleLines: [String] {
        figure.subtitle.map { Self.wrapped($0, pixels: textRoom, characterWidth: 6.8, maxLines: 2) } ?? []
    }

    /// Every note's lines (at most two a note), in order.
    var noteLines: [String] {
        figure.notes.flatMap { Self.wrapped($0, pixels: textRoom, characterWidth: 6.2, maxLines: 2) }
    }

    /// The baseline of the title's first line; each further line is 19 px lower, the subtitle's
    /// lines 15 px apart after it.
    static let titleBaseline = 26.0

    var frame: Frame {
        let titleBottom = Self.titleBaseline + 19 * Double(titleLines.count - 1)
        let subtitleCount = subtitleLines.count
        let top = subtitleCount == 0 ? titleBottom + 18 : titleBottom + 18 + 15 * Double(subtitleCount - 1) + 16
        let right = figure.width - (legendEntries.isEmpty ? 24 : legendWidth)
        let bottom = figure.height - 56 - 14 * Double(noteLines.count)
        return Frame(left: 84, top: top, right: right, bottom: Swift.max(bottom, top + 40))
    }

    // MARK: - Domains

    /// The range of an axis in working space: the fixed range, else the data padded by 4% of
    /// the span on each side (half a decade or ±1 when all values coincide).
    static func domain(values: [Double], axis: PlotAxis) -> Domain {
        if let range = axis.range, let a = axis.scale.transform(range.lowerBound), let b = axis.scale.transform(range.upperBound), b > a {
            return Domain(lower: a, upper: b)
        }
        var lo = Double.infinity, hi = -Double.infinity
        for v in values {
            guard let t = axis.scale.transform(v) else { continue }
            lo = Swift.min(lo, t)
            hi = Swift.max(hi, t)
        }
        guard lo.isFinite, hi.isFinite else { return axis.scale == .log ? Domain(lower: 0, upper: 1) : Domain(lower: 0, upper: 1) }
        if hi - lo <= Swift.max(Swift.abs(hi), Swift.abs(lo)) * 1e-12 {
            let pad = axis.scale == .log ? 0.5 : Swift.max(Swift.abs(lo) * 0.1, 1)
            return Domain(lower: lo - pad, upper: hi + pad)
        }
        let pad = (hi - lo) * 0.04
        return Domain(lower: lo - pad, upper: hi + pad)
    }

    var xValues: [Double] { figure.series.flatMap(\.x) }

    var yValues: [Double] { figure.series.flatMap(\.allY) }

    // MARK: - Rendering

    func render() -> String {
        let f = frame
        let xDomain = Self.domain(values: xValues, axis: figure.x)
        let yDomain = Self.domain(values: yValues, axis: figure.y)
        let xTicks = AxisTicks.make(lower: figure.x.scale.inverse(xDomain.lower), upper: figure.x.scale.inverse(xDomain.upper), scale: figure.x.scale)
        let yTicks = AxisTicks.make(lower: figure.y.scale.inverse(yDomain.lower), upper: figure.y.scale.inverse(yDomain.upper), scale: figure.y.scale)
        func px(_ v: Double) -> Double? {
            guard let t = figure.x.scale.transform(v) else { return nil }
            return f.left + (t - xDomain.lower) / (xDomain.upper - xDomain.lower) * f.width
        }
        func py(_ v: Double) -> Double? {
            guard let t = figure.y.scale.transform(v) else { return nil }
            return f.bottom - (t - yDomain.lower) / (yDomain.upper - yDomain.lower) * f.height
        }
        let c = SVGText.coordinate
        let id = SVGText.escape(figure.id)
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(c(figure.width))" height="\(c(figure.height))" \
            viewBox="0 0 \(c(figure.width)) \(c(figure.height))" font-family="\(Self.fontFamily)" role="img" \
            aria-labelledby="\(id)-title">

            """
        out += "<title id=\"\(id)-title\">\(SVGText.escape(figure.title))</title>\n"
        out += "<defs><clipPath id=\"\(id)-clip\"><rect x=\"\(c(f.left))\" y=\"\(c(f.top))\" width=\"\(c(f.width))\" height=\"\(c(f.height))\"/></clipPath></defs>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(c(figure.width))\" height=\"\(c(figure.height))\" fill=\"#ffffff\"/>\n"
        let left = c(Self.textLeft)
        let titles = titleLines
        for (k, line) in titles.enumerated() {
            out += "<text x=\"\(left)\" y=\"\(c(Self.titleBaseline + 19 * Double(k)))\" font-size=\"16\" font-weight=\"bold\" fill=\"#000000\">\(SVGText.escape(line))</text>\n"
        }
        let subtitleTop = Self.titleBaseline + 19 * Double(titles.count - 1) + 18
        for (k, line) in subtitleLines.enumerated() {
            out += "<text x=\"\(left)\" y=\"\(c(subtitleTop + 15 * Double(k)))\" font-size=\"12\" fill=\"#444444\">\(SVGText.escape(line))</text>\n"
        }

        // Grid and ticks.
        out += "<g class=\"grid\" stroke=\"#e6e6e6\" stroke-width=\"1\">\n"
        for v in xTicks.major { if let x = px(v) { out += "<line x1=\"\(c(x))\" y1=\"\(c(f.top))\" x2=\"\(c(x))\" y2=\"\(c(f.bottom))\"/>\n" } }
        for v in yTicks.major { if let y = py(v) { out += "<line x1=\"\(c(f.left))\" y1=\"\(c(y))\" x2=\"\(c(f.right))\" y2=\"\(c(y))\"/>\n" } }
        out += "</g>\n"
        out += "<g class=\"x-axis\" stroke=\"#000000\" stroke-width=\"1\">\n"
        for v in xTicks.minor { if let x = px(v) { out += "<line x1=\"\(c(x))\" y1=\"\(c(f.bottom))\" x2=\"\(c(x))\" y2=\"\(c(f.bottom + 3))\"/>\n" } }
        for v in xTicks.major { if let x = px(v) { out += "<line x1=\"\(c(x))\" y1=\"\(c(f.bottom))\" x2=\"\(c(x))\" y2=\"\(c(f.bottom + 6))\"/>\n" } }
        out += "</g>\n"
        out += "<g class=\"y-axis\" stroke=\"#000000\" stroke-width=\"1\">\n"
        for v in yTicks.minor { if let y = py(v) { out += "<line x1=\"\(c(f.left - 3))\" y1=\"\(c(y))\" x2=\"\(c(f.left))\" y2=\"\(c(y))\"/>\n" } }
        for v in yTicks.major { if let y = py(v) { out += "<line x1=\"\(c(f.left - 6))\" y1=\"\(c(y))\" x2=\"\(c(f.left))\" y2=\"\(c(y))\"/>\n" } }
        out += "</g>\n"
        out += "<g class=\"tick-labels\" font-size=\"12\" fill=\"#000000\">\n"
        for v in xTicks.major {
            guard let x = px(v) else { continue }
            let label = figure.x.tickStyle.label(v, ticks: xTicks, scale: figure.x.scale)
            out += "<text x=\"\(c(x))\" y=\"\(c(f.bottom + 20))\" text-anchor=\"middle\">\(SVGText.escape(label))</text>\n"
        }
        for v in yTicks.major {
            guard let y = py(v) else { continue }
            let label = figure.y.tickStyle.label(v, ticks: yTicks, scale: figure.y.scale)
            out += "<text x=\"\(c(f.left - 9))\" y=\"\(c(y + 4))\" text-anchor=\"end\">\(SVGText.escape(label))</text>\n"
        }
        out += "</g>\n"
        out += "<rect x=\"\(c(f.left))\" y=\"\(c(f.top))\" width=\"\(c(f.width))\" height=\"\(c(f.height))\" fill=\"none\" stroke=\"#000000\" stroke-width=\"1\"/>\n"
        out += "<text x=\"\(c((f.left + f.right) / 2))\" y=\"\(c(f.bottom + 42))\" font-size=\"13\" text-anchor=\"middle\">\(SVGText.escape(figure.x.label))</text>\n"
        let yMid = (f.top + f.bottom) / 2
        // The y label stays within the frame's height (so it never runs into the title or the
        // notes): up to two lines, the second to the right of the first.
        let yLines = Self.wrapped(figure.y.label, pixels: f.height, characterWidth: 7.4, maxLines: 2)
        for (k, line) in yLines.enumerated() {
            let x = c((yLines.count == 1 ? 20 : 14) + 15 * Double(k))
            out += "<text x=\"\(x)\" y=\"\(c(yMid))\" font-size=\"13\" text-anchor=\"middle\" transform=\"rotate(-90 \(x) \(c(yMid)))\">\(SVGText.escape(line))</text>\n"
        }

        // Series: bands, rules, lines, then points, so points stay visible.
        out += "<g class=\"series\" clip-path=\"url(#\(id)-clip)\">\n"
        let order: [(PlotSeries) -> Bool] = [
            { if case .band = $0.kind { return true } else { return false } },
            { if case .horizontalRule = $0.kind { return true } else { return false } },
            { if case .line = $0.kind { return true } else { return false } },
            { if case .scatter = $0.kind { return true } else { return false } },
        ]
        for belongs in order {
            for series in figure.series where belongs(series) {
                out += draw(series, frame: f, px: px, py: py)
            }
        }
        out += "</g>\n"

        out += legend(frame: f)
        let notes = noteLines
        for (k, note) in notes.enumerated() {
            out += "<text x=\"\(left)\" y=\"\(c(figure.height - 10 - 14 * Double(notes.count - 1 - k)))\" font-size=\"11\" fill=\"#444444\">\(SVGText.escape(note))</text>\n"
        }
        out += "</svg>\n"
        return out
    }

    /// `text` cut to fit `pixels` at an average `characterWidth` (no font metrics in SVG
    /// without a renderer), ending in `…` when cut. The full text stays in `<title>`.
    /// `text` broken at spaces into lines that fit `pixels` at an average `characterWidth`,
    /// at most `maxLines` of them; the last is cut with `…` when the text does not fit.
    static func wrapped(_ text: String, pixels: Double, characterWidth: Double, maxLines: Int) -> [String] {
        let limit = Swift.max(8, Int(pixels / characterWidth))
        var lines: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            if lines.count == maxLines - 1 || rest.count <= limit {
                lines.append(shortened(String(rest), pixels: pixels, characterWidth: characterWidth))
                break
            }
            let window = rest.prefix(limit + 1)
            let cut = window.lastIndex(of: " ") ?? rest.index(rest.startIndex, offsetBy: limit)
            lines.append(String(rest[..<cut]))
            rest = rest[cut...].drop { $0 == " " }
        }
        return lines.isEmpty ? [""] : lines
    }

    static func shortened(_ text: String, pixels: Double, characterWidth: Double) -> String {
        let limit = Swift.max(8, Int(pixels / characterWidth))
        guard text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }

    static func dash(_ style: PlotSeries.LineStyle) -> String {
        switch style {
        case .solid: return ""
        case .dashed: return " stroke-dasharray=\"6 4\""
        case .dotted: return " stroke-dasharray=\"2 3\""
        }
    }

    /// Runs of consecutive drawable points.
    static func segments(_ points: [(Double?, Double?)]) -> [[(Double, Double)]] {
        var out: [[(Double, Double)]] = []
        var current: [(Double, Double)] = []
        for (x, y) in points {
            if let x, let y {
                current.append((x, y))
            } else if !current.isEmpty {
                out.append(current)
                current = []
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    func draw(_ s: PlotSeries, frame f: Frame, px: (Double) -> Double?, py: (Double) -> Double?) -> String {
        let c = SVGText.coordinate
        let count = Swift.min(s.x.count, s.y.count)
        var out = ""
        switch s.kind {
        case let .scatter(marker, hollow):
            let paint = hollow
                ? "fill=\"none\" stroke=\"\(s.color.hex)\" stroke-width=\"1.5\""
                : "fill=\"\(s.color.hex)\" fill-opacity=\"0.85\" stroke=\"#ffffff\" stroke-width=\"0.6\""
            out += "<g \(paint)>\n"
            for i in 0..<count {
                guard let x = px(s.x[i]), let y = py(s.y[i]) else { continue }
                out += Self.marker(marker, x: x, y: y, size: 4) + "\n"
            }
            out += "</g>\n"
        case let .line(style, width):
            let points = (0..<count).map { (px(s.x[$0]), py(s.y[$0])) }
            for segment in Self.segments(points) where segment.count >= 2 {
                let path = segment.map { "\(c($0.0)),\(c($0.1))" }.joined(separator: " ")
                out += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(s.color.hex)\" stroke-width=\"\(c(width))\" stroke-linejoin=\"round\"\(Self.dash(style))/>\n"
            }
        case let .band(upper, opacity):
            let n = Swift.min(count, upper.count)
            var run: [(Double, Double, Double)] = []
            func flush() {
                if run.count >= 2 {
                    let lower = run.map { "\(c($0.0)),\(c($0.1))" }
                    let top = run.reversed().map { "\(c($0.0)),\(c($0.2))" }
                    out += "<polygon points=\"\((lower + top).joined(separator: " "))\" fill=\"\(s.color.hex)\" fill-opacity=\"\(c(opacity))\" stroke=\"none\"/>\n"
                }
                run = []
            }
            for i in 0..<n {
                if let x = px(s.x[i]), let lo = py(s.y[i]), let hi = py(upper[i]) {
                    run.append((x, lo, hi))
                } else {
                    flush()
                }
            }
            flush()
        case let .horizontalRule(style):
            if let v = s.y.first, let y = py(v) {
                out += "<line x1=\"\(c(f.left))\" y1=\"\(c(y))\" x2=\"\(c(f.right))\" y2=\"\(c(y))\" stroke=\"\(s.color.hex)\" stroke-width=\"1.2\"\(Self.dash(style))/>\n"
            }
        }
        return out
    }

    /// One marker centred at `(x, y)` with half-size `size` px.
    static func marker(_ marker: PlotSeries.Marker, x: Double, y: Double, size r: Double) -> String {
        let c = SVGText.coordinate
        switch marker {
        case .circle:
            return "<circle cx=\"\(c(x))\" cy=\"\(c(y))\" r=\"\(c(r))\"/>"
        case .square:
            return "<rect x=\"\(c(x - r * 0.85))\" y=\"\(c(y - r * 0.85))\" width=\"\(c(r * 1.7))\" height=\"\(c(r * 1.7))\"/>"
        case .triangle:
            return "<polygon points=\"\(c(x)),\(c(y - r * 1.1)) \(c(x + r)),\(c(y + r * 0.8)) \(c(x - r)),\(c(y + r * 0.8))\"/>"
        case .diamond:
            return "<polygon points=\"\(c(x)),\(c(y - r * 1.2)) \(c(x + r)),\(c(y)) \(c(x)),\(c(y + r * 1.2)) \(c(x - r)),\(c(y))\"/>"
        case .star:
            var points: [String] = []
            for k in 0..<10 {
                let radius = k % 2 == 0 ? r * 1.6 : r * 0.7
                let angle = -Double.pi / 2 + Double(k) * Double.pi / 5
                points.append("\(c(x + radius * cos(angle))),\(c(y + radius * sin(angle)))")
            }
            return "<polygon points=\"\(points.joined(separator: " "))\"/>"
        }
    }

    func legend(frame f: Frame) -> String {
        let entries = legendEntries
        guard !entries.isEmpty else { return "" }
        let c = SVGText.coordinate
        let x0 = f.right + 14
        var out = "<g class=\"legend\" font-size=\"12\">\n"
        var y = f.top + 8
        for s in entries {
            let lines = Self.wrap(s.label ?? "", limit: legendLabelLimit)
            defer { y += 20 + 15 * Double(lines.count - 1) }
            switch s.kind {
            case let .scatter(marker, hollow):
                let paint = hollow ? "fill=\"none\" stroke=\"\(s.color.hex)\" stroke-width=\"1.5\"" : "fill=\"\(s.color.hex)\""
                out += "<g \(paint)>\(Self.marker(marker, x: x0 + 10, y: y, size: 4))</g>\n"
            case let .line(style, width):
                out += "<line x1=\"\(c(x0))\" y1=\"\(c(y))\" x2=\"\(c(x0 + 20))\" y2=\"\(c(y))\" stroke=\"\(s.color.hex)\" stroke-width=\"\(c(width))\"\(Self.dash(style))/>\n"
            case let .band(_, opacity):
                out += "<rect x=\"\(c(x0))\" y=\"\(c(y - 6))\" width=\"20\" height=\"12\" fill=\"\(s.color.hex)\" fill-opacity=\"\(c(opacity))\"/>\n"
            case let .horizontalRule(style):
                out += "<line x1=\"\(c(x0))\" y1=\"\(c(y))\" x2=\"\(c(x0 + 20))\" y2=\"\(c(y))\" stroke=\"\(s.color.hex)\" stroke-width=\"1.2\"\(Self.dash(style))/>\n"
            }
            if lines.count == 1 {
                out += "<text x=\"\(c(x0 + 26))\" y=\"\(c(y + 4))\">\(SVGText.escape(lines[0]))</text>\n"
            } else {
                out += "<text x=\"\(c(x0 + 26))\" y=\"\(c(y + 4))\">"
                for (i, line) in lines.enumerated() {
                    out += "<tspan x=\"\(c(x0 + 26))\"\(i == 0 ? "" : " dy=\"15\"")>\(SVGText.escape(line))</tspan>"
                }
                out += "</text>\n"
            }
        }
        out += "</g>\n"
        return out
    }
}
