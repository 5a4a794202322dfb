import Foundation

/// How tick values are written.
public enum TickLabelStyle: String, Sendable, Equatable, Codable, CaseIterable {
    /// Powers of ten with superscript exponents: `10²¹`, `2×10²¹`; plain numbers between 0.01
    /// and 10⁴ (`0.1`, `200`).
    case superscript
    /// C-style exponents: `1e21`, `2e21`; plain numbers between 0.01 and 10⁴.
    case scientific
    /// Counts the way people say them (``NumberFormat/human(_:)``): `350M`, `70.0B`, `1.40T`.
    case human

    /// The label of `value` on an axis whose ticks are `ticks`.
    public func label(_ value: Double, ticks: AxisTicks, scale: AxisScale) -> String {
        guard value.isFinite else { return NumberFormat.nonFinite(value) }
        if value == 0 { return "0" }
        switch self {
        case .human:
            return Self.humanLabel(value)
        case .superscript, .scientific:
            let magnitude = Swift.abs(value)
            if magnitude >= 0.01, magnitude < 1e4 {
                return Self.plain(value, ticks: ticks, scale: scale)
            }
            let (mantissa, exponent) = Self.decompose(value, ticks: ticks, scale: scale)
            if self == .scientific {
                return (mantissa == "1" ? "1" : mantissa) + "e\(exponent)"
            }
            let power = "10" + Self.superscriptDigits(exponent)
            if mantissa == "1" { return power }
            if mantissa == "-1" { return "−" + power }
            return mantissa.replacingOccurrences(of: "-", with: "−") + "×" + power
        }
    }

    /// `350M`, `70B`, `1.4T`: the shortest of NumberFormat's three-digit forms without
    /// trailing zeros.
    static func humanLabel(_ value: Double) -> String {
        var text = NumberFormat.human(value)
        // "70.0B" → "70B", "1.40T" → "1.4T".
        if let suffixIndex = text.firstIndex(where: { $0.isLetter }), text.contains(".") {
            var number = String(text[..<suffixIndex])
            let suffix = String(text[suffixIndex...])
            if !number.contains("e") {
                while number.hasSuffix("0") { number.removeLast() }
                if number.hasSuffix(".") { number.removeLast() }
                text = number + suffix
            }
        }
        return text
    }

    /// A plain decimal with as many places as the tick step needs: `0.25`, `3`, `1200`.
    static func plain(_ value: Double, ticks: AxisTicks, scale: AxisScale) -> String {
        let decimals: Int
        switch scale {
        case .linear:
            decimals = Swift.max(0, Swift.min(10, -Int(floor(log10(ticks.step) + 1e-9))))
        case .log:
            decimals = Swift.max(0, Swift.min(10, -Int(floor(log10(Swift.abs(value)) + 1e-9))))
        }
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text.replacingOccurrences(of: "-", with: "−")
    }

    /// Mantissa text and exponent: `2.5e21` → ("2.5", 21). The mantissa has up to 3
    /// significant digits, without trailing zeros.
    static func decompose(_ value: Double, ticks: AxisTicks, scale: AxisScale) -> (String, Int) {
        var exponent = Int(floor(log10(Swift.abs(value))))
        var mantissa = value / pow(10, Double(exponent))
        // Guard against 9.999999 → 10.
        if Swift.abs(mantissa) >= 9.9995 {
            exponent += 1
            mantissa /= 10
        }
        var text = String(format: "%.2f", mantissa)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return (text, exponent)
    }

    static let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
    ]

    /// `-21` → `⁻²¹`.
    static func superscriptDigits(_ n: Int) -> String {
        String(String(n).map { superscripts[$0] ?? $0 })
    }
}
