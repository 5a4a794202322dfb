import LinearAlgebra

/// Maps the solver's unconstrained internal variables (one per free parameter) to the full
/// external parameter vector (free, fixed and tied parameters), and carries the chain rule
/// for Jacobians.
struct ParameterMapping: Sendable {
    let parameters: [FitParameter]
    /// Index in `parameters` of each free parameter, in order.
    let freeIndices: [Int]
    /// Bound transform of each free parameter.
    let transforms: [BoundTransform]
    /// For each parameter: the free slot it depends on, with factor and offset (free: factor 1
    /// offset 0 via the transform; tied: affine in the target's external value).
    let ties: [(parameter: Int, target: Int, factor: Double, offset: Double)]
    /// External values of all parameters at the start (fixed ones stay here).
    let initialExternal: [Double]

    init(_ parameters: [FitParameter]) throws {
        var names = Set<String>()
        for p in parameters {
            if !names.insert(p.name).inserted { throw FitError.duplicateParameter(p.name) }
        }
        var free: [Int] = []
        var transforms: [BoundTransform] = []
        var ties: [(Int, Int, Double, Double)] = []
        for (k, p) in parameters.enumerated() {
            if p.lowerBound.isNaN || p.upperBound.isNaN {
                throw FitError.invalidParameter(name: p.name, reason: "a bound is NaN")
            }
            if p.lowerBound > p.upperBound {
                throw FitError.invalidParameter(
                    name: p.name, reason: "lower bound \(p.lowerBound) is greater than upper bound \(p.upperBound)")
            }
            switch p.constraint {
            case .free:
                guard p.initialValue.isFinite else {
                    throw FitError.invalidParameter(name: p.name, reason: "initial value \(p.initialValue) is not finite")
                }
                if p.initialValue < p.lowerBound || p.initialValue > p.upperBound {
                    throw FitError.invalidParameter(
                        name: p.name,
                        reason: "initial value \(p.initialValue) lies outside its bounds [\(p.lowerBound), \(p.upperBound)]")
                }
                if p.lowerBound == p.upperBound {
                    throw FitError.invalidParameter(
                        name: p.name, reason: "lower and upper bounds are equal (\(p.lowerBound)); declare it fixed instead")
                }
                free.append(k)
                transforms.append(BoundTransform(lower: p.lowerBound, upper: p.upperBound))
            case .fixed:
                guard p.initialValue.isFinite else {
                    throw FitError.invalidParameter(name: p.name, reason: "fixed value \(p.initialValue) is not finite")
                }
            case let .tied(target, factor, offset):
                guard let t = parameters.firstIndex(where: { $0.name == target }) else {
                    throw FitError.invalidParameter(name: p.name, reason: "tied to unknown parameter '\(target)'")
                }
                if case .tied = parameters[t].constraint {
                    throw FitError.invalidParameter(
                        name: p.name, reason: "tied to '\(target)', which is itself tied; tie both to a free or fixed parameter")
                }
                guard factor.isFinite, offset.isFinite else {
                    throw FitError.invalidParameter(name: p.name, reason: "tie factor and offset must be finite")
                }
                ties.append((k, t, factor, offset))
            }
        }
        self.parameters = parameters
        self.freeIndices = free
        self.transforms = transforms
        self.ties = ties.map { (parameter: $0.0, target: $0.1, factor: $0.2, offset: $0.3) }
        var initial = parameters.map(\.initialValue)
        for tie in self.ties {
            initial[tie.parameter] = tie.factor * initial[tie.target] + tie.offset
        }
        self.initialExternal = initial
    }

    var freeCount: Int { freeIndices.count }

    /// Internal variables for the given external values of the free parameters.
    func internalValues(freeExternal: [Double]) -> [Double] {
        zip(transforms, freeExternal).map { $0.internalValue($1) }
    }

    /// Internal variables of the starting point. A start exactly on a bound is moved inside it
    /// first (by 1e-3 of the interval, or of `max(|bound|, 1)` for a one-sided bound): on the
    /// bound the transform's derivative is zero and the parameter could never move.
    var initialInternal: [Double] {
        let starts = freeIndices.map { k -> Double in
            let p = parameters[k]
            let v = initialExternal[k]
            let width = p.upperBound - p.lowerBound
            let step = width.isFinite ? 1e-3 * width : 1e-3 * Swift.max(Swift.abs(v), 1)
            if p.lowerBound.isFinite, v <= p.lowerBound { return p.lowerBound + step }
            if p.upperBound.isFinite, v >= p.upperBound { return p.upperBound - step }
            return v
        }
        return internalValues(freeExternal: starts)
    }

    /// Fills `external` (all parameters) from internal variables `u`.
    @inline(__always)
    func fillExternal(_ u: UnsafeBufferPointer<Double>, into external: inout [Double]) {
        for (slot, k) in freeIndices.enumerated() {
            external[k] = transforms[slot].external(u[slot])
        }
        for tie in ties {
            external[tie.parameter] = tie.factor * external[tie.target] + tie.offset
        }
    }

    /// All external values for internal variables `u`.
    func external(_ u: [Double]) -> [Double] {
        var out = initialExternal
        u.withUnsafeBufferPointer { fillExternal($0, into: &out) }
        return out
    }

    /// External values of the free parameters only.
    func freeExternal(_ u: [Double]) -> [Double] {
        zip(transforms, u).map { $0.external($1) }
    }

    /// For each free slot, the list of (parameter index, dp/dp_free factor) that depend on it:
    /// the parameter itself with factor 1 and every parameter tied to it with its tie factor.
    /// Fixed parameters' ties contribute nothing.
    var dependents: [[(parameter: Int, factor: Double)]] {
        freeIndices.map { k in
            var list: [(parameter: Int, factor: Double)] = [(k, 1)]
            for tie in ties where tie.target == k { list.append((tie.parameter, tie.factor)) }
            return list
        }
    }
}

extension ParameterMapping {
    /// Whether free parameter `k` (internal value `u`) sits within 1e-6 of the width of its
    /// bounds (of its magnitude when a bound is infinite) of a bound: there a nonzero gradient
    /// along it does not mean the point is not stationary.
    func isAtBound(free k: Int, internal u: Double) -> Bool {
        let spec = parameters[freeIndices[k]]
        guard spec.isBounded else { return false }
        let value = transforms[k].external(u)
        let width = spec.upperBound - spec.lowerBound
        let tolerance = 1e-6 * (width.isFinite ? width : Swift.max(Swift.abs(value), 1))
        return value - spec.lowerBound <= tolerance || spec.upperBound - value <= tolerance
    }
}
