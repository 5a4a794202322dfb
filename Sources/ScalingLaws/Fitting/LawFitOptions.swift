import NonlinearFit

/// Settings of a law fit.
///
/// The settings a fit gets when none are given are ``defaults(for:)``: every library entry
/// point (``LawFitter/fit(_:to:options:)``, ``Backtest``, ``CrossValidation``,
/// ``LawBootstrap``, ``LawComparison``) and the command-line tool start from it, so a library
/// user and the CLI get the same answer. `LawFitOptions()` alone is least squares in linear
/// space whatever the law: prefer ``defaults(for:)``.
public struct LawFitOptions: Sendable, Equatable {
    /// The objective minimised (default least squares in linear space; ``defaults(for:)`` gives the
    /// law's own).
    public var objective: LawObjective = .leastSquares
    /// How starting points are chosen (default automatic: the law's guess, refined by a grid or a
    /// multi-start where the law defines one).
    public var starts: LawStartStrategy = .automatic
    /// Seed for random start strategies.
    public var seed: UInt64 = 0
    /// Level of the reported intervals.
    public var confidenceLevel: Double = 0.95
    /// Parameters held at given values (by law parameter name).
    public var fixed: [String: Double] = [:]
    /// Iteration limit per local run. A run that reaches it ends the fit there: the fallbacks
    /// do not repeat it, and the result reports termination `NonlinearFit/Termination/maxIterations`.
    public var maxIterations: Int = 1000
    /// Relative objective-change tolerance: a local run also stops, as converged, when an
    /// accepted step lowers the objective by less than this fraction of its value (scipy's
    /// `least_squares` stops so at its default `ftol = 1e-8`). 0 (the default) disables the
    /// test, so a run stops only on a small step or a small gradient
    /// (`NonlinearFit/FitOptions/ftol`). ``CurveFitter/defaultOptions`` sets 1e-8: a fit whose
    /// optimum lies at a limit of the parameters (multi-power's β → 0 with B·β fixed) otherwise
    /// walks the valley to the iteration limit while its objective changes by less than that.
    public var objectiveTolerance: Double = 0
    /// Wall-clock limit in seconds for the whole fit (every start, the polish and the
    /// fallbacks), or `nil` for none. When it runs out the best point reached is reported with
    /// termination `NonlinearFit/Termination/timeLimit`; see `NonlinearFit/FitOptions/timeLimit`.
    public var timeLimit: Double? = nil
    /// The clock ``timeLimit`` is measured on (tests inject one; see `NonlinearFit/FitClock`).
    public var clock: FitClock = .system
    /// Where the fit records the wall time of its phases (start search, local fits, polish,
    /// covariance, intervals), or `nil` for no record (`NonlinearFit/FitPhaseClock`). Records
    /// never change what a fit computes; resample refits run in parallel do not record.
    public var phases: FitPhaseClock? = nil
    /// The most rows the start search (variable-projection grid, coarse multi-start, racing)
    /// runs on: larger datasets search on a seeded uniform sample of this many rows (seed
    /// ``seed``), and the winner is polished on every row.
    public var startSearchRows: Int = 4096
    /// Whether a large set of starts (more than 64, such as the 4,500-point grid of
    /// ``LawStartStrategy/publishedGrid``) races: every start gets 8 iterations and only the
    /// best tenth (at least 16) continue to convergence (successive halving, `NonlinearFit/MultiStart/Racing`).
    /// `false` runs every start to convergence, as the L-BFGS-B grid of Hoffmann et al. 2022 and
    /// Besiroglu et al. 2024 does: slower, and a check that racing dropped no better basin.
    /// Smaller start sets never race.
    public var racing: Bool = true
    /// A starting point in the law's parameters (law order, law units), used instead of the
    /// law's initial guess when ``starts`` is ``LawStartStrategy/single``: a warm start, e.g.
    /// the full-data optimum when refitting bootstrap resamples. Ignored by other strategies.
    public var start: [Double]? = nil
    /// How standard errors and intervals are computed: by default a row bootstrap for a
    /// robust objective where a fast refit exists (`RobustFitIntervals`), the linearised
    /// covariance otherwise. The fit records the method used (``LawFit/intervals``).
    public var intervals: LawIntervalChoice = .automatic()

    /// Least squares in linear space, automatic starts, seed 0, 95% intervals: prefer
    /// ``defaults(for:)``, which uses the law's own objective.
    public init() {}

    /// Settings with the given objective and start search; the rest as ``init()``.
    /// - Parameters:
    ///   - objective: The objective minimised.
    ///   - starts: How starting points are chosen (default automatic).
    ///   - seed: The seed of random start strategies (default 0).
    public init(objective: LawObjective, starts: LawStartStrategy = .automatic, seed: UInt64 = 0) {
        self.objective = objective
        self.starts = starts
        self.seed = seed
    }
}

extension LawFitOptions {
    /// The default settings for fitting `law`: its own objective (``ScalingLaw/defaultObjective``,
    /// e.g. Huber on log residuals with δ = 10⁻³ for Chinchilla as in Hoffmann et al. 2022,
    /// least squares on log residuals for a pure power law), automatic starts, seed 0, 95%
    /// intervals by the automatic method. The one default shared by the library and the CLI.
    public static func defaults(for law: any ScalingLaw) -> LawFitOptions {
        LawFitOptions(objective: law.defaultObjective)
    }
}

extension LawFitOptions {
    /// The settings `fit` was made with, as its artifact records them: objective, start
    /// strategy, seed, racing, interval level and the parameters held fixed (at their recorded values),
    /// on top of ``defaults(for:)``. Refitting other rows with them (`plot --by`) gives the fit
    /// `fit --by` would.
    public static func recorded(in fit: LawFit, law: any ScalingLaw) -> LawFitOptions {
        var options = defaults(for: law)
        options.objective = fit.objective
        options.starts = fit.startStrategy
        options.seed = fit.seed
        options.racing = fit.racing ?? true
        options.confidenceLevel = fit.confidenceLevel
        for parameter in fit.parameters where parameter.fixed { options.fixed[parameter.name] = parameter.value }
        return options
    }
}
