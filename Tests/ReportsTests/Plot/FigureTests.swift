import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
@testable import Reports

/// Parses XML and collects elements, for checking rendered SVG.
final class XMLProbe: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var texts: [String] = []
    private var current = ""
    var error: Error?

    static func parse(_ text: String) -> XMLProbe {
        let probe = XMLProbe()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = probe
        if !parser.parse() { probe.error = parser.parserError ?? NSError(domain: "xml", code: 1) }
        return probe
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append((name, attributes))
        current = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { texts.append(current) }
        current = ""
    }

    func count(_ name: String) -> Int { elements.filter { $0.name == name }.count }
}

@Suite("figure rendering")
struct FigureTests {
    static func sample() -> Figure {
        var figure = Figure(
            title: "Loss <vs> compute & \"friends\"",
            subtitle: "a subtitle",
            x: PlotAxis(label: "C (FLOP)", scale: .log),
            y: PlotAxis(label: "loss (nats/token)"))
        figure.series = [
            .band("95% CI", x: [1e18, 1e21, 1e24], lower: [2.9, 2.4, 1.9], upper: [3.1, 2.6, 2.1], color: PlotColor.series(0)),
            .line("law", x: [1e18, 1e21, 1e24], y: [3, 2.5, 2], color: PlotColor.series(0)),
            .scatter("runs", x: [1e18, 1e20, 1e22, -5], y: [3.05, 2.7, 2.3, 1], color: PlotColor.series(1)),
            .horizontalRule(nil, y: 2),
        ]
        figure.notes = ["a note"]
        return figure
    }

    @Test("a long legend label wraps at spaces onto up to three lines instead of being cut; longer text ends in …")
    func legendWrap() throws {
        #expect(SVGFigureRenderer.wrap("fitted chinchilla", limit: 28) == ["fitted chinchilla"])
        #expect(SVGFigureRenderer.wrap("95% PI new run (bootstrap, 1,000 refits of every row)", limit: 28)
                == ["95% PI new run (bootstrap,", "1,000 refits of every row)"])
        #expect(SVGFigureRenderer.wrap("abcdefghijklmnopqrstuvwxyz0123456789", limit: 28) == ["abcdefghijklmnopqrstuvwxyz01", "23456789"])
        let long = String(repeating: "word ", count: 30)
        let lines = SVGFigureRenderer.wrap(long, limit: 28)
        #expect(lines.count == 3 && lines[2].hasSuffix("…") && lines.allSatisfy { $0.count <= 28 })

        var figure = Self.sample()
        figure.series[1] = .line("the fitted law with its 1,000-refit bootstrap", x: [1e18, 1e21, 1e24], y: [3, 2.5, 2], color: PlotColor.series(0))
        let svg = figure.svg()
        #expect(XMLProbe.parse(svg).error == nil)
        #expect(svg.contains(">the fitted law with its</tspan><tspan x=\"") && svg.contains(" dy=\"15\">1,000-refit bootstrap</tspan></text>"))
        // The entries after it move down by one extra line (15 px): "runs" sits 55 px below "95% CI", not 40.
        let legend = String(svg[try #require(svg.range(of: "<g class=\"legend\"")).upperBound...])
        let textX = try #require(legend.range(of: "<text x=\"")).upperBound
        let x = String(legend[textX...].prefix { $0 != "\"" })
        let ys = XMLProbe.parse(svg).elements.filter { $0.name == "text" && $0.attributes["x"] == x }
            .compactMap { $0.attributes["y"].flatMap(Double.init) }
        #expect(ys.count == 3)
        if ys.count == 3 { #expect(abs((ys[2] - ys[0]) - 55) < 1e-9) }
    }

    @Test("parses as XML; title escaped; one circle per drawable point; band, line, rule present")
    func structure() throws {
        let svg = Self.sample().svg()
        let probe = XMLProbe.parse(svg)
        #expect(probe.error == nil)
        #expect(probe.elements.first?.name == "svg")
        #expect(probe.elements.first?.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(probe.texts.contains("Loss <vs> compute & \"friends\""))
        // 3 drawable points (x = −5 cannot sit on a log axis) + 1 legend marker.
        #expect(probe.count("circle") == 4)
        #expect(probe.count("polygon") == 1)
        #expect(probe.count("polyline") == 1)
        #expect(svg.contains("stroke-dasharray=\"6 4\""))
    }

    @Test("decade tick labels of a 1e18…1e24 axis are exactly 10¹⁸ … 10²⁴")
    func tickLabels() {
        var figure = Self.sample()
        figure.x.range = 1e18...1e24
        let probe = XMLProbe.parse(figure.svg())
        let labels = ["10¹⁸", "10¹⁹", "10²⁰", "10²¹", "10²²", "10²³", "10²⁴"]
        for label in labels { #expect(probe.texts.contains(label)) }
        // The x tick labels sit at equal spacing from the left edge (84) to the right edge (760 − 30% legend column = 532).
        let xs = probe.elements.filter { $0.name == "text" && $0.attributes["text-anchor"] == "middle" && $0.attributes["y"] == "430" }
            .compactMap { Double($0.attributes["x"] ?? "") }
        #expect(xs.count == 7)
        #expect(xs.first == 84)
        #expect(xs.last == 532)
    }

    @Test("same figure, same bytes")
    func deterministic() {
        #expect(Self.sample().svg() == Self.sample().svg())
    }

    @Test("a series with no drawable point still renders a valid, empty axes")
    func empty() {
        let figure = Figure(title: "empty", x: PlotAxis(label: "x", scale: .log), y: PlotAxis(label: "y"),
                            series: [.scatter("none", x: [-1, 0], y: [1, 2], color: .black)])
        #expect(XMLProbe.parse(figure.svg()).error == nil)
    }

    @Test("palette: Okabe–Ito hex values, cycling")
    func palette() {
        #expect(PlotColor.palette.map(\.hex) == ["#0072b2", "#d55e00", "#009e73", "#e69f00", "#cc79a7", "#56b4e9", "#f0e442"])
        #expect(PlotColor.series(7) == PlotColor.series(0))
    }
}
