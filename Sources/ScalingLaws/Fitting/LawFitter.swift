import Foundation
import LinearAlgebra
import NonlinearFit

/// Errors specific to fitting a law to data.
public enum LawFitError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `--fix` or a start names a parameter the law does not have (`known` lists its parameters).
    case unknownParameter(law: String, name: String, known: [String])
    /// An option value the fit cannot use, with the reason.
    case invalidOption(String)

    public var description: String {
        switch self {
        case let .unknownParameter(law, name, known):
            return "law '\(law)' has no parameter '\(name)' (parameters: \(known.joined(separator: ", ")))"
        case let .invalidOption(message): return message
        }
    }
}

/// Fits a ``ScalingLaw`` to a ``Dataset`` with the nonlinear engine.
public enum LawFitter {
    /// Fits `law` to the rows of `data` (columns named by the law's input and response roles).
    ///
    /// Without `options`, the fit uses the law's own objective (``ScalingLaw/defaultObjective``:
    /// log-log least squares for a power law, Hoffmann et al.'s log-space Huber for Chinchilla),
    /// as the command line does, and the other settings' defaults.
    /// - Throws: ``DataError`` for missing columns, non-positive values where the law or a log
    ///   objective needs positive ones, or too few rows; `FitError` from the engine.
    public static func fit(_ law: any ScalingLaw, to data: Dataset, options: LawFitOptions? = nil) throws -> LawFit {
        let options = options ?? .defaults(for: law)
        let inputs = try law.inputs.map { try data.column($0.role) }
        let y = try data.column(law.response.role)
        let positive = law.inputs.filter(\.mustBePositive).map(\.role)
        try data.requirePositive(positive, reason: "for the \(law.name) law")
        if options.objective.isLogSpace {
            try data.requirePositive([law.response.role], reason: "for a log-space objective")
        }
        if let validating = law as? any LawDataValidation {
            try validating.validate(data)
        }
        for name in options.fixed.keys where law.parameterIndex(name) == nil {
            throw LawFitError.unknownParameter(law: law.name, name: name, known: law.parameters.map(\.name))
        }
        let freeCount = law.parameters.count - options.fixed.count
        try data.requireRows(atLeast: freeCount, reason: "to fit the \(freeCount) free parameters of \(law.name)")
        try data.requireDistinctPoints(
            atLeast: freeCount, of: law.inputs.map(\.role),
            reason: "to fit the \(freeCount) free parameters of \(law.name)")

        let parameterization = LawParameterization(law: law, objective: options.objective)
        if let start = options.start, start.count != law.parameters.count {
            throw LawFitError.invalidOption(
                "start has \(start.count) values; law '\(law.name)' has \(law.parameters.count) parameters")
        }
        let guess: [Double]
        if let start = options.start, options.starts == .single {
            guess = start
        } else {
            guess = law.initialGuess(inputs: inputs, response: y)
        }
        if let limit = options.timeLimit, !(limit >= 0) {
            throw LawFitError.invalidOption("the time limit must be a non-negative number of seconds, got \(limit)")
        }
        guard options.maxIterations >= 1 else {
            throw LawFitError.invalidOption("the iteration limit must be at least 1, got \(options.maxIterations)")
        }
        guard options.objectiveTolerance >= 0, options.objectiveTolerance < 1 else {
            throw LawFitError.invalidOption("the objective-change tolerance must be at least 0 and below 1, got \(options.objectiveTolerance)")
        }

        var fitOptions = options.engineOptions
        // One deadline for the whole fit: the start search, every start, the polish and the
        // fallbacks all check it, and a result reached after it passed says so.
        fitOptions.deadline = options.timeLimit.map { FitDeadline(seconds: $0, clock: options.clock) }

        // The start search runs on a seeded sample of the rows when there are many.
        let sample = options.starts == .single
            ? nil : StartSearchSample.rows(count: y.count, size: options.startSearchRows, seed: options.seed)
        let searchInputs = sample.map { rows in inputs.map { StartSearchSample.take($0, at: rows) } } ?? inputs
        let searchResponse = sample.map { StartSearchSample.take(y, at: $0) } ?? y

        let deadline = fitOptions.deadline
        let startPoints = try timed(.startSearch, options) {
            try starts(
                law: law, parameterization: parameterization, inputs: searchInputs, response: searchResponse, guess: guess,
                options: options, deadline: deadline)
        }
        var result: FitResult
        if let startPoints {
            // A coarse pass from every start with loose stopping rules (as scipy's L-BFGS-B stops:
            // relative objective change 1e-9), plain Levenberg–Marquardt on normal equations and
            // at most 100 iterations: thousands of starts stay cheap. Scaling-law data carry
            // 3–4 digits, so the coarse optima rank the basins reliably.
            var coarseOptions = fitOptions
            // Large start sets race unless told not to: every start gets a few iterations, the
            // best tenth continue.
            coarseOptions.multiStart = MultiStart(
                .list(startPoints), seed: options.seed, includeInitial: false,
                racing: options.racing && startPoints.count > 64 ? MultiStart.Racing() : nil)
            coarseOptions.fallbacks = .none
            coarseOptions.method = .levenbergMarquardt
            coarseOptions.solver = .cholesky
            coarseOptions.xtol = 1e-6
            coarseOptions.gtol = 1e-6
            coarseOptions.ftol = 1e-9
            coarseOptions.maxIterations = Swift.min(options.maxIterations, 100)
            let searchProblem = parameterization.problem(
                inputs: searchInputs, response: searchResponse, start: guess, fixed: options.fixed)
            let coarse = try timed(.localFits, options) { try NonlinearLeastSquares.fit(searchProblem, options: coarseOptions) }
            // Then the winner is polished at full precision on every row, with the fallbacks
            // (unless the coarse pass already used the whole iteration limit).
            if coarse.termination == .maxIterations, options.maxIterations <= 100, sample == nil {
                result = coarse
            } else {
                var polishOptions = fitOptions
                polishOptions.xtol = 1e-15
                polishOptions.gtol = 1e-15
                if sample != nil {
                    // Many rows: normal equations (one pass over J per iteration to form JᵀJ)
                    // instead of a Householder QR of the whole n × p Jacobian per iteration.
                    polishOptions.solver = .cholesky
                    // Plain Levenberg–Marquardt: geodesic acceleration (Transtrum & Sethna 2012)
                    // costs a finite-difference second directional derivative, one more model
                    // pass over every row per iteration, and the polish starts in the basin.
                    polishOptions.method = .levenbergMarquardt
                    // And with a law whose response kernel works a block of rows at a time
                    // (least squares on Chinchilla), the fused solver: JᵀJ and Jᵀr in the
                    // residual pass, two threads, covariance from JᵀJ (the rule is
                    // FitOptions.fusedNormalEquations; the ladder below stays on GSL).
                    polishOptions.fusedNormalEquations = true
                }
                let polishProblem = parameterization.problem(
                    inputs: inputs, response: y, fitted: coarse.values, fixed: options.fixed)
                let polishPhase = options.phases?.begin(.polish)
                defer { if let polishPhase { options.phases?.end(polishPhase) } }
                var polished: FitResult
                if sample != nil, polishOptions.fallbacks != .none {
                    // Many rows: the fallback ladder's first rung (a restart from the end point)
                    // costs as much as the polish itself and, after a converged polish, moves
                    // the optimum by rounding only. The ladder runs when the polish did not
                    // converge.
                    var direct = polishOptions
                    direct.fallbacks = .none
                    polished = try NonlinearLeastSquares.fit(polishProblem, options: direct)
                    if !polished.converged, polished.termination != .timeLimit, polished.termination != .maxIterations {
                        polished = try NonlinearLeastSquares.fit(polishProblem, options: polishOptions)
                    }
                } else {
                    polished = try NonlinearLeastSquares.fit(polishProblem, options: polishOptions)
                }
                // On a sample the coarse objective is over fewer rows: the polish (which only
                // ever lowers the full-data objective from the coarse point) is the answer.
                if sample != nil || polished.objective <= coarse.objective {
                    result = polished
                    result.multiStart = coarse.multiStart
                } else {
                    result = coarse
                }
            }
        } else {
            let problem = parameterization.problem(inputs: inputs, response: y, start: guess, fixed: options.fixed)
            fitOptions.xtol = 1e-15
            fitOptions.gtol = 1e-15
            let singleOptions = fitOptions
            result = try timed(.localFits, options) { try NonlinearLeastSquares.fit(problem, options: singleOptions) }
        }
        var method = LawIntervalMethod.linearized
        var lawStandardErrors: [Double]?
        var intervalWarnings: [FitWarning] = []
        if case let .automatic(resamples) = options.intervals {
            let fitted = result
            let outcome = timed(.intervals, options) {
                RobustFitIntervals.bootstrapCovariance(law: law, data: data, options: options, result: fitted, resamples: resamples)
            }
            switch outcome {
            case let .bootstrap(covariance, standardErrors, converged):
                result = result.replacingCovariance(covariance)
                method = .rowBootstrap(resamples: resamples, converged: converged, seed: options.seed)
                lawStandardErrors = standardErrors
            case .noFastRefit:
                intervalWarnings.append(.linearizedRobustIntervals(resamples: 0, converged: 0))
            case let .tooFewConverged(converged):
                intervalWarnings.append(.linearizedRobustIntervals(resamples: resamples, converged: converged))
            case .notApplicable:
                break
            }
        }
        return LawFit(
            law: law, data: data, options: options, parameterization: parameterization, result: result,
            intervalMethod: method, lawStandardErrors: lawStandardErrors, extraWarnings: intervalWarnings)
    }

    /// `body`, its time recorded as `phase` when the options carry a phase clock.
    static func timed<T>(_ phase: FitPhaseClock.Phase, _ options: LawFitOptions, _ body: () throws -> T) rethrows -> T {
        guard let phases = options.phases else { return try body() }
        return try phases.measure(phase, body)
    }

    /// Starting points in the fitted parameterization, or `nil` for a single start.
    static func starts(
        law: any ScalingLaw, parameterization: LawParameterization, inputs: [[Double]], response: [Double],
        guess: [Double], options: LawFitOptions, deadline: FitDeadline? = nil
    ) throws -> [[String: Double]]? {
        switch options.starts {
        case .single:
            return nil
        case .publishedGrid:
            let grid = law.startGrid()
            guard !grid.isEmpty else {
                throw LawFitError.invalidOption("law '\(law.name)' has no published start grid; use --starts auto or lhs:N")
            }
            return grid.map { parameterization.fittedStart($0, fixed: options.fixed) }
        case let .latinHypercube(count):
            var rng = SeededGenerator(seed: options.seed)
            let unit = MultiStart.latinHypercube(count: count, dimensions: law.parameters.count, rng: &rng)
            return unit.map { row in
                var point: [String: Double] = [:]
                for (k, spec) in law.parameters.enumerated() {
                    let base = guess[k]
                    let value: Double
                    if spec.isLinear || spec.fitsInLogSpace {
                        value = Swift.max(Swift.abs(base), 1e-6) * pow(10, -2 + 4 * row[k])
                    } else {
                        let lo = spec.lowerBound.isFinite ? spec.lowerBound : base - 1
                        let hi = spec.upperBound.isFinite ? Swift.min(spec.upperBound, Swift.max(2 * Swift.abs(base), lo + 1)) : base + 1
                        value = lo + (hi - lo) * row[k]
                    }
                    point[spec.name] = value
                }
                return parameterization.fittedStart(point, fixed: options.fixed)
            }
        case .automatic:
            return try ProjectionStarts.points(
                law: law, parameterization: parameterization, inputs: inputs, response: response, guess: guess, options: options,
                deadline: deadline)
        }
    }
}

extension LawFitOptions {
    /// The engine's options for these settings: the objective's loss (Huber for
    /// ``LawObjective/logHuber(delta:)``, else linear), the confidence level, the iteration
    /// limit, which bounds the whole fit (a run that reaches it is not repeated), and the
    /// objective-change tolerance.
    var engineOptions: FitOptions {
        var fitOptions = FitOptions()
        if case let .logHuber(delta) = objective { fitOptions.loss = .huber(delta: delta) }
        fitOptions.confidenceLevel = confidenceLevel
        fitOptions.maxIterations = maxIterations
        fitOptions.ftol = objectiveTolerance
        fitOptions.retryAfterIterationLimit = false
        fitOptions.phases = phases
        return fitOptions
    }
}
