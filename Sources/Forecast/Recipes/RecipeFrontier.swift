import Foundation
import ScalingLaws

/// A recipe's loss at the compute-optimal point as a function of the budget `C`, `L*(C)`.
///
/// ```
/// chinchilla:  L*(C) = E + A/N_opt^α + B/D_opt^β,  N_opt = G (C/6)^(β/(α+β)),  D_opt = C/(6 N_opt),
///              G = (αA/(βB))^(1/(α+β))            (Hoffmann et al. 2022, arXiv:2203.15556, eq. 4)
/// powerLaw:    L*(C) = k·C^a                        (the per-budget minima of Approach 2, log-log line)
/// ```
public enum RecipeFrontier: Sendable, Equatable, Codable {
    /// The frontier of a Chinchilla law.
    case chinchilla(ChinchillaParameters)
    /// The log-log line `k·C^a` through Approach 2's per-budget minima.
    case powerLaw(coefficient: Double, exponent: Double)

    /// `L*(C)`.
    public func loss(at budget: Double) -> Double {
        switch self {
        case let .chinchilla(p):
            return ChinchillaLaw.computeOptimal(budget: budget, parameters: p).loss
        case let .powerLaw(k, a):
            return k * pow(budget, a)
        }
    }

    /// The budget ratio `k` at which this recipe matches `baseline` at `budget`:
    ///
    /// ```
    /// L*_recipe(k·C) = L*_baseline(C)
    /// ```
    /// `k > 1`: the recipe needs `k` times the baseline's compute for the baseline's loss
    /// (`k < 1`: it needs less; `1/k` is its effective-compute gain). `+∞` when the recipe never
    /// reaches that loss (the baseline's loss is at or below the recipe's floor `E`), `0` when it
    /// beats it at any budget down to `C·e^−46` (Brent's method in `log k` on `[−46, 46]`).
    public func ratio(to baseline: RecipeFrontier, at budget: Double) -> Double {
        let target = baseline.loss(at: budget)
        let logC = log(budget)
        let f: (Double) -> Double = { u in self.loss(at: exp(logC + u)) - target }
        let span = 46.0
        let high = f(span), low = f(-span)
        guard high.isFinite, low.isFinite, target.isFinite else { return .nan }
        if high > 0 { return .infinity }
        if low < 0 { return 0 }
        guard let u = ScalarRoot.brent(f, -span, span, tolerance: 1e-10) else { return .nan }
        return exp(u)
    }

    /// Budgets in `range` where this recipe's `L*(C)` crosses the baseline's (the ranking
    /// flips): sign changes of `L*_recipe − L*_baseline` on a grid of 241 budgets evenly spaced
    /// in `log C`, each refined by Brent's method.
    public func crossovers(with baseline: RecipeFrontier, in range: ClosedRange<Double>) -> [Double] {
        let lo = log(range.lowerBound), hi = log(range.upperBound)
        guard lo.isFinite, hi.isFinite, hi > lo else { return [] }
        let g: (Double) -> Double = { u in self.loss(at: exp(u)) - baseline.loss(at: exp(u)) }
        let steps = 240
        var out: [Double] = []
        var previousU = lo
        var previous = g(lo)
        for s in 1...steps {
            let u = lo + (hi - lo) * Double(s) / Double(steps)
            let value = g(u)
            if previous.isFinite, value.isFinite, (previous < 0) != (value < 0), previous != 0 {
                if let root = ScalarRoot.brent(g, previousU, u, tolerance: 1e-10) { out.append(exp(root)) }
            }
            previousU = u
            previous = value
        }
        return out
    }
}
