import Foundation

/// Golden-section search for a minimum of a unimodal function on a bracket.
enum GoldenSection {
    /// The minimiser of `f` on `[a, b]`, narrowed until the bracket is shorter than
    /// `tolerance`. Each step keeps the sub-bracket holding the lower of two interior values,
    /// so the result is a local minimum when `f` is unimodal on `[a, b]`.
    static func minimize(_ f: (Double) -> Double, _ a0: Double, _ b0: Double, tolerance: Double) -> Double {
        let invPhi = (5.0.squareRoot() - 1) / 2
        var a = a0, b = b0
        var c = b - invPhi * (b - a)
        var d = a + invPhi * (b - a)
        var fc = f(c), fd = f(d)
        var iterations = 0
        while b - a > tolerance, iterations < 200 {
            iterations += 1
            if fc <= fd {
                b = d; d = c; fd = fc
                c = b - invPhi * (b - a)
                fc = f(c)
            } else {
                a = c; c = d; fc = fd
                d = a + invPhi * (b - a)
                fd = f(d)
            }
        }
        return fc <= fd ? c : d
    }
}
