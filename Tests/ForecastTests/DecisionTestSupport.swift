import Foundation

/// A small seeded generator for synthetic data in the decision tests (SplitMix64 and
/// Box–Muller), so the tests do not depend on the library's own generator.
struct TestNoise {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func uniform() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) * 0x1.0p-53
    }

    mutating func normal() -> Double {
        var u1 = uniform()
        while u1 <= 0 { u1 = uniform() }
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * uniform())
    }
}

/// `count` log-spaced values from `a` to `b`.
func logSpaced(_ a: Double, _ b: Double, count: Int) -> [Double] {
    (0..<count).map { a * pow(b / a, Double($0) / Double(count - 1)) }
}

/// Whether `value` rounds to `printed` at `decimals` decimals.
func matchesPrinted(_ value: Double, _ printed: Double, decimals: Int) -> Bool {
    abs(value - printed) <= 0.5 * pow(10, -Double(decimals)) * (1 + 1e-9)
}
