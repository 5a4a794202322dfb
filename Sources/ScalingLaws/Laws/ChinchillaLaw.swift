import Foundation
import NonlinearFit

/// The Chinchilla parametric loss law (Hoffmann et al. 2022, "Training Compute-Optimal Large
/// Language Models", arXiv:2203.15556, Approach 3, eq. 2):
///
/// ```
/// L(N, D) = E + A / N^α + B / D^β
/// ```
/// - `N`: model parameters (total, including embeddings), `D`: training tokens,
///   `L`: final training loss in nats/token.
/// - `E`: irreducible loss; `A`, `B`: scale coefficients; `α`, `β`: exponents.
///
/// Hoffmann et al. fit it in log space with the log-sum-exp form
/// `log L = LSE(a − α log N, b − β log D, e)` (`A = e^a`, `B = e^b`, `E = e^e`) under a Huber
/// loss with δ = 1e-3 summed over the runs, from a grid of 4,500 starts
/// (see ``LawObjective/logHuber(delta:)`` and ``startGrid()``). Besiroglu et al. 2024
/// (arXiv:2404.10102) replicated the fit on data digitised from the paper's Figure 4.
///
/// Under a compute budget `C = 6ND` the loss-optimal allocation has the closed form (eq. 4)
/// ```
/// N_opt = G (C/6)^(β/(α+β)),  D_opt = G⁻¹ (C/6)^(α/(α+β)),  G = (αA / (βB))^(1/(α+β))
/// ```
public struct ChinchillaLaw: ScalingLaw, Equatable {
    /// The law. It holds no constants: they are fitted (`LawFitter`) or taken from a preset.
    public init() {}

    public var name: String { "chinchilla" }
    public var title: String { "Chinchilla parametric loss (Hoffmann et al. 2022, Approach 3)" }
    public var formula: String { "L(N, D) = E + A/N^α + B/D^β" }
    /// Hoffmann et al.'s objective: Huber (δ = 1e-3) on log residuals, summed.
    public var defaultObjective: LawObjective { .logHuber(delta: 1e-3) }

    public var citation: String {
        "Hoffmann et al. 2022, Training Compute-Optimal Large Language Models, arXiv:2203.15556, eq. (2); replicated by Besiroglu et al. 2024, arXiv:2404.10102"
    }

    public var inputs: [LawVariable] {
        [
            .modelParameters,
            .trainingTokens,
        ]
    }

    public var response: LawVariable {
        .trainingLoss
    }

    public var parameters: [LawParameter] {
        [
            LawParameter("E", symbol: "E", unit: "nats/token", summary: "irreducible loss",
                         lowerBound: 0, isLinear: true, fitsInLogSpace: true),
            LawParameter("A", symbol: "A", unit: "nats/token·N^α", summary: "model-size coefficient",
                         lowerBound: 0, isLinear: true, fitsInLogSpace: true),
            LawParameter("B", symbol: "B", unit: "nats/token·D^β", summary: "data coefficient",
                         lowerBound: 0, isLinear: true, fitsInLogSpace: true),
            LawParameter("alpha", symbol: "α", summary: "model-size exponent", lowerBound: 0, upperBound: 5),
            LawParameter("beta", symbol: "β", summary: "data exponent", lowerBound: 0, upperBound: 5),
        ]
    }

    /// `∂L/∂E = 1`, `∂L/∂A = N^−α`, `∂L/∂B = D^−β`: the start grid computes each column once per α or β.
    public var linearBasisDependencies: [String: [String]]? { ["E": [], "A": ["alpha"], "B": ["beta"]] }

    @inline(__always)
    public func evaluate(_ x: [Double], _ p: [Double]) -> Double {
        p[0] + p[1] * pow(x[0], -p[3]) + p[2] * pow(x[1], -p[4])
    }

    public func gradient(_ x: [Double], _ p: [Double], into g: inout [Double]) {
        let nTerm = pow(x[0], -p[3])
        let dTerm = pow(x[1], -p[4])
        g[0] = 1
        g[1] = nTerm
        g[2] = dTerm
        g[3] = -p[1] * nTerm * log(x[0])
        g[4] = -p[2] * dTerm * log(x[1])
    }

    /// A rough start: E just under the smallest loss, exponents 0.3, and A, B set so each
    /// power term explains half of the mean excess loss at the geometric-mean N and D.
    public func initialGuess(inputs: [[Double]], response: [Double]) -> [Double] {
        let minLoss = response.min() ?? 1
        let meanLoss = response.reduce(0, +) / Double(Swift.max(response.count, 1))
        let e = Swift.max(0.5 * minLoss, 1e-3)
        let excess = Swift.max(meanLoss - e, 1e-3)
        func geometricMean(_ v: [Double]) -> Double {
            var s = 0.0
            for x in v { s += log(x) }
            return exp(s / Double(Swift.max(v.count, 1)))
        }
        let n = geometricMean(inputs[0])
        let d = geometricMean(inputs[1])
        return [e, 0.5 * excess * pow(n, 0.3), 0.5 * excess * pow(d, 0.3), 0.3, 0.3]
    }

    /// The 4,500-point grid of Hoffmann et al., as published by Besiroglu et al.:
    /// `α, β ∈ {0, 0.5, …, 2}`, `e ∈ {−1, −0.5, …, 1}`, `a, b ∈ {0, 5, …, 25}` (log-space values).
    public func startGrid() -> [[String: Double]] {
        var grid: [[String: Double]] = []
        let exponents = stride(from: 0.0, through: 2.0, by: 0.5).map { $0 }
        let es = stride(from: -1.0, through: 1.0, by: 0.5).map { $0 }
        let scales = stride(from: 0.0, through: 25.0, by: 5.0).map { $0 }
        for alpha in exponents {
            for beta in exponents {
                for e in es {
                    for a in scales {
                        for b in scales {
                            grid.append(["E": exp(e), "A": exp(a), "B": exp(b), "alpha": alpha, "beta": beta])
                        }
                    }
                }
            }
        }
        return grid
    }

    /// `log L = LSE(a − α log N, b − β log D, e)` over the dataset, with `log N`, `log D`
    /// precomputed and the exponentials shared between the value and the Jacobian.
    public func logSpaceKernel(inputs: [[Double]]) -> LogSpaceKernel? {
        let logN = inputs[0].map { log($0) }
        let logD = inputs[1].map { log($0) }
        let n = logN.count
        return LogSpaceKernel(
            model: { p, out in
                // p = [e, a, b, alpha, beta]
                logN.withUnsafeBufferPointer { ln in
                    logD.withUnsafeBufferPointer { ld in
                        for i in 0..<n {
                            let t1 = p[1] - p[3] * ln[i]
                            let t2 = p[2] - p[4] * ld[i]
                            let t3 = p[0]
                            let m = Swift.max(t1, t2, t3)
                            out[i] = m + log(exp(t1 - m) + exp(t2 - m) + exp(t3 - m))
                        }
                    }
                }
            },
            jacobian: { p, jac in
                logN.withUnsafeBufferPointer { ln in
                    logD.withUnsafeBufferPointer { ld in
                        jac.elements.withUnsafeMutableBufferPointer { j in
                            for i in 0..<n {
                                let t1 = p[1] - p[3] * ln[i]
                                let t2 = p[2] - p[4] * ld[i]
                                let t3 = p[0]
                                let m = Swift.max(t1, t2, t3)
                                let e1 = exp(t1 - m)
                                let e2 = exp(t2 - m)
                                let e3 = exp(t3 - m)
                                let inv = 1 / (e1 + e2 + e3)
                                j[i] = e3 * inv
                                j[i + n] = e1 * inv
                                j[i + 2 * n] = e2 * inv
                                j[i + 3 * n] = -ln[i] * e1 * inv
                                j[i + 4 * n] = -ld[i] * e2 * inv
                            }
                        }
                    }
                }
            })
    }

    /// `L = e^e + e^(a − α log N) + e^(b − β log D)` over the dataset (fitted parameters
    /// `[e, a, b, α, β]`, `E = e^e`, `A = e^a`, `B = e^b`), with `log N`, `log D` precomputed:
    /// two exponentials per row for the value and the Jacobian together
    /// (`∂L/∂a = e^(a − α log N)`, `∂L/∂α = −log N · e^(a − α log N)`, likewise for b, β).
    public func responseKernel(inputs: [[Double]]) -> LogSpaceKernel? {
        let logN = inputs[0].map { log($0) }
        let logD = inputs[1].map { log($0) }
        let n = logN.count
        return LogSpaceKernel(
            model: { p, out in
                let e = exp(p[0])
                logN.withUnsafeBufferPointer { ln in
                    logD.withUnsafeBufferPointer { ld in
                        out.withUnsafeMutableBufferPointer { o in
                            for i in 0..<n {
                                o[i] = e + exp(p[1] - p[3] * ln[i]) + exp(p[2] - p[4] * ld[i])
                            }
                        }
                    }
                }
            },
            jacobian: { p, jac in
                let e = exp(p[0])
                logN.withUnsafeBufferPointer { ln in
                    logD.withUnsafeBufferPointer { ld in
                        jac.elements.withUnsafeMutableBufferPointer { j in
                            for i in 0..<n {
                                let nTerm = exp(p[1] - p[3] * ln[i])
                                let dTerm = exp(p[2] - p[4] * ld[i])
                                j[i] = e
                                j[i + n] = nTerm
                                j[i + 2 * n] = dTerm
                                j[i + 3 * n] = -ln[i] * nTerm
                                j[i + 4 * n] = -ld[i] * dTerm
                            }
                        }
                    }
                }
            },
            rows: RowKernel { p, rows, out, jac in
                // The same arithmetic as `model` and `jacobian` above, row by row.
                let e = exp(p[0])
                let (a, b, alpha, beta) = (p[1], p[2], p[3], p[4])
                logN.withUnsafeBufferPointer { ln in
                    logD.withUnsafeBufferPointer { ld in
                        if let jac {
                            for i in rows {
                                let r = i - rows.lowerBound
                                let nTerm = exp(a - alpha * ln[i])
                                let dTerm = exp(b - beta * ld[i])
                                out[r] = e + nTerm + dTerm
                                jac[5 * r] = e
                                jac[5 * r + 1] = nTerm
                                jac[5 * r + 2] = dTerm
                                jac[5 * r + 3] = -ln[i] * nTerm
                                jac[5 * r + 4] = -ld[i] * dTerm
                            }
                        } else {
                            for i in rows {
                                out[i - rows.lowerBound] = e + exp(a - alpha * ln[i]) + exp(b - beta * ld[i])
                            }
                        }
                    }
                }
            })
    }

    // MARK: - Compute-optimal allocation

    /// The loss-optimal split of a budget of `C = 6ND` FLOP (closed form, eq. 4).
    public static func computeOptimal(budget c: Double, parameters p: ChinchillaParameters) -> ComputeOptimalPoint {
        let sum = p.alpha + p.beta
        let g = pow(p.alpha * p.a / (p.beta * p.b), 1 / sum)
        let n = g * pow(c / 6, p.beta / sum)
        let d = pow(c / 6, p.alpha / sum) / g
        let loss = p.e + p.a / pow(n, p.alpha) + p.b / pow(d, p.beta)
        return ComputeOptimalPoint(budget: c, parameters: n, tokens: d, loss: loss)
    }
}

/// Named Chinchilla constants, kept at full precision.
public struct ChinchillaParameters: Sendable, Equatable, Codable {
    /// `E`, the irreducible loss (nats/token).
    public var e: Double
    /// `A`, the coefficient of the parameter term `A/N^α` (nats/token at N = 1).
    public var a: Double
    /// `B`, the coefficient of the data term `B/D^β` (nats/token at D = 1).
    public var b: Double
    /// `α`, the exponent of parameters `N`.
    public var alpha: Double
    /// `β`, the exponent of training tokens `D`.
    public var beta: Double

    /// Constants of `L(N, D) = E + A/N^α + B/D^β` (Hoffmann et al. 2022, eq. 2).
    /// - Parameters:
    ///   - e: The irreducible loss `E` (nats/token).
    ///   - a: The parameter coefficient `A`.
    ///   - b: The data coefficient `B`.
    ///   - alpha: The parameter exponent `α`.
    ///   - beta: The data exponent `β`.
    public init(e: Double, a: Double, b: Double, alpha: Double, beta: Double) {
        self.e = e
        self.a = a
        self.b = b
        self.alpha = alpha
        self.beta = beta
    }

    /// From log-space values `(a, b, e) = (log A, log B, log E)` as papers print them.
    public init(logA: Double, logB: Double, logE: Double, alpha: Double, beta: Double) {
        self.init(e: exp(logE), a: exp(logA), b: exp(logB), alpha: alpha, beta: beta)
    }

    /// In the law's parameter order `[E, A, B, alpha, beta]`.
    public var vector: [Double] { [e, a, b, alpha, beta] }

    /// The exponent of `N_opt ∝ C^a`, `a = β/(α+β)`.
    public var parameterExponent: Double { beta / (alpha + beta) }

    /// Hoffmann et al. 2022, rounded as printed: E 1.69, A 406.4, B 410.7, α 0.34, β 0.28.
    public static let hoffmannRounded = ChinchillaParameters(e: 1.69, a: 406.4, b: 410.7, alpha: 0.34, beta: 0.28)
    /// Hoffmann et al. 2022, unrounded log-space values (a, b, e, α, β) =
    /// (6.0073404, 6.0179186, 0.5267228, 0.33917084, 0.2849083).
    public static let hoffmann = ChinchillaParameters(logA: 6.0073404, logB: 6.0179186, logE: 0.5267228, alpha: 0.33917084, beta: 0.2849083)
    /// Besiroglu et al. 2024 (Epoch AI) headline fit, log-space values
    /// (6.17795598, 7.64273236, 0.59711196, 0.34781303, 0.36585412).
    public static let epoch2024 = ChinchillaParameters(logA: 6.17795598, logB: 7.64273236, logE: 0.59711196, alpha: 0.34781303, beta: 0.36585412)
    /// Muennighoff et al. 2023, C4 base fit with α = β:
    /// (a, b, e, α) = (6.255414, 7.3049974, 0.6254804, 0.3526596).
    public static let muennighoffC4 = ChinchillaParameters(logA: 6.255414, logB: 7.3049974, logE: 0.6254804, alpha: 0.3526596, beta: 0.3526596)

    /// Presets by command-line name.
    public static let presets: [(name: String, parameters: ChinchillaParameters, source: String)] = [
        ("hoffmann-rounded", hoffmannRounded, "Hoffmann et al. 2022, constants as printed (rounded)"),
        ("hoffmann", hoffmann, "Hoffmann et al. 2022, unrounded log-space constants"),
        ("epoch2024", epoch2024, "Besiroglu et al. 2024 (Epoch AI), replication headline fit"),
        ("muennighoff-c4", muennighoffC4, "Muennighoff et al. 2023, C4 base fit (α = β)"),
    ]

    /// The preset named `name`, or `nil`.
    public static func preset(named name: String) -> ChinchillaParameters? {
        presets.first { $0.name == name.lowercased() }?.parameters
    }
}

/// One compute-optimal allocation: parameters and tokens for a FLOP budget, and the loss the
/// law predicts there.
public struct ComputeOptimalPoint: Sendable, Equatable, Codable {
    /// The budget `C` in FLOP.
    public let budget: Double
    /// `N_opt`, parameters (Hoffmann et al. 2022, eq. 4).
    public let parameters: Double
    /// `D_opt = C/(6·N_opt)`, training tokens.
    public let tokens: Double
    /// The law's loss at `(N_opt, D_opt)`, nats/token.
    public let loss: Double

    /// An allocation of a budget.
    /// - Parameters:
    ///   - budget: The budget `C` in FLOP.
    ///   - parameters: The parameters `N`.
    ///   - tokens: The training tokens `D`.
    ///   - loss: The predicted loss at `(N, D)`, nats/token.
    public init(budget: Double, parameters: Double, tokens: Double, loss: Double) {
        self.budget = budget
        self.parameters = parameters
        self.tokens = tokens
        self.loss = loss
    }

    /// Tokens per parameter `D/N`.
    public var tokensPerParameter: Double { tokens / parameters }
}
