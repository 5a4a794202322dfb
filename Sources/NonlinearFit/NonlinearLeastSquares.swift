import Foundation
import LinearAlgebra

/// Nonlinear least squares (and robust variants) on GSL's trust-region solvers, with bounds,
/// fixed and tied parameters, automatic fallbacks, multi-start and a rich result.
///
/// ```swift
/// let problem = LeastSquaresProblem.curve(x: x, y: y, parameters: [
///     FitParameter("b1", initialValue: 500), FitParameter("b2", initialValue: 1e-4),
/// ], value: { x, b in b[0] * (1 - exp(-b[1] * x)) })
/// let result = try NonlinearLeastSquares.fit(problem)
/// ```
public enum NonlinearLeastSquares {
    /// Fits `problem` with `options`.
    ///
    /// - Throws: ``FitError`` for invalid input (non-finite data, too few observations, bad
    ///   bounds, a model that is not finite at the start) and for numerical breakdown. A fit that
    ///   merely fails to converge returns a result with `converged == false`.
    public static func fit(_ problem: LeastSquaresProblem, options: FitOptions = FitOptions()) throws -> FitResult {
        let mapping = try validate(problem)
        if FusedLevenbergMarquardt.applies(to: problem, options: options) {
            return try FusedLevenbergMarquardt.fit(problem, mapping: mapping, options: options)
        }
        let evaluator = ResidualEvaluator(
            problem: problem, mapping: mapping, loss: options.loss, finiteDifferenceStep: options.finiteDifferenceStep)
        try checkStart(evaluator: evaluator, mapping: mapping)

        let deadline: FitDeadline? = options.deadline ?? options.timeLimit.map { FitDeadline(seconds: $0, clock: options.clock) }
        var attempts: [String] = []
        var totalF = 0
        var totalJ = 0
        var summary: MultiStartSummary?
        var best: LocalSolution

        let multiStart = options.multiStart ?? (options.fallbacks == .thorough
            ? MultiStart(.aroundInitial(count: 48, decades: 2.5), seed: 0x5CA1E) : nil)
        if let multiStart {
            let outcome = try runMultiStart(problem: problem, mapping: mapping, options: options, multiStart: multiStart, deadline: deadline)
            best = outcome.best
            summary = outcome.summary
            totalF += outcome.functionEvaluations
            totalJ += outcome.jacobianEvaluations
            attempts.append("multi-start (\(outcome.summary.starts) starts)")
        } else {
            best = try runLocal(evaluator: evaluator, start: mapping.initialInternal, options: options,
                                method: options.method, scaling: options.scaling, deadline: deadline)
            totalF += best.functionEvaluations
            totalJ += best.jacobianEvaluations
            attempts.append(best.attempt)
        }

        if options.fallbacks != .none {
            let start = multiStart == nil ? mapping.initialInternal : best.internalValues
            let refined = try applyFallbacks(evaluator: evaluator, first: best, start: start, options: options, deadline: deadline)
            best = refined.best
            totalF += refined.functionEvaluations
            totalJ += refined.jacobianEvaluations
            attempts += refined.attempts
        }

        if let deadline, deadline.wasReached {
            // Some stage was cut short: the end point is the best so far, not a verified optimum.
            best.termination = .timeLimit
            best.converged = false
        }
        guard best.internalValues.allSatisfy(\.isFinite), best.objective.isFinite else {
            throw FitError.numericalBreakdown("every attempt ended at a point where the model is not finite (\(attempts.joined(separator: ", ")))")
        }
        let build = {
            try FitResultBuilder.build(
                problem: problem, mapping: mapping, evaluator: evaluator, solution: best, options: options,
                attempts: attempts, functionEvaluations: totalF, jacobianEvaluations: totalJ, multiStart: summary)
        }
        if let phases = options.phases { return try phases.measure(.covariance, build) }
        return try build()
    }

    // MARK: - Validation

    static func validate(_ problem: LeastSquaresProblem) throws -> ParameterMapping {
        let n = problem.observations.count
        for (i, y) in problem.observations.enumerated() where !y.isFinite {
            throw FitError.nonFiniteData("observation \(i + 1) of \(n) is \(y); every observation must be finite")
        }
        if let w = problem.weights {
            guard w.count == n else {
                throw FitError.dimensionMismatch("\(w.count) weights for \(n) observations")
            }
            for (i, wi) in w.enumerated() where !(wi.isFinite && wi >= 0) {
                throw FitError.nonFiniteData("weight \(i + 1) of \(n) is \(wi); weights must be finite and non-negative")
            }
        }
        let mapping = try ParameterMapping(problem.parameters)
        guard mapping.freeCount > 0 else { throw FitError.noFreeParameters }
        guard n >= mapping.freeCount else {
            throw FitError.tooFewObservations(observations: n, freeParameters: mapping.freeCount)
        }
        return mapping
    }

    static func checkStart(evaluator: ResidualEvaluator, mapping: ParameterMapping) throws {
        // The model must fill exactly one prediction per observation.
        var probe = [Double](repeating: 0, count: evaluator.n)
        evaluator.problem.model(mapping.initialExternal, &probe)
        if probe.count != evaluator.n {
            throw FitError.dimensionMismatch("the model returned \(probe.count) predictions for \(evaluator.n) observations")
        }
        if let residualFunction = evaluator.problem.residualFunction {
            residualFunction(mapping.initialExternal, &probe)
            if probe.count != evaluator.n {
                throw FitError.dimensionMismatch("the residual function returned \(probe.count) residuals for \(evaluator.n) observations")
            }
        }
        let u = mapping.initialInternal
        var r = [Double](repeating: 0, count: evaluator.n)
        let finite = u.withUnsafeBufferPointer { ub in
            r.withUnsafeMutableBufferPointer { rb -> Bool in
                guard let base = rb.baseAddress else { return true }
                return evaluator.residuals(internal: ub, into: base)
            }
        }
        if !finite {
            let bad = evaluator.predictions.enumerated().filter { !$0.element.isFinite }.map { $0.offset + 1 }
            let values = zip(mapping.parameters, mapping.initialExternal).map { "\($0.name)=\($1)" }.joined(separator: ", ")
            let listed = bad.prefix(5).map(String.init).joined(separator: ", ")
            throw FitError.nonFiniteModel(
                "the model is not finite at the starting point (\(values)) for observation\(bad.count == 1 ? "" : "s") \(listed)\(bad.count > 5 ? ", …" : "")")
        }
    }

    // MARK: - Local runs

    static func runLocal(
        evaluator: ResidualEvaluator, start: [Double], options: FitOptions,
        method: FitOptions.Method, scaling: FitOptions.Scaling, deadline: FitDeadline?
    ) throws -> LocalSolution {
        if options.loss != .linear, options.robustMethod == .bfgs {
            return try MultiminDriver.solve(evaluator: evaluator, start: start, options: options, deadline: deadline)
        }
        return try TrustRegionDriver.solve(
            evaluator: evaluator, start: start, options: options, method: method, scaling: scaling, deadline: deadline)
    }

    /// Whether `a` is a better end point than `b`: converged beats not converged unless the
    /// other's objective is clearly lower; otherwise the lower objective wins.
    static func isBetter(_ a: LocalSolution, than b: LocalSolution) -> Bool {
        guard a.objective.isFinite else { return false }
        guard b.objective.isFinite else { return true }
        if a.converged != b.converged {
            let relative = (b.objective - a.objective) / Swift.max(Swift.abs(b.objective), 1e-300)
            return a.converged ? relative > -1e-10 : relative > 1e-8
        }
        return a.objective < b.objective
    }

    /// The fallback ladder: polish (restart from the end point); when the first run did not
    /// converge, every other method and scaling from the start, each polished.
    static func applyFallbacks(
        evaluator: ResidualEvaluator, first: LocalSolution, start: [Double], options: FitOptions, deadline: FitDeadline?
    ) throws -> (best: LocalSolution, attempts: [String], functionEvaluations: Int, jacobianEvaluations: Int) {
        var best = first
        var attempts: [String] = []
        var f = 0
        var j = 0
        if first.termination == .maxIterations, !options.retryAfterIterationLimit {
            return (best, attempts, f, j)
        }
        func consider(_ s: LocalSolution, _ label: String) {
            attempts.append(label)
            f += s.functionEvaluations
            j += s.jacobianEvaluations
            if isBetter(s, than: best) { best = s }
        }
        func polish(_ s: LocalSolution) throws {
            guard s.internalValues.allSatisfy(\.isFinite) else { return }
            let p = try runLocal(evaluator: evaluator, start: s.internalValues, options: options,
                                 method: options.method, scaling: options.scaling, deadline: deadline)
            var merged = p
            merged.iterations += s.iterations
            consider(merged, "polish \(p.attempt)")
        }
        try polish(first)
        let timedOut = deadline?.hasPassed() ?? false
        if !timedOut, !best.converged || options.fallbacks == .thorough {
            var alternatives: [(FitOptions.Method, FitOptions.Scaling)] = []
            for method in FitOptions.Method.allCases {
                for scaling in FitOptions.Scaling.allCases where (method, scaling) != (options.method, options.scaling) {
                    alternatives.append((method, scaling))
                }
            }
            for (method, scaling) in alternatives {
                if let deadline, deadline.hasPassed() { break }
                let s = try runLocal(evaluator: evaluator, start: start, options: options, method: method, scaling: scaling, deadline: deadline)
                consider(s, s.attempt)
                if s.converged { try polish(s) }
                if best.converged && options.fallbacks != .thorough { break }
            }
        }
        return (best, attempts, f, j)
    }

    // MARK: - Multi-start

    static func runMultiStart(
        problem: LeastSquaresProblem, mapping: ParameterMapping, options: FitOptions, multiStart: MultiStart, deadline: FitDeadline?
    ) throws -> (best: LocalSolution, summary: MultiStartSummary, functionEvaluations: Int, jacobianEvaluations: Int) {
        let freeNames = mapping.freeIndices.map { mapping.parameters[$0].name }
        let initial = mapping.freeIndices.map { mapping.initialExternal[$0] }
        let lower = mapping.freeIndices.map { mapping.parameters[$0].lowerBound }
        let upper = mapping.freeIndices.map { mapping.parameters[$0].upperBound }
        let points = try multiStart.points(freeNames: freeNames, initial: initial, lower: lower, upper: upper)
        let starts = points.map { mapping.internalValues(freeExternal: $0) }
        var probeOptions = options
        if let racing = multiStart.racing {
            probeOptions.maxIterations = Swift.min(options.maxIterations, racing.probeIterations)
        }
        var solutions = try runStarts(
            starts, problem: problem, mapping: mapping, options: probeOptions, parallel: multiStart.parallel, deadline: deadline)
        if let racing = multiStart.racing {
            // Continue the most promising unfinished probes from where they stopped.
            let unfinished = solutions.indices.filter { !solutions[$0].converged && solutions[$0].objective.isFinite }
            let keep = Swift.max(racing.minimumKept, Int((racing.keepFraction * Double(starts.count)).rounded(.up)))
            let ranked = unfinished.sorted { solutions[$0].objective < solutions[$1].objective || (solutions[$0].objective == solutions[$1].objective && $0 < $1) }
            let continued = Array(ranked.prefix(keep))
            let resumed = try runStarts(
                continued.map { solutions[$0].internalValues }, problem: problem, mapping: mapping, options: options,
                parallel: multiStart.parallel, deadline: deadline)
            for (slot, index) in continued.enumerated() {
                var s = resumed[slot]
                s.iterations += solutions[index].iterations
                s.functionEvaluations += solutions[index].functionEvaluations
                s.jacobianEvaluations += solutions[index].jacobianEvaluations
                solutions[index] = s
            }
        }
        var f = 0
        var j = 0
        var bestIndex = -1
        for (i, s) in solutions.enumerated() {
            f += s.functionEvaluations
            j += s.jacobianEvaluations
            if bestIndex < 0 || isBetter(s, than: solutions[bestIndex]) { bestIndex = i }
        }
        guard bestIndex >= 0 else { throw FitError.numericalBreakdown("no start produced a result") }
        let converged = solutions.filter { $0.converged && $0.objective.isFinite }
        let optima = distinctOptima(converged.map { (mapping.freeExternal($0.internalValues), $0.objective) })
        let summary = MultiStartSummary(
            starts: starts.count, converged: converged.count, distinctOptima: optima.count,
            optimumObjectives: Array(optima.prefix(10)), bestStart: bestIndex)
        return (solutions[bestIndex], summary, f, j)
    }

    /// Runs the local solver from every start (in parallel when asked); results in start order.
    static func runStarts(
        _ starts: [[Double]], problem: LeastSquaresProblem, mapping: ParameterMapping, options: FitOptions,
        parallel: Bool, deadline: FitDeadline?
    ) throws -> [LocalSolution] {
        let results = ParallelMap.map(count: starts.count, parallel: parallel) { index -> Result<LocalSolution, Error> in
            // Once the time is up, later starts are not even evaluated (the first always is, so
            // there is a best point).
            if index > 0, let deadline, deadline.hasPassed() {
                return .success(LocalSolution(
                    internalValues: starts[index], objective: .infinity, iterations: 0, functionEvaluations: 0,
                    jacobianEvaluations: 0, termination: .timeLimit, converged: false, attempt: "not started (time limit)"))
            }
            let evaluator = ResidualEvaluator(
                problem: problem, mapping: mapping, loss: options.loss, finiteDifferenceStep: options.finiteDifferenceStep)
            return Result {
                try runLocal(evaluator: evaluator, start: starts[index], options: options,
                             method: options.method, scaling: options.scaling, deadline: deadline)
            }
        }
        return try results.map { try $0.get() }
    }

    /// Groups end points into distinct optima; returns each group's best objective, ascending.
    /// Two end points are the same optimum when their objectives agree within a relative 1e-7
    /// and every parameter within a relative 5e-2 (loose, because coarse multi-start runs stop
    /// early along flat directions, where weakly identified parameters wander).
    static func distinctOptima(_ points: [([Double], Double)]) -> [Double] {
        let sorted = points.sorted { $0.1 < $1.1 }
        var centres: [([Double], Double)] = []
        for (p, objective) in sorted {
            let matches = centres.contains { centre in
                Swift.abs(objective - centre.1) <= 1e-7 * Swift.max(Swift.abs(centre.1), 1e-300)
                    && zip(p, centre.0).allSatisfy { a, b in
                        Swift.abs(a - b) <= 5e-2 * Swift.max(Swift.abs(a), Swift.abs(b), 1e-8)
                    }
            }
            if !matches { centres.append((p, objective)) }
        }
        return centres.map(\.1)
    }
}

/// A fixed-size buffer that parallel workers fill, one slot each, and a helper that runs work
/// items on all cores.
final class ParallelResults<Element>: @unchecked Sendable {
    private var storage: [Element?]
    private let lock = NSLock()

    init(count: Int) {
        storage = Array(repeating: nil, count: count)
    }

    subscript(index: Int) -> Element? {
        get { lock.lock(); defer { lock.unlock() }; return storage[index] }
        set { lock.lock(); storage[index] = newValue; lock.unlock() }
    }

    /// Runs `body(i)` for every `i` in `0..<count` across the machine's cores; workers take the
    /// next index as they finish, so uneven work items balance.
    static func forEach(count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        guard count > 0 else { return }
        let workers = Swift.min(count, Swift.max(1, ProcessInfo.processInfo.activeProcessorCount))
        let counter = ParallelResults<Int>(count: 1)
        counter[0] = 0
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = counter.takeNext()
                if index >= count { break }
                body(index)
            }
        }
    }

    /// Returns slot 0 and increments it (for `ParallelResults<Int>` used as a counter).
    private func takeNext() -> Int where Element == Int {
        lock.lock()
        defer { lock.unlock() }
        let value = storage[0] ?? 0
        storage[0] = value + 1
        return value
    }
}
