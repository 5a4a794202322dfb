import Foundation

/// An exponential trend in time, the form behind training-cost growth rates (Cottier et al.
/// 2024, "The rising costs of training frontier AI models", arXiv:2405.21015: ordinary least
/// squares of `log10 cost` on publication date, headline 2.4× per year):
///
/// ```
/// y(t) = A · 10^(g·(t − t0)),   t0 = referenceYear (2020 in the catalog)
/// log10 y = log10 A + g·(t − t0)
/// ```
/// - `t`: date as a decimal year (see ``DecimalYear`` for turning `2023-03-15` into one);
///   `y`: the trending quantity, e.g. amortised hardware + energy cost in 2023 USD (`y > 0` for
///   the log-space fit).
/// - `A`: the trend's value at `t0` (units of `y`); `g`: growth in orders of magnitude per
///   year. Growth factor per year `10^g`, doubling time `12·log10(2)/g` months.
///
/// `t0` is a fixed reference, not a parameter (with it free, `A` and `t0` could not both be
/// identified); 2020 sits inside the usual data, which keeps `A` and `g` nearly uncorrelated.
///
/// Fit it with least squares on log residuals (``LawObjective/logLeastSquares``, `--objective
/// log-lsq`; ``defaultObjective``): that is exactly the OLS of ``CostTrend``, so the two agree on
/// `g`, its standard error and interval. `A` is fitted as `log A`; its linear coefficient `A`
/// is flagged for variable projection.
///
/// Gradient: `∂y/∂A = 10^(g(t − t0))`, `∂y/∂g = y·ln(10)·(t − t0)`.
public struct ExponentialTrendLaw: ScalingLaw, Equatable {
    /// The reference year `t0` at which `y = A`.
    public let referenceYear: Double

    /// - Parameter referenceYear: `t0`, a decimal year (default 2020).
    public init(referenceYear: Double = 2020) {
        self.referenceYear = referenceYear
    }

    public var name: String { "exponential-trend" }
    public var family: LawFamily { .costTrend }
    public var title: String { "Exponential trend in time, fitted in log10 space (Cottier et al. 2024)" }
    public var formula: String { "y(t) = A·10^(g·(t − \(Self.yearText(referenceYear))))" }
    public var citation: String {
        "Cottier et al. 2024, The rising costs of training frontier AI models, arXiv:2405.21015 (OLS of log10 cost on publication date)"
    }

    /// The objective this law is meant to be fitted with: least squares on log residuals.
    public var defaultObjective: LawObjective { .logLeastSquares }

    public var inputs: [LawVariable] {
        [LawVariable("year", symbol: "t", unit: "year", summary: "date as a decimal year", mustBePositive: false)]
    }

    public var response: LawVariable {
        LawVariable("cost", symbol: "y", unit: "USD", summary: "training cost (or any exponentially trending quantity)")
    }

    public var parameters: [LawParameter] {
        [
            LawParameter("A", symbol: "A", unit: "USD", summary: "trend value at the reference year",
                         lowerBound: 0, isLinear: true, fitsInLogSpace: true),
            LawParameter("g", symbol: "g", unit: "OOM/year", summary: "growth in orders of magnitude per year"),
        ]
    }

    public func evaluate(_ x: [Double], _ p: [Double]) -> Double {
        p[0] * pow(10, p[1] * (x[0] - referenceYear))
    }

    public func gradient(_ x: [Double], _ p: [Double], into g: inout [Double]) {
        let dt = x[0] - referenceYear
        let growth = pow(10, p[1] * dt)
        g[0] = growth
        g[1] = p[0] * growth * Self.ln10 * dt
    }

    /// The exact OLS of `log10 y` on `t − t0` over the positive responses; `[1, 0]` without two
    /// distinct years.
    public func initialGuess(inputs: [[Double]], response: [Double]) -> [Double] {
        var t: [Double] = [], ly: [Double] = []
        for i in response.indices where response[i] > 0 {
            t.append(inputs[0][i] - referenceYear)
            ly.append(log10(response[i]))
        }
        guard let line = BenchmarkLogistic.line(x: t, y: ly) else {
            return [ly.isEmpty ? 1 : pow(10, ly.reduce(0, +) / Double(ly.count)), 0]
        }
        return [pow(10, line.intercept), line.slope]
    }

    /// `log y = log A + g·ln(10)·(t − t0)` over the dataset in the log-space parameterization
    /// `(log A, g)`.
    public func logSpaceKernel(inputs: [[Double]]) -> LogSpaceKernel? {
        let dt = inputs[0].map { ($0 - referenceYear) * Self.ln10 }
        let n = dt.count
        return LogSpaceKernel(
            model: { p, out in
                for i in 0..<n { out[i] = p[0] + p[1] * dt[i] }
            },
            jacobian: { _, jac in
                for i in 0..<n {
                    jac.elements[i] = 1
                    jac.elements[i + n] = dt[i]
                }
            })
    }

    /// `ln 10`.
    static let ln10 = 2.302585092994045684017991454684364208

    /// `2020` for whole years, else the decimal.
    static func yearText(_ year: Double) -> String {
        year == year.rounded() && Swift.abs(year) < 1e6 ? String(Int(year)) : "\(year)"
    }
}
