import Foundation

/// The single-variable loss laws of Kaplan et al. 2020 ("Scaling Laws for Neural Language
/// Models", arXiv:2001.08361, eqs 1.1–1.3):
///
/// ```
/// kaplan-n:  L(N) = (N_c / N)^α_N        N: non-embedding parameters
/// kaplan-d:  L(D) = (D_c / D)^α_D        D: training tokens (trained to early stopping)
/// kaplan-c:  L(C) = (C_c / C)^α_C        C in PF-days inside the law (1 PF-day = 8.64e19 FLOP)
/// ```
/// - `L`: test loss in nats/token (Kaplan et al.'s WebText2 loss; constants do not transfer
///   across datasets or tokenizers).
/// - Parameters: the scale `X_c` (`N_c` parameters, `D_c` tokens, `C_c` PF-days; positive,
///   fitted as `log X_c` under log-space objectives) and the exponent `α ∈ [0, 5]`.
/// - `kaplan-c` reads its input role `C` in **FLOP**, as the rest of the toolkit does, and
///   converts to PF-days before evaluating (`C_PF-days = C / 8.64e19`), so its `C_c` is in
///   PF-days as Kaplan et al. print it. Kaplan et al. predict with `L(C_min)` (eq 1.3, α_C =
///   0.050, C_c = 3.1e8 PF-days), where `C_min` is the compute at the critical batch size
///   (see `KaplanConstants/minimumCompute(compute:batchSize:loss:)`); their fixed-batch trend
///   is α_C = 0.057, C_c = 1.6e7 PF-days. Feed the law whichever compute the fit is about.
///
/// Each law is linear in log space, `log L = α log X_c − α log X`, so ``initialGuess(inputs:response:)``
/// is the ordinary least-squares line of `log L` on `log X`, which is the exact optimum of the
/// log least-squares objective (`--objective log-lsq`, as Kaplan et al. fit).
public struct KaplanSingleLaw: ScalingLaw, Equatable, Hashable {
    /// The variable the loss is a function of.
    public enum Variable: String, Sendable, Equatable, Hashable, CaseIterable {
        /// `N`, non-embedding parameters (eq 1.1).
        case parameters
        /// `D`, training tokens (eq 1.2).
        case tokens
        /// `C`, training compute, read in FLOP and evaluated in PF-days (eq 1.3).
        case compute
    }

    /// FLOP per PF-day: 1e15 FLOP/s × 86,400 s.
    public static let flopPerPetaflopDay = 8.64e19

    /// The variable the law is a power law in: `N`, `D` or `C`.
    public let variable: Variable

    /// The single-variable Kaplan law `L(X) = (X_c/X)^α_X` in `variable` (Kaplan et al. 2020,
    /// eq. 1.1–1.3).
    /// - Parameter variable: `N`, `D` or `C` (compute read in FLOP, evaluated in PF-days).
    public init(_ variable: Variable) {
        self.variable = variable
    }

    /// `kaplan-n`, `L(N) = (N_c/N)^α_N`.
    public static let parameters = KaplanSingleLaw(.parameters)
    /// `kaplan-d`, `L(D) = (D_c/D)^α_D`.
    public static let tokens = KaplanSingleLaw(.tokens)
    /// `kaplan-c`, `L(C) = (C_c/C)^α_C` (C in FLOP, C_c in PF-days).
    public static let compute = KaplanSingleLaw(.compute)

    /// The factor that turns the input into the law's units (PF-days for compute, else 1).
    var inputScale: Double {
        variable == .compute ? Self.flopPerPetaflopDay : 1
    }

    private var letter: String {
        switch variable {
        case .parameters: return "N"
        case .tokens: return "D"
        case .compute: return "C"
        }
    }

    public var name: String { "kaplan-\(letter.lowercased())" }
    /// Kaplan et al. fit in log space: least squares on log residuals.
    public var defaultObjective: LawObjective { .logLeastSquares }

    public var title: String {
        switch variable {
        case .parameters: return "Kaplan et al. 2020 loss vs non-embedding parameters (eq 1.1)"
        case .tokens: return "Kaplan et al. 2020 loss vs training tokens (eq 1.2)"
        case .compute: return "Kaplan et al. 2020 loss vs compute (eq 1.3; C in FLOP, C_c in PF-days)"
        }
    }

    public var formula: String {
        switch variable {
        case .parameters: return "L(N) = (N_c/N)^α_N"
        case .tokens: return "L(D) = (D_c/D)^α_D"
        case .compute: return "L(C) = (C_c/(C/8.64e19))^α_C"
        }
    }

    public var citation: String {
        let equation: String
        switch variable {
        case .parameters: equation = "eq. (1.1)"
        case .tokens: equation = "eq. (1.2)"
        case .compute: equation = "eq. (1.3)"
        }
        return "Kaplan et al. 2020, Scaling Laws for Neural Language Models, arXiv:2001.08361, \(equation)"
    }

    public var inputs: [LawVariable] {
        switch variable {
        case .parameters:
            return [LawVariable("N", symbol: "N", unit: "parameters", summary: "non-embedding model parameters")]
        case .tokens:
            return [.trainingTokens]
        case .compute:
            return [LawVariable("C", symbol: "C", unit: "FLOP", summary: "training compute (converted to PF-days, 8.64e19 FLOP each)")]
        }
    }

    public var response: LawVariable {
        .kaplanTestLoss
    }

    public var parameters: [LawParameter] {
        let scale: LawParameter
        let exponent: LawParameter
        switch variable {
        case .parameters:
            scale = .kaplanCriticalModelSize
            exponent = .kaplanModelSizeExponent
        case .tokens:
            scale = LawParameter("D_c", symbol: "D_c", unit: "tokens", summary: "critical dataset size",
                                 lowerBound: 0, fitsInLogSpace: true)
            exponent = LawParameter("alpha_D", symbol: "α_D", summary: "data exponent", lowerBound: 0, upperBound: 5)
        case .compute:
            scale = LawParameter("C_c", symbol: "C_c", unit: "PF-days", summary: "critical compute",
                                 lowerBound: 0, fitsInLogSpace: true)
            exponent = LawParameter("alpha_C", symbol: "α_C", summary: "compute exponent", lowerBound: 0, upperBound: 5)
        }
        return [scale, exponent]
    }

    /// `(X_c / (x/scale))^α`, evaluated as `exp(α·(log X_c − log x'))`.
    public func evaluate(_ x: [Double], _ p: [Double]) -> Double {
        pow(p[0] / (x[0] / inputScale), p[1])
    }

    public func gradient(_ x: [Double], _ p: [Double], into g: inout [Double]) {
        let ratio = p[0] / (x[0] / inputScale)
        let l = pow(ratio, p[1])
        g[0] = p[1] * l / p[0]
        g[1] = l * log(ratio)
    }

    /// The log-log least-squares line: `α = −slope`, `X_c = exp(intercept/α)` (in the law's
    /// units). Falls back to `α = 0.076` and `X_c` through the geometric-mean point when the
    /// line is missing or not decreasing.
    public func initialGuess(inputs: [[Double]], response: [Double]) -> [Double] {
        let scaled = inputs[0].map { $0 / inputScale }
        if let line = PowerLawGuess.logLogLine(x: scaled, y: response), line.slope < -1e-6 {
            let alpha = Swift.min(-line.slope, 4.9)
            let scale = exp(line.intercept / alpha)
            if scale.isFinite, scale > 0 { return [scale, alpha] }
        }
        let alpha = 0.076
        let x = PowerLawGuess.geometricMean(scaled)
        let y = PowerLawGuess.geometricMean(response)
        return [x * pow(y, 1 / alpha), alpha]
    }
}
