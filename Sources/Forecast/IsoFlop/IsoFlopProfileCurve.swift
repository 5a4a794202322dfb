import Foundation

/// Points along one budget's fitted iso-FLOP profile, for drawing
/// (``IsoFlopProfile/curve(runs:shape:count:)``).
///
/// ```
/// polynomial     L(N) = Σ_k c_k·(ln N − x̄)^k       over the fitted sizes [N_min, N_max]
/// interpolated   L(N) = exp(S(ln N))                S = the Akima spline of ln L through the
///                                                   lowest loss of each sampled size
/// ```
/// `N` is sampled geometrically. The curve is the profile the analysis fitted (same
/// coefficients, same spline), never a refit.
public struct IsoFlopProfileCurve: Sendable, Equatable {
    /// Model sizes `N`, increasing.
    public let parameters: [Double]
    /// The profile's loss at each size.
    public let loss: [Double]
}

extension IsoFlopProfile {
    /// The fitted profile at `count` sizes, or `nil` when there is nothing fitted to draw (too
    /// few sizes, or an interpolated profile with fewer than 2 sizes).
    ///
    /// - Parameters:
    ///   - runs: The budget's runs (for the interpolated shape, which stores no coefficients).
    ///   - shape: The shape the analysis fitted (``IsoFlopOptions/shape``).
    ///   - count: Points on the curve, at least 2.
    public func curve(runs: [IsoFlopRun], shape: IsoFlopProfileShape, count: Int = 80) -> IsoFlopProfileCurve? {
        let count = Swift.max(count, 2)
        func grid(_ lo: Double, _ hi: Double) -> [Double] {
            (0..<count).map { k in k == count - 1 ? hi : lo + (hi - lo) * Double(k) / Double(count - 1) }
        }
        if shape == .interpolated {
            let sorted = runs.sorted { ($0.parameters, $0.loss) < ($1.parameters, $1.loss) }
            let (sizes, best) = IsoFlopProfileFit.lowestLossPerSize(sorted)
            guard sizes.count >= 2, let spline = AkimaSpline(x: sizes.map { log($0) }, y: best.map { log($0) }) else { return nil }
            let xs = grid(log(sizes[0]), log(sizes[sizes.count - 1]))
            return IsoFlopProfileCurve(parameters: xs.map { exp($0) }, loss: xs.map { exp(spline($0)) })
        }
        guard !coefficients.isEmpty, smallestParameters.isFinite, largestParameters.isFinite,
              smallestParameters > 0, largestParameters > smallestParameters else { return nil }
        let xs = grid(log(smallestParameters), log(largestParameters))
        var loss: [Double] = []
        loss.reserveCapacity(xs.count)
        for x in xs {
            let u = x - center
            var value = 0.0, power = 1.0
            for c in coefficients {
                value += c * power
                power *= u
            }
            loss.append(value)
        }
        return IsoFlopProfileCurve(parameters: xs.map { exp($0) }, loss: loss)
    }
}
