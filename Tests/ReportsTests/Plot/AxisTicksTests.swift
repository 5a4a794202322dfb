import Foundation
import Testing
import TestSupport
@testable import Reports

@Suite("axis ticks")
struct AxisTicksTests {
    @Test("log 1e18…1e24: a major tick at every decade, exactly, and 2…9 × 10^k minors")
    func decades() {
        let ticks = AxisTicks.make(lower: 1e18, upper: 1e24, scale: .log)
        #expect(ticks.major == [1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24])
        #expect(ticks.minor.count == 6 * 8)
        #expect(ticks.minor.first == 2e18)
        #expect(ticks.minor.last == 9e23)
        #expect(ticks.minor.contains(5e20))
    }

    @Test("log ranges that do not start on a decade", arguments: [
        (3e6, 2e9, [1e7, 1e8, 1e9]),
        (0.002, 0.5, [0.01, 0.1]),
        (1.0, 1e4, [1, 10, 100, 1000, 10000]),
    ])
    func offDecade(lower: Double, upper: Double, expected: [Double]) {
        #expect(AxisTicks.make(lower: lower, upper: upper, scale: .log).major == expected)
    }

    @Test("log over 31 decades labels every 4th decade, aligned on 10^0")
    func wide() {
        let ticks = AxisTicks.make(lower: 1, upper: 1e30, scale: .log)
        #expect(ticks.major == [1, 1e4, 1e8, 1e12, 1e16, 1e20, 1e24, 1e28])
        #expect(ticks.minor.contains(1e5))
        #expect(!ticks.minor.contains(1e4))
    }

    @Test("log narrower than two decades: majors at 1, 2, 5 × 10^k")
    func narrowLog() {
        #expect(AxisTicks.make(lower: 2, upper: 40, scale: .log).major == [2, 5, 10, 20])
        // Narrower than one 1-2-5 step: linear ticks.
        #expect(AxisTicks.make(lower: 2.1, upper: 2.9, scale: .log).major == [2.2, 2.4, 2.6, 2.8])
    }

    @Test("linear: nice steps 1, 2, 5 × 10^k, no binary drift", arguments: [
        (0.0, 1.0, [0, 0.2, 0.4, 0.6, 0.8, 1]),
        (0.0, 10.0, [0, 2, 4, 6, 8, 10]),
        (-0.03, 0.03, [-0.03, -0.02, -0.01, 0, 0.01, 0.02, 0.03]),
        (1.75, 3.35, [2, 2.5, 3]),
        (2016.0, 2025.0, [2016, 2018, 2020, 2022, 2024]),
    ])
    func linear(lower: Double, upper: Double, expected: [Double]) {
        #expect(AxisTicks.make(lower: lower, upper: upper, scale: .linear).major == expected)
    }

    @Test("linear minor ticks: fifths of steps 1 and 5, halves of step 2")
    func linearMinor() {
        let fifths = AxisTicks.make(lower: 0, upper: 5, scale: .linear)
        #expect(fifths.major == [0, 1, 2, 3, 4, 5])
        #expect(fifths.minor.prefix(4) == [0.2, 0.4, 0.6, 0.8])
        let halves = AxisTicks.make(lower: 0, upper: 10, scale: .linear)
        #expect(halves.minor == [1, 3, 5, 7, 9])
    }
}

@Suite("tick labels")
struct TickLabelTests {
    static let logTicks = AxisTicks.make(lower: 1e18, upper: 1e24, scale: .log)

    @Test("superscript and scientific styles", arguments: [
        (1e21, "10²¹", "1e21"),
        (2e21, "2×10²¹", "2e21"),
        (1e-3, "10⁻³", "1e-3"),
        (2.5e-5, "2.5×10⁻⁵", "2.5e-5"),
        (0.5, "0.5", "0.5"),
        (200.0, "200", "200"),
        (1e4, "10⁴", "1e4"),
    ])
    func powers(value: Double, superscript: String, scientific: String) {
        #expect(TickLabelStyle.superscript.label(value, ticks: Self.logTicks, scale: .log) == superscript)
        #expect(TickLabelStyle.scientific.label(value, ticks: Self.logTicks, scale: .log) == scientific)
    }

    @Test("human style: 70B, 1.4T, 350M, 500k", arguments: [
        (7e10, "70B"), (1.4e12, "1.4T"), (3.5e8, "350M"), (5e5, "500k"), (1e9, "1B"),
    ])
    func human(value: Double, expected: String) {
        #expect(TickLabelStyle.human.label(value, ticks: Self.logTicks, scale: .log) == expected)
    }

    @Test("linear labels take the precision of the step")
    func linearPrecision() {
        let ticks = AxisTicks.make(lower: 1.75, upper: 3.35, scale: .linear)
        #expect(ticks.major.map { TickLabelStyle.superscript.label($0, ticks: ticks, scale: .linear) } == ["2", "2.5", "3"])
        let small = AxisTicks.make(lower: -0.03, upper: 0.03, scale: .linear)
        #expect(small.major.map { TickLabelStyle.superscript.label($0, ticks: small, scale: .linear) }
            == ["−0.03", "−0.02", "−0.01", "0", "0.01", "0.02", "0.03"])
    }
}

@Suite("SVG text")
struct SVGTextTests {
    @Test("escapes the XML specials and drops forbidden control characters")
    func escape() {
        #expect(SVGText.escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;")
        #expect(SVGText.escape("bell\u{07}tab\t") == "belltab\t")
        #expect(SVGText.escape("σ* ≈ 10²¹") == "σ* ≈ 10²¹")
    }

    @Test("coordinates: two decimals, no trailing zeros, no negative zero", arguments: [
        (12.5, "12.5"), (300.0, "300"), (-4.254, "-4.25"), (-0.001, "0"), (0.1 + 0.2, "0.3"), (Double.nan, "0"),
    ])
    func coordinates(value: Double, expected: String) {
        #expect(SVGText.coordinate(value) == expected)
    }
}
