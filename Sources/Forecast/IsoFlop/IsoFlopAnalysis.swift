import Foundation
import ScalingLaws

/// Chinchilla Approach 2 (Hoffmann et al. 2022, arXiv:2203.15556, §3.2): group training runs by
/// compute budget, fit each budget's loss against `log N` (``IsoFlopProfileShape``), take the
/// minimum `N*` (and `D* = C/(6N*)`, or from the runs' token counts) where it is bracketed by the
/// sampled sizes, then fit
///
/// ```
/// N*(C) = k_N·C^a,   D*(C) = k_D·C^b      (log-log least squares over the accepted budgets)
/// ```
/// Budgets without a bracketed minimum are refused with a reason, never given a number. When
/// asked, the parametric Chinchilla law (Approach 3) is fitted to the same runs and compared
/// (``IsoFlopApproach3Comparison``).
///
/// On a noiseless Chinchilla surface (Hoffmann et al. 2022's rounded constants E = 1.69,
/// A = 406.4, B = 410.7, α = 0.34, β = 0.28; 9 budgets 6e18–3e21, 16 sizes
/// from N_opt/8 to 8·N_opt) the parabola recovers the exponent a = β/(α+β) = 0.4516 but every
/// vertex sits 1.030× above the analytic `N_opt`: the profile is not a parabola in `log N`
/// (the bias follows from the law's own profile shape). Porian et al. (2024, arXiv:2406.19146)
/// interpolate instead (``IsoFlopProfileShape/interpolated``).
public struct IsoFlopAnalysis: Sendable, Equatable {
    /// The settings of the analysis.
    public let options: IsoFlopOptions
    /// One profile per budget, by increasing budget.
    public let profiles: [IsoFlopProfile]
    /// `N* = k·C^a` over the accepted budgets.
    public let parameterLaw: LogLogRegression
    /// `D* = k·C^b` over the accepted budgets.
    public let tokenLaw: LogLogRegression
    /// The parametric comparison, when asked for and the fit succeeded.
    public let approach3: IsoFlopApproach3Comparison?
    /// Why there is no parametric comparison, when asked for and it failed.
    public let approach3Failure: String?

    /// Budgets with a bracketed minimum.
    public var accepted: [IsoFlopProfile] { profiles.filter(\.isAccepted) }

    /// Whether the runs look like an iso-FLOP sweep: at least half of the compute groups bracket
    /// a minimum. Data grouped by compute that are not a sweep (a ladder of N × D) rarely do, so
    /// `plot --kind isoflop` and `report` draw the law's curves for them instead of Approach 2.
    public var looksLikeSweep: Bool { 2 * accepted.count >= profiles.count }

    /// Runs the analysis.
    /// - Throws: ``IsoFlopError/noRuns``, ``IsoFlopError/invalidRun(line:field:value:)``,
    ///   ``IsoFlopError/tooFewBudgets(accepted:budgets:reasons:)``, ``IsoFlopError/invalidOption(_:)``.
    public static func run(_ runs: [IsoFlopRun], options: IsoFlopOptions = IsoFlopOptions()) throws -> IsoFlopAnalysis {
        guard !runs.isEmpty else { throw IsoFlopError.noRuns }
        guard options.confidenceLevel > 0, options.confidenceLevel < 1 else {
            throw IsoFlopError.invalidOption("confidence level must lie strictly between 0 and 1, got \(options.confidenceLevel)")
        }
        if let k = options.neighbours, k < 1 {
            throw IsoFlopError.invalidOption("neighbours must be at least 1, got \(k)")
        }
        if case let .relativeTolerance(t) = options.grouping, !(t >= 0 && t.isFinite) {
            throw IsoFlopError.invalidOption("budget tolerance must be a finite number >= 0, got \(t)")
        }
        for run in runs {
            func check(_ value: Double, _ field: String) throws {
                guard value.isFinite, value > 0 else { throw IsoFlopError.invalidRun(line: run.line, field: field, value: value) }
            }
            try check(run.parameters, "N")
            try check(run.loss, "loss")
            try check(run.compute, "the budget")
            if let tokens = run.tokens { try check(tokens, "D") }
        }
        let groups = options.grouping.group(runs)
        let profiles = try groups.map {
            try IsoFlopProfileFit.fit(
                budget: $0.budget, runs: $0.runs, shape: options.shape, neighbours: options.neighbours,
                confidenceLevel: options.confidenceLevel)
        }
        let accepted = profiles.compactMap { p in p.optimum.map { (p.budget, $0) } }
        guard accepted.count >= 2,
              let parameterLaw = LogLogRegression.fit(
                x: accepted.map(\.0), y: accepted.map(\.1.parameters), confidenceLevel: options.confidenceLevel),
              let tokenLaw = LogLogRegression.fit(
                x: accepted.map(\.0), y: accepted.map(\.1.tokens), confidenceLevel: options.confidenceLevel)
        else {
            throw IsoFlopError.tooFewBudgets(
                accepted: accepted.count, budgets: profiles.count, reasons: profiles.compactMap(\.reason))
        }
        var comparison: IsoFlopApproach3Comparison? = nil
        var failure: String? = nil
        if options.compareApproach3 {
            do {
                comparison = try IsoFlopApproach3Comparison.make(
                    groups: groups, profiles: profiles, isoFlopExponent: parameterLaw.exponent)
            } catch {
                failure = "the parametric (Approach 3) fit failed: \(error)"
            }
        }
        return IsoFlopAnalysis(
            options: options, profiles: profiles, parameterLaw: parameterLaw, tokenLaw: tokenLaw,
            approach3: comparison, approach3Failure: failure)
    }
}

extension IsoFlopAnalysis {
    /// The minimum loss against the budget over the accepted budgets, a pure power law fitted by
    /// log-log least squares as Liang et al. 2024 fit their loss frontier (arXiv:2410.08184,
    /// Section 3, `L = 2.3943·C^−0.0273` for diffusion transformers):
    ///
    /// ```
    /// L*(C) = k_L·C^e      (e < 0)
    /// ```
    /// It has no irreducible floor, so it bends away from a Chinchilla-like loss far beyond the
    /// budgets; `nil` with fewer than two accepted budgets.
    public var lossLaw: LogLogRegression? {
        let optima = accepted.compactMap { p in p.optimum.map { (p.budget, $0.loss) } }
        return LogLogRegression.fit(x: optima.map(\.0), y: optima.map(\.1), confidenceLevel: options.confidenceLevel)
    }

    /// The accepted budgets' frontier as laws of the budget, with the parametric frontier when
    /// Approach 3 was fitted; `nil` only when `D*/N*` cannot be regressed (fewer than two accepted budgets).
    public var frontier: IsoFlopFrontier? {
        let optima = accepted.compactMap { p in p.optimum.map { (p.budget, $0) } }
        guard let first = optima.first, let last = optima.last,
              let ratio = LogLogRegression.fit(
                x: optima.map(\.0), y: optima.map(\.1.tokensPerParameter), confidenceLevel: options.confidenceLevel)
        else { return nil }
        return IsoFlopFrontier(
            parameterLaw: parameterLaw, tokenLaw: tokenLaw, ratioLaw: ratio, parametric: approach3?.frontier,
            budgetRange: first.0...last.0)
    }
}
