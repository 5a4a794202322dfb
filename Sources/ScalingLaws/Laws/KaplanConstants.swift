import Foundation

/// The published constants of Kaplan et al. 2020 ("Scaling Laws for Neural Language Models",
/// arXiv:2001.08361), as printed (never rounded further), with the paper's critical-batch,
/// step and compute conversions and its compute-optimal exponents.
///
/// Units: `N` non-embedding parameters, `D` tokens, `S` optimisation steps, `B` batch size in
/// tokens, `C` compute in PF-days where the paper uses PF-days (1 PF-day = 8.64e19 FLOP),
/// `L` loss in nats/token on WebText2.
///
/// The paper's compute-optimal numbers are internally inconsistent: the displayed exponents
/// `α_S = 0.76`, `α_B = 0.21`, `α_N = 0.076` give `α_C = 1/(1/α_S + 1/α_B + 1/α_N) = 0.0520` and
/// `N ∝ C^(α_C/α_N) = C^0.684`, while the text prints α_C^min ≈ 0.054 and the empirical
/// `N ∝ C_min^0.73`. This type stores the exponents and derives the rest
/// (``computeOptimalExponent(alphaS:alphaB:alphaN:)``).
public enum KaplanConstants {
    // MARK: - Single-variable laws (eqs 1.1–1.3)

    /// `L(N) = (N_c/N)^α_N`, α_N = 0.076, N_c = 8.8e13 non-embedding parameters (eq 1.1).
    public static let sizeN = LawPreset(
        name: "kaplan2020-n", law: "kaplan-n", values: [8.8e13, 0.076], source: "Kaplan et al. 2020, eq. (1.1)")
    /// `L(D) = (D_c/D)^α_D`, α_D = 0.095, D_c = 5.4e13 tokens (eq 1.2).
    public static let dataD = LawPreset(
        name: "kaplan2020-d", law: "kaplan-d", values: [5.4e13, 0.095], source: "Kaplan et al. 2020, eq. (1.2)")
    /// `L(C_min) = (C_c/C_min)^α_C`, α_C = 0.050, C_c = 3.1e8 PF-days (eq 1.3, the trend the
    /// paper says to predict with).
    public static let computeMin = LawPreset(
        name: "kaplan2020-cmin", law: "kaplan-c", values: [3.1e8, 0.050], source: "Kaplan et al. 2020, eq. (1.3), L(C_min)")
    /// The fixed-batch trend `L(C) = (C_c/C)^α_C`, α_C = 0.057, C_c = 1.6e7 PF-days.
    public static let computeFixedBatch = LawPreset(
        name: "kaplan2020-c-fixed-batch", law: "kaplan-c", values: [1.6e7, 0.057],
        source: "Kaplan et al. 2020, Section 1.2, fixed-batch L(C) trend")

    // MARK: - Joint laws

    /// eq 1.5 joint fit (Table 2): `[N_c, D_c, α_N, α_D]` = [6.4e13, 1.8e13, 0.076, 0.103].
    public static let jointND = LawPreset(
        name: "kaplan2020-nd", law: "kaplan-nd", values: [6.4e13, 1.8e13, 0.076, 0.103],
        source: "Kaplan et al. 2020, eq. (1.5), Table 2")
    /// eq 1.6 fit (Table 3): `[N_c, S_c, α_N, α_S]` = [6.5e13, 2.1e3, 0.077, 0.76].
    public static let stepsNS = LawPreset(
        name: "kaplan2020-ns", law: "kaplan-ns", values: [6.5e13, 2.1e3, 0.077, 0.76],
        source: "Kaplan et al. 2020, eq. (1.6), Table 3")

    /// All presets, in catalog order.
    public static let presets: [LawPreset] = [sizeN, dataD, computeMin, computeFixedBatch, jointND, stepsNS]

    /// The preset named `name` (case-insensitive), or `nil`.
    public static func preset(named name: String) -> LawPreset? {
        presets.first { $0.name == name.lowercased() }
    }

    // MARK: - Critical batch and conversions (eq 1.4, 5.2–5.5)

    /// `B_* = 2e8` tokens (eq 1.4).
    public static let publishedBStar = 2e8
    /// `α_B = 0.21` (eq 1.4).
    public static let publishedAlphaB = 0.21
    /// `α_S = 0.76` (Table 3), the steps exponent in the compute-optimal derivation.
    public static let publishedAlphaS = 0.76
    /// `α_N = 0.076` (eq 1.1), the size exponent in the compute-optimal derivation.
    public static let publishedAlphaN = 0.076

    /// The critical batch size in tokens at loss `L` (eq 1.4):
    ///
    /// ```
    /// B_crit(L) = B_* / L^(1/α_B)
    /// ```
    /// - Parameters: `loss` in nats/token; `bStar` (tokens) and `alphaB` default to the
    ///   published 2e8 and 0.21.
    public static func criticalBatch(loss: Double, bStar: Double = publishedBStar, alphaB: Double = publishedAlphaB) -> Double {
        bStar / pow(loss, 1 / alphaB)
    }

    /// The minimum number of steps to reach loss `L`, from `S` steps at batch size `B` tokens
    /// (eq 5.4):
    ///
    /// ```
    /// S_min = S / (1 + B_crit(L)/B)
    /// ```
    public static func minimumSteps(
        steps: Double, batchSize: Double, loss: Double,
        bStar: Double = publishedBStar, alphaB: Double = publishedAlphaB
    ) -> Double {
        steps / (1 + criticalBatch(loss: loss, bStar: bStar, alphaB: alphaB) / batchSize)
    }

    /// The minimum compute to reach loss `L`, from compute `C` spent at batch size `B` tokens
    /// (eq 5.5), in the units of `compute`:
    ///
    /// ```
    /// C_min = C / (1 + B/B_crit(L))
    /// ```
    public static func minimumCompute(
        compute: Double, batchSize: Double, loss: Double,
        bStar: Double = publishedBStar, alphaB: Double = publishedAlphaB
    ) -> Double {
        compute / (1 + batchSize / criticalBatch(loss: loss, bStar: bStar, alphaB: alphaB))
    }

    /// Training compute `C = 6·N·B·S` FLOP for `N` non-embedding parameters, batch `B` tokens
    /// and `S` steps.
    public static func trainingCompute(parameters n: Double, batchSize b: Double, steps s: Double) -> Double {
        6 * n * b * s
    }

    // MARK: - Compute-optimal allocation (Section 6.1)

    /// The theoretical compute exponent of `L(C_min)`:
    ///
    /// ```
    /// α_C = 1 / (1/α_S + 1/α_B + 1/α_N)
    /// ```
    /// With the displayed exponents (0.76, 0.21, 0.076) it is 0.0520.
    public static func computeOptimalExponent(
        alphaS: Double = publishedAlphaS, alphaB: Double = publishedAlphaB, alphaN: Double = publishedAlphaN
    ) -> Double {
        1 / (1 / alphaS + 1 / alphaB + 1 / alphaN)
    }

    /// The exponent of `N_opt ∝ C_min^(α_C/α_N)` (0.684 with the displayed exponents; the
    /// paper's empirical fit is 0.73).
    public static func parameterExponent(
        alphaS: Double = publishedAlphaS, alphaB: Double = publishedAlphaB, alphaN: Double = publishedAlphaN
    ) -> Double {
        computeOptimalExponent(alphaS: alphaS, alphaB: alphaB, alphaN: alphaN) / alphaN
    }

    /// The exponent of `N_opt ∝ C^a` implied by the joint law (eq 1.5) at fixed `C = 6ND`:
    ///
    /// ```
    /// minimise (N_c/N)^(α_N/α_D) + 6·D_c·N/C   ⇒   N_opt ∝ C^(α_D/(α_N + α_D))
    /// ```
    /// 0.5754 with Table 2's α_N = 0.076, α_D = 0.103, against the fitted 0.73 of eq 1.7
    /// (``publishedParameterExponent``).
    public static func jointParameterExponent(alphaN: Double = 0.076, alphaD: Double = 0.103) -> Double {
        alphaD / (alphaN + alphaD)
    }

    /// The empirical compute-efficient exponent `N ∝ C_min^0.73` (eq 1.7, Section 6.1).
    public static let publishedParameterExponent = 0.73

    /// The exponent of `B ∝ C_min^(α_C/α_B)` (0.248 with the displayed exponents; empirical 0.24).
    public static func batchExponent(
        alphaS: Double = publishedAlphaS, alphaB: Double = publishedAlphaB, alphaN: Double = publishedAlphaN
    ) -> Double {
        computeOptimalExponent(alphaS: alphaS, alphaB: alphaB, alphaN: alphaN) / alphaB
    }

    /// The exponent of `S_min ∝ C_min^(α_C/α_S)` (0.068 with the displayed exponents; the paper
    /// prints an empirical 0.03).
    public static func stepsExponent(
        alphaS: Double = publishedAlphaS, alphaB: Double = publishedAlphaB, alphaN: Double = publishedAlphaN
    ) -> Double {
        computeOptimalExponent(alphaS: alphaS, alphaB: alphaB, alphaN: alphaN) / alphaS
    }
}

extension LawVariable {
    /// Kaplan et al.'s response: test loss in nats per token.
    public static let kaplanTestLoss = LawVariable("loss", symbol: "L", unit: "nats/token", summary: "test loss")
}

extension LawParameter {
    /// Kaplan et al.'s critical model size `N_c` (non-embedding parameters).
    public static let kaplanCriticalModelSize = LawParameter(
        "N_c", symbol: "N_c", unit: "parameters", summary: "critical model size", lowerBound: 0, fitsInLogSpace: true)
    /// Kaplan et al.'s model-size exponent `α_N`.
    public static let kaplanModelSizeExponent = LawParameter(
        "alpha_N", symbol: "α_N", summary: "model-size exponent", lowerBound: 0, upperBound: 5)
}
