import Foundation

/// Several starting points for a fit, run in parallel across cores; the best optimum is kept.
public struct MultiStart: Sendable, Equatable {
    /// How starting points are chosen. Names refer to free parameters; a free parameter a
    /// strategy does not mention keeps its initial value.
    public enum Strategy: Sendable, Equatable {
        /// The Cartesian product of the listed values.
        case grid([String: [Double]])
        /// `count` points of a Latin hypercube over the given ranges (uniform, or uniform in
        /// log10 for the names in `logScale`; those ranges must be positive).
        case latinHypercube(count: Int, ranges: [String: ClosedRange<Double>], logScale: Set<String> = [])
        /// `count` points of a Latin hypercube in log-magnitude around the initial values:
        /// `p_j = p0_j · 10^u` with `u` uniform in `[−decades, +decades]` (a zero start spans ±10^−decades…1).
        case aroundInitial(count: Int, decades: Double)
        /// Explicit points.
        case list([[String: Double]])
    }

    /// Successive halving: every start runs a few iterations, then only the most promising
    /// continue to convergence. The ranking happens after all probes finish, so the outcome
    /// does not depend on thread timing.
    public struct Racing: Sendable, Equatable {
        /// Iterations every start gets before the ranking.
        public var probeIterations: Int
        /// Fraction of the starts that continue.
        public var keepFraction: Double
        /// At least this many continue.
        public var minimumKept: Int

        /// Racing settings.
        /// - Parameters:
        ///   - probeIterations: Iterations every start gets before the ranking (default 8).
        ///   - keepFraction: Fraction of the starts that continue to convergence (default 0.1).
        ///   - minimumKept: At least this many continue (default 16).
        public init(probeIterations: Int = 8, keepFraction: Double = 0.1, minimumKept: Int = 16) {
            self.probeIterations = probeIterations
            self.keepFraction = keepFraction
            self.minimumKept = minimumKept
        }
    }

    /// How the starting points are chosen.
    public var strategy: Strategy
    /// When set, starts race (see ``Racing``); otherwise every start runs to convergence.
    public var racing: Racing?
    /// Seed for the random strategies.
    public var seed: UInt64
    /// Also start from the initial values.
    public var includeInitial: Bool
    /// Run starts on all cores.
    public var parallel: Bool

    /// Multi-start settings. Cost: one full fit per start (or per kept start when racing), spread
    /// over the cores when `parallel`.
    /// - Parameters:
    ///   - strategy: How the starting points are chosen.
    ///   - seed: Seed of the random strategies (default 0); the same seed gives the same points.
    ///   - includeInitial: Whether the problem's initial values are also a start (default `true`).
    ///   - parallel: Whether the starts run on all cores (default `true`).
    ///   - racing: Successive-halving settings, or `nil` (default) to run every start to convergence.
    public init(_ strategy: Strategy, seed: UInt64 = 0, includeInitial: Bool = true, parallel: Bool = true, racing: Racing? = nil) {
        self.strategy = strategy
        self.racing = racing
        self.seed = seed
        self.includeInitial = includeInitial
        self.parallel = parallel
    }

    /// The starting points as external values of the free parameters (in `freeNames` order),
    /// given the initial values. Points outside a parameter's bounds are clamped into them.
    func points(freeNames: [String], initial: [Double], lower: [Double], upper: [Double]) throws -> [[Double]] {
        for name in mentionedNames where !freeNames.contains(name) {
            throw FitError.invalidParameter(name: name, reason: "named by the multi-start strategy but not a free parameter")
        }
        var points: [[Double]] = includeInitial ? [initial] : []
        switch strategy {
        case let .grid(values):
            var product: [[Double]] = [initial]
            for (j, name) in freeNames.enumerated() {
                guard let list = values[name], !list.isEmpty else { continue }
                product = product.flatMap { base in list.map { v in var p = base; p[j] = v; return p } }
            }
            points += product
        case let .latinHypercube(count, ranges, logScale):
            var rng = SeededGenerator(seed: seed)
            let unit = Self.latinHypercube(count: count, dimensions: freeNames.count, rng: &rng)
            for row in unit {
                var p = initial
                for (j, name) in freeNames.enumerated() {
                    guard let r = ranges[name] else { continue }
                    if logScale.contains(name) {
                        guard r.lowerBound > 0 else {
                            throw FitError.invalidParameter(name: name, reason: "a log-scale start range must be positive, got \(r)")
                        }
                        let lo = log10(r.lowerBound), hi = log10(r.upperBound)
                        p[j] = pow(10, lo + (hi - lo) * row[j])
                    } else {
                        p[j] = r.lowerBound + (r.upperBound - r.lowerBound) * row[j]
                    }
                }
                points.append(p)
            }
        case let .aroundInitial(count, decades):
            var rng = SeededGenerator(seed: seed)
            let unit = Self.latinHypercube(count: count, dimensions: freeNames.count, rng: &rng)
            for row in unit {
                var p = initial
                for j in freeNames.indices {
                    let u = -decades + 2 * decades * row[j]
                    let base = initial[j] == 0 ? pow(10, -decades) : initial[j]
                    p[j] = base * pow(10, u)
                }
                points.append(p)
            }
        case let .list(list):
            for entry in list {
                var p = initial
                for (j, name) in freeNames.enumerated() {
                    if let v = entry[name] { p[j] = v }
                }
                points.append(p)
            }
        }
        return points.map { p in
            p.indices.map { j -> Double in
                // keep strictly inside finite bounds so the bound transform has a gradient
                var v = Swift.min(Swift.max(p[j], lower[j]), upper[j])
                let width = upper[j] - lower[j]
                if width.isFinite, width > 0 {
                    v = Swift.min(Swift.max(v, lower[j] + 1e-9 * width), upper[j] - 1e-9 * width)
                }
                return v
            }
        }
    }

    private var mentionedNames: [String] {
        switch strategy {
        case let .grid(values): return Array(values.keys)
        case let .latinHypercube(_, ranges, logScale): return Array(ranges.keys) + Array(logScale)
        case .aroundInitial: return []
        case let .list(list): return Array(Set(list.flatMap(\.keys)))
        }
    }

    /// `count` points in `[0, 1)^dimensions`, one in each of `count` equal strata per axis.
    public static func latinHypercube(count: Int, dimensions: Int, rng: inout SeededGenerator) -> [[Double]] {
        guard count > 0 else { return [] }
        var out = [[Double]](repeating: [Double](repeating: 0, count: dimensions), count: count)
        for d in 0..<dimensions {
            var strata = Array(0..<count)
            // Fisher–Yates with our generator (stable across platforms).
            if count > 1 {
                for i in stride(from: count - 1, to: 0, by: -1) {
                    let j = Int(rng.next() % UInt64(i + 1))
                    strata.swapAt(i, j)
                }
            }
            for i in 0..<count {
                out[i][d] = (Double(strata[i]) + rng.nextUniform()) / Double(count)
            }
        }
        return out
    }
}
