import Foundation

/// One-dimensional root finding (Brent's method: bisection, secant and inverse quadratic
/// interpolation), for a function whose values at the ends of a bracket have opposite signs.
enum ScalarRoot {
    /// A root of `f` in `[a, b]` to an absolute tolerance `tolerance` in `x`, or `nil` when the
    /// ends do not bracket a sign change or a value is not finite.
    ///
    /// Brent, *Algorithms for Minimization without Derivatives* (1973), ch. 4 (`zeroin`).
    static func brent(_ f: (Double) -> Double, _ a0: Double, _ b0: Double, tolerance: Double, maxIterations: Int = 200) -> Double? {
        var a = a0, b = b0
        var fa = f(a), fb = f(b)
        guard fa.isFinite, fb.isFinite else { return nil }
        if fa == 0 { return a }
        if fb == 0 { return b }
        guard (fa < 0) != (fb < 0) else { return nil }
        var c = a, fc = fa
        var d = b - a, e = d
        for _ in 0..<maxIterations {
            if (fb < 0) == (fc < 0) {
                c = a; fc = fa
                d = b - a; e = d
            }
            if Swift.abs(fc) < Swift.abs(fb) {
                a = b; b = c; c = a
                fa = fb; fb = fc; fc = fa
            }
            let tol = 2 * Double.ulpOfOne * Swift.abs(b) + 0.5 * tolerance
            let m = 0.5 * (c - b)
            if Swift.abs(m) <= tol || fb == 0 { return b }
            if Swift.abs(e) >= tol, Swift.abs(fa) > Swift.abs(fb) {
                let s = fb / fa
                var p: Double, q: Double
                if a == c {
                    p = 2 * m * s
                    q = 1 - s
                } else {
                    let qa = fa / fc, r = fb / fc
                    p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1))
                    q = (qa - 1) * (r - 1) * (s - 1)
                }
                if p > 0 { q = -q } else { p = -p }
                if 2 * p < Swift.min(3 * m * q - Swift.abs(tol * q), Swift.abs(e * q)) {
                    e = d
                    d = p / q
                } else {
                    d = m; e = m
                }
            } else {
                d = m; e = m
            }
            a = b; fa = fb
            b += Swift.abs(d) > tol ? d : (m > 0 ? tol : -tol)
            fb = f(b)
            guard fb.isFinite else { return nil }
        }
        return b
    }

    /// The `y` with `f(e^y) = target` for an increasing `f`, starting the bracket search at
    /// `log(guess)` and stepping a decade at a time within `e^y ∈ [1e-300, 1e300]`; returns
    /// `e^y`, or `nil` when no such value exists in that range.
    static func solveIncreasing(_ f: (Double) -> Double, target: Double, guess: Double) -> Double? {
        func g(_ y: Double) -> Double { f(exp(y)) - target }
        let step = log(10.0)
        let yMin = log(1e-300), yMax = log(1e300)
        var y0 = guess.isFinite && guess > 0 ? log(guess) : 0
        y0 = Swift.min(Swift.max(y0, yMin), yMax)
        let v0 = g(y0)
        guard !v0.isNaN else { return nil }
        if v0 == 0 { return exp(y0) }
        var lo = y0, hi = y0
        if v0 < 0 {
            while true {
                lo = hi
                hi = Swift.min(hi + step, yMax)
                let v = g(hi)
                if v.isNaN { return nil }
                if v >= 0 { break }
                if hi >= yMax { return nil }
            }
        } else {
            while true {
                hi = lo
                lo = Swift.max(lo - step, yMin)
                let v = g(lo)
                if v.isNaN { return nil }
                if v <= 0 { break }
                if lo <= yMin { return nil }
            }
        }
        // Relative 1e-14 in the solved value.
        return brent(g, lo, hi, tolerance: 1e-14).map(exp)
    }
}
