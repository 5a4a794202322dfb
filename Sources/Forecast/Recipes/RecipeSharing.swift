/// Which parameters of the Chinchilla law (Hoffmann et al. 2022, arXiv:2203.15556, eq. 2)
/// several training recipes (datasets, architectures, optimisers) share in a joint fit.
///
/// Recipe `r` has its own law `L_r(N, D) = E_r + A_r/N^α_r + B_r/D^β_r`; the sharing says which
/// of the five are one value for every recipe:
///
/// ```
/// separate            E_r, A_r, B_r, α_r, β_r per recipe          5K parameters
/// shared-exponents    α, β shared;   E_r, A_r, B_r per recipe     3K + 2
/// shared-floor        E shared;      A_r, B_r, α_r, β_r per recipe 4K + 1
/// effective-compute   E, α, β shared; A_r, B_r per recipe         2K + 3
/// ```
///
/// The last is the effective-compute model: every recipe is the baseline law with its
/// parameters and tokens counted at an exchange rate,
///
/// ```
/// L_r(N, D) = L_base(k_N,r·N, k_D,r·D),   k_N,r = (A_base/A_r)^(1/α),   k_D,r = (B_base/B_r)^(1/β)
/// ```
/// (the form of Ho et al. 2024, "Algorithmic progress in language models", arXiv:2403.05812,
/// who write algorithmic progress as multipliers of effective parameters and effective data in
/// the Chinchilla law). Under it the compute-optimal loss of recipe `r` at budget `C` equals the
/// baseline's at `k_N,r·k_D,r·C`, so the compute ratio of ``RecipeMultiplier`` is the same at
/// every budget, `k = 1/(k_N,r·k_D,r)`, and the recipes' curves never cross.
public enum RecipeSharing: String, Sendable, Equatable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Nothing shared: each recipe has its own E, A, B, α, β (5K parameters).
    case separate
    /// α and β shared, E, A, B per recipe (3K + 2).
    case sharedExponents = "shared-exponents"
    /// E shared, A, B, α, β per recipe (4K + 1).
    case sharedFloor = "shared-floor"
    /// E, α and β shared, A and B per recipe (2K + 3): the effective-compute model above.
    case effectiveCompute = "effective-compute"

    public var description: String { rawValue }

    /// Which of `[E, A, B, alpha, beta]` are shared by every recipe.
    public var sharedParameters: [Bool] {
        switch self {
        case .separate: return [false, false, false, false, false]
        case .sharedExponents: return [false, false, false, true, true]
        case .sharedFloor: return [true, false, false, false, false]
        case .effectiveCompute: return [true, false, false, true, true]
        }
    }

    /// Parameters each recipe adds of its own.
    public var parametersPerRecipe: Int { sharedParameters.filter { !$0 }.count }

    /// Parameters of a joint fit of `recipes` recipes.
    public func parameterCount(recipes: Int) -> Int {
        parametersPerRecipe * recipes + (5 - parametersPerRecipe)
    }

    /// What is shared, in words.
    public var summary: String {
        switch self {
        case .separate: return "every parameter per recipe (separate fits)"
        case .sharedExponents: return "α, β shared; E, A, B per recipe"
        case .sharedFloor: return "E shared; A, B, α, β per recipe"
        case .effectiveCompute: return "E, α, β shared; A, B per recipe (L_r(N, D) = L_base(k_N·N, k_D·D))"
        }
    }
}
