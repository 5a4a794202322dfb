import Foundation

/// A power law in one variable:
///
/// ```
/// y = A · x^(−α)
/// ```
/// - `x`: any positive input (compute in FLOP, parameters, tokens, …), role `x`;
///   `y`: the response, role `y` (map columns with `--x x=C --x y=loss`).
/// - `A ≥ 0`: coefficient, in units of `y·x^α` (linear; fitted as `log A` under log-space
///   objectives).
/// - `α ∈ [−10, 10]`: the exponent, **signed**. The sign convention is that of a decaying law:
///   `α > 0` means `y` falls with `x` (loss vs compute), `α < 0` means `y` grows with `x`. A law
///   printed as `y = a·x^k` has `A = a`, `α = −k`; e.g. the compute-optimal model size of
///   Liang et al. 2024, `N_opt = 0.0009·C^0.5681`, is `A = 0.0009`, `α = −0.5681`
///   (``PowerLawParameters/init(a:exponent:)`` converts).
///
/// In log space the law is a line, `log y = log A − α log x`, so ``initialGuess(inputs:response:)``
/// (ordinary least squares of `log y` on `log x`) is the exact optimum of the log least-squares
/// objective, the usual way to fit these laws (Kaplan et al. 2020; Liang et al. 2024, "Scaling
/// Laws For Diffusion Transformers", arXiv:2410.08184, Section 3, which fits `N_opt`, `D_opt`,
/// loss and FID against compute this way; presets in ``PowerLawParameters``). That objective is
/// the default (``defaultObjective``): least squares in linear space would weight the largest
/// `y` most and, on Porian et al. 2024's tuned configuration (arXiv:2406.19146), gives the
/// exponent of `N*(C)` as 0.5055 instead of their log-log 0.4970.
public struct PowerLaw: ScalingLaw, Equatable, Hashable {
    /// The law. It holds no constants: they are fitted (`LawFitter`) or taken from a preset.
    public init() {}

    /// Least squares on log residuals: the log-log line of Kaplan et al. 2020 and Liang et al.
    /// 2024, Section 3.
    public var defaultObjective: LawObjective { .logLeastSquares }

    public var name: String { "power-law" }
    public var title: String { "Power law in one variable" }
    public var formula: String { "y = A·x^(−α)" }
    public var citation: String {
        "Generic power law; fitted in log-log space as in Kaplan et al. 2020 (arXiv:2001.08361) and Liang et al. 2024, Scaling Laws For Diffusion Transformers (arXiv:2410.08184)"
    }

    public var inputs: [LawVariable] {
        [LawVariable("x", symbol: "x", unit: "", summary: "input (compute, parameters, tokens, …)")]
    }

    public var response: LawVariable {
        LawVariable("y", symbol: "y", unit: "", summary: "response (loss, error, N_opt, …)")
    }

    public var parameters: [LawParameter] {
        [
            LawParameter("A", symbol: "A", unit: "y·x^α", summary: "coefficient",
                         lowerBound: 0, isLinear: true, fitsInLogSpace: true),
            LawParameter("alpha", symbol: "α", summary: "exponent (y ∝ x^−α; negative for growing laws)",
                         lowerBound: -10, upperBound: 10),
        ]
    }

    public func evaluate(_ x: [Double], _ p: [Double]) -> Double {
        p[0] * pow(x[0], -p[1])
    }

    /// `∂y/∂A = x^−α`, `∂y/∂α = −A·x^−α·log x`.
    public func gradient(_ x: [Double], _ p: [Double], into g: inout [Double]) {
        let term = pow(x[0], -p[1])
        g[0] = term
        g[1] = -p[0] * term * log(x[0])
    }

    /// The log-log least-squares line (`A = e^intercept`, `α = −slope`), or `A` through the
    /// geometric mean with `α = 0.5` when there are fewer than two positive points.
    public func initialGuess(inputs: [[Double]], response: [Double]) -> [Double] {
        if let line = PowerLawGuess.logLogLine(x: inputs[0], y: response) {
            let alpha = Swift.min(Swift.max(-line.slope, -9.9), 9.9)
            let a = exp(line.intercept)
            if a.isFinite, a > 0 { return [a, alpha] }
        }
        let x = PowerLawGuess.geometricMean(inputs[0])
        let y = PowerLawGuess.geometricMean(response)
        return [y * pow(x, 0.5), 0.5]
    }
}

/// Named constants of a one-variable power law `y = A·x^(−α)`.
public struct PowerLawParameters: Sendable, Equatable, Hashable, Codable {
    /// The coefficient `A`.
    public var a: Double
    /// The decay exponent `α` (`y ∝ x^−α`).
    public var alpha: Double

    /// From the law's own parameters, `y = A·x^(−α)`.
    public init(a: Double, alpha: Double) {
        self.a = a
        self.alpha = alpha
    }

    /// From the form papers print, `y = a·x^k`: `α = −k`.
    public init(a: Double, exponent k: Double) {
        self.init(a: a, alpha: -k)
    }

    /// The printed exponent `k = −α` of `y = a·x^k`.
    public var exponent: Double { -alpha }

    /// In the law's parameter order `[A, alpha]`.
    public var vector: [Double] { [a, alpha] }

    /// `A·x^(−α)`.
    public func callAsFunction(_ x: Double) -> Double {
        PowerLaw().evaluate([x], vector)
    }

    // MARK: - Liang et al. 2024, diffusion transformers (x = training FLOP)

    /// `N_opt = 0.0009·C^0.5681` parameters (Liang et al. 2024, arXiv:2410.08184).
    public static let ditOptimalParameters = PowerLawParameters(a: 0.0009, exponent: 0.5681)
    /// `D_opt = 186.8535·C^0.4319` (training data, images × steps, Liang et al. 2024).
    public static let ditOptimalData = PowerLawParameters(a: 186.8535, exponent: 0.4319)
    /// `L = 2.3943·C^−0.0273` at the compute-optimal size (Liang et al. 2024; one secondary source
    /// prints 3.3943).
    public static let ditLoss = PowerLawParameters(a: 2.3943, exponent: -0.0273)
    /// `FID = 2.2566e6·C^−0.234` (Liang et al. 2024).
    public static let ditFID = PowerLawParameters(a: 2.2566e6, exponent: -0.234)

    /// Presets by name, with their source.
    public static let presets: [PowerLawPreset] = [
        PowerLawPreset(name: "liang2024-n-opt", parameters: ditOptimalParameters,
                       source: "Liang et al. 2024, DiT compute-optimal model size N_opt(C)"),
        PowerLawPreset(name: "liang2024-d-opt", parameters: ditOptimalData,
                       source: "Liang et al. 2024, DiT compute-optimal data D_opt(C)"),
        PowerLawPreset(name: "liang2024-loss", parameters: ditLoss,
                       source: "Liang et al. 2024, DiT loss at the compute-optimal size L(C)"),
        PowerLawPreset(name: "liang2024-fid", parameters: ditFID,
                       source: "Liang et al. 2024, DiT FID vs compute"),
    ]

    /// The preset named `name` (case-insensitive), or `nil`.
    public static func preset(named name: String) -> PowerLawParameters? {
        presets.first { $0.name == name.lowercased() }?.parameters
    }
}

/// A named power-law preset with its source.
public struct PowerLawPreset: Sendable, Equatable, Hashable, Codable {
    /// The preset's name on the command line.
    public let name: String
    /// The constants.
    public let parameters: PowerLawParameters
    /// Where they were printed.
    public let source: String

    /// A named power-law preset.
    /// - Parameters:
    ///   - name: The preset's name on the command line.
    ///   - parameters: The constants.
    ///   - source: Where they were printed.
    public init(name: String, parameters: PowerLawParameters, source: String) {
        self.name = name
        self.parameters = parameters
        self.source = source
    }
}
