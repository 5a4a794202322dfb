import Foundation
import ScalingLaws

/// A compute-frontier law set: the compute-optimal model size, data and any number of metrics
/// at the optimum, each a one-variable law of the training compute `C` in FLOP, the form Liang
/// et al. 2024 ("Scaling Laws For Diffusion Transformers", arXiv:2410.08184, Section 3) fit for
/// diffusion transformers:
///
/// ```
/// N_opt(C) = 0.0009·C^0.5681      D_opt(C) = 186.8535·C^0.4319
/// L(C)     = 2.3943·C^−0.0273     FID(C)   = 2.2566e6·C^−0.234
/// ```
/// fitted on budgets from 1e17 to 6e18 FLOP. One budget gives every member at once
/// (``forecast(budgets:)``), with the interval of each fitted member's mean curve (bootstrap
/// percentiles when its artifact stores draws, else the delta method) and a warning for every
/// budget outside a member's fitted range.
public struct ComputeFrontierSet: Sendable {
    /// One member: what it predicts and the law that predicts it.
    public struct Member: Sendable {
        /// `N_opt`, `D_opt`, `loss`, `FID`, …
        public let role: String
        /// The unit of the role's values (`parameters`, `samples`, …; empty when unknown).
        public let unit: String
        /// Where the law comes from (a preset or a fit artifact), with its law and values.
        public let source: LawSource
        /// The budgets (FLOP) the law was fitted on, when known.
        public let fittedRange: ClosedRange<Double>?

        /// A member of a law set.
        /// - Parameters:
        ///   - role: The quantity the law gives (`N_opt`, `D_opt`, `loss`, …).
        ///   - unit: The unit of its values (empty when unknown).
        ///   - source: Where the law comes from.
        ///   - fittedRange: The budgets (FLOP) it was fitted on, or `nil`.
        public init(role: String, unit: String, source: LawSource, fittedRange: ClosedRange<Double>?) {
            self.role = role
            self.unit = unit
            self.source = source
            self.fittedRange = fittedRange
        }
    }

    /// The set's name (`liang2024`, or `frontier fits`).
    public let name: String
    /// A sentence about its origin.
    public let detail: String
    /// The members: `N_opt` and `D_opt` first when present, then the metrics in order.
    public let members: [Member]

    /// Checks that the set has `N_opt` and `D_opt` and that every member is a law of one input.
    /// - Throws: ``ComputeFrontierError``.
    public init(name: String, detail: String, members: [Member]) throws {
        let roles = members.map(\.role)
        for required in Self.requiredRoles where !roles.contains(required) {
            throw ComputeFrontierError.missingMember(set: name, role: required, have: roles)
        }
        var seen = Set<String>()
        for member in members {
            guard seen.insert(member.role.lowercased()).inserted else {
                throw ComputeFrontierError.duplicateMember(set: name, role: member.role)
            }
            guard let law = member.source.law else {
                throw ComputeFrontierError.notALawOfCompute(role: member.role, source: member.source.label, law: "an iso-FLOP frontier")
            }
            guard law.inputs.count == 1 else {
                throw ComputeFrontierError.notALawOfCompute(role: member.role, source: member.source.label, law: law.name)
            }
        }
        let order = Self.requiredRoles
        self.name = name
        self.detail = detail
        self.members = members.filter { order.contains($0.role) }.sorted { (order.firstIndex(of: $0.role) ?? 0) < (order.firstIndex(of: $1.role) ?? 0) }
            + members.filter { !order.contains($0.role) }
    }

    /// The roles every set needs.
    public static let requiredRoles = ["N_opt", "D_opt"]

    /// The canonical role for a user's spelling: `n`, `N`, `n_opt`, `params` → `N_opt`; `d`,
    /// `D`, `d_opt`, `tokens`, `data` → `D_opt`; anything else is kept as written (a metric).
    public static func role(_ text: String) -> String {
        switch text.lowercased() {
        case "n", "n_opt", "nopt", "n*", "params", "parameters": return "N_opt"
        case "d", "d_opt", "dopt", "d*", "tokens", "data": return "D_opt"
        default: return text
        }
    }

    /// Liang et al. 2024's diffusion-transformer set (arXiv:2410.08184, Section 3; presets
    /// `liang2024-n-opt`, `liang2024-d-opt`, `liang2024-loss`, `liang2024-fid`), fitted on
    /// budgets from 1e17 to 6e18 FLOP.
    public static let liang2024: ComputeFrontierSet = {
        let range: ClosedRange<Double> = 1e17...6e18
        let members: [(String, String, String)] = [
            ("N_opt", "parameters", "liang2024-n-opt"), ("D_opt", "", "liang2024-d-opt"),
            ("loss", "", "liang2024-loss"), ("FID", "", "liang2024-fid"),
        ]
        let list = members.compactMap { role, unit, preset -> Member? in
            guard let entry = LawPreset.named(preset) else { return nil }
            let source = LawSource(origin: .preset(entry.name), label: "preset \(entry.name)", detail: entry.source,
                                   law: PowerLaw(), values: entry.values)
            return Member(role: role, unit: unit, source: source, fittedRange: range)
        }
        // The members are the four presets above; `try?` cannot fail on them.
        return (try? ComputeFrontierSet(
            name: "liang2024",
            detail: "Liang et al. 2024, Scaling Laws For Diffusion Transformers (arXiv:2410.08184), Section 3: N_opt, D_opt, loss and FID as power laws of compute, fitted on 1e17–6e18 FLOP",
            members: list)) ?? ComputeFrontierSet(unchecked: "liang2024", detail: "", members: list)
    }()

    private init(unchecked name: String, detail: String, members: [Member]) {
        self.name = name
        self.detail = detail
        self.members = members
    }

    /// Law-set presets by name (`liang2024`, alias `dit2024`).
    public static func preset(named name: String) -> ComputeFrontierSet? {
        switch name.lowercased() {
        case "liang2024", "dit2024": return liang2024
        default: return nil
        }
    }

    /// The names of the law-set presets.
    public static let presetNames = ["liang2024", "dit2024"]

    /// One member's value at a budget, with the interval of its mean curve when it was fitted.
    public struct Value: Sendable, Equatable {
        /// The member's value at the budget.
        public let value: Double
        /// Lower end of the interval of the mean curve, or `nil` for a preset.
        public let lower: Double?
        /// Upper end of the interval of the mean curve, or `nil`.
        public let upper: Double?
    }

    /// One budget: every member's value in ``members`` order.
    public struct Row: Sendable, Equatable {
        /// The budget `C` in FLOP.
        public let budget: Double
        /// Every member's value, in ``ComputeFrontierSet/members`` order.
        public let values: [Value]
    }

    /// The forecast at `budgets`.
    public struct Forecast: Sendable {
        /// The law set forecast.
        public let set: ComputeFrontierSet
        /// One row per budget, in the order given.
        public let rows: [Row]
        /// Confidence level of the intervals, when any member has them.
        public let confidenceLevel: Double?
        /// How the intervals were made, per member that has them (`role: method`).
        public let intervalMethods: [String]
        /// Extrapolations beyond the fitted budgets, and allocation laws that fall with compute.
        public let warnings: [ComputeFrontierWarning]
    }

    /// Every member at each budget.
    /// - Throws: ``ForecastError/invalidBudget(_:)``, and the interval errors of a fit.
    public func forecast(budgets: [Double]) throws -> Forecast {
        var rows: [Row] = []
        var warnings: [ComputeFrontierWarning] = []
        for budget in budgets {
            guard budget.isFinite, budget > 0 else { throw ForecastError.invalidBudget(budget) }
            var values: [Value] = []
            var outside: [(role: String, range: ClosedRange<Double>)] = []
            for member in members {
                guard let law = member.source.law else { continue }
                let y = law.evaluate([budget], member.source.values)
                let i = try member.source.intervals(at: [budget])
                values.append(Value(value: y, lower: i.lower, upper: i.upper))
                if let range = member.fittedRange, !range.contains(budget) { outside.append((member.role, range)) }
            }
            // One warning per fitted range: the members fitted on the same budgets share it.
            var ranges: [ClosedRange<Double>] = []
            for entry in outside where !ranges.contains(entry.range) { ranges.append(entry.range) }
            for range in ranges {
                warnings.append(.outsideFittedRange(roles: outside.filter { $0.range == range }.map(\.role), budget: budget, range: range))
            }
            rows.append(Row(budget: budget, values: values))
        }
        let fits = members.compactMap { m in m.source.fit.map { (m.role, $0) } }
        let level = fits.first.map { $0.1.bootstrap?.confidenceLevel ?? $0.1.confidenceLevel }
        let described = members.compactMap { m in m.source.intervalMethod.map { (m.role, $0) } }
        let methods = Set(described.map(\.1)).count == 1 && described.count == members.count
            ? [described[0].1 + " (every member)"] : described.map { "\($0.0): \($0.1)" }
        for member in members where member.role == "N_opt" || member.role == "D_opt" {
            if let law = member.source.law, law.name == PowerLaw().name, let alpha = member.source.values.last, alpha > 0 {
                warnings.append(.decreasingAllocation(role: member.role, exponent: -alpha))
            }
        }
        return Forecast(set: self, rows: rows, confidenceLevel: level, intervalMethods: methods, warnings: warnings)
    }

    /// The product `6·N_opt·D_opt / C` at `budget`: 1 when the set is consistent with `C = 6ND`.
    /// Liang et al.'s D counts training samples (images × steps), so their ratio is not 1.
    public func costRatio(budget: Double) -> Double? {
        guard let n = members.first(where: { $0.role == "N_opt" }), let d = members.first(where: { $0.role == "D_opt" }),
              let ln = n.source.law, let ld = d.source.law else { return nil }
        return 6 * ln.evaluate([budget], n.source.values) * ld.evaluate([budget], d.source.values) / budget
    }
}

/// Something a reader of a frontier forecast should know. Each prints as one line.
public enum ComputeFrontierWarning: Sendable, Equatable, CustomStringConvertible {
    /// The budget lies outside the budgets the member was fitted on.
    case outsideFittedRange(roles: [String], budget: Double, range: ClosedRange<Double>)
    /// An allocation law that falls with compute.
    case decreasingAllocation(role: String, exponent: Double)

    public var description: String {
        func g(_ x: Double) -> String { String(format: "%.3g", x) }
        switch self {
        case let .outsideFittedRange(roles, budget, range):
            let factor = budget > range.upperBound ? budget / range.upperBound : range.lowerBound / budget
            return "\(roles.joined(separator: ", ")) at \(g(budget)) FLOP extrapolate\(roles.count == 1 ? "s" : "") \(g(factor))× \(budget > range.upperBound ? "beyond" : "below") the budgets fitted (\(g(range.lowerBound))–\(g(range.upperBound)) FLOP)"
        case let .decreasingAllocation(role, exponent):
            return "\(role) falls with compute (exponent \(g(exponent))): check the sign of the fitted power law"
        }
    }
}

/// Why a frontier law set cannot be made. Each prints as one line naming the option.
public enum ComputeFrontierError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The set has no law for `role` (`have` lists the roles it has).
    case missingMember(set: String, role: String, have: [String])
    /// The set names `role` twice.
    case duplicateMember(set: String, role: String)
    /// The file for `role` holds a law that is not of one variable (compute).
    case notALawOfCompute(role: String, source: String, law: String)

    public var description: String {
        switch self {
        case let .missingMember(set, role, have):
            return "--frontier-fit: the law set \(set) has no \(role) member (it has: \(have.isEmpty ? "none" : have.joined(separator: ", "))); give --frontier-fit \(role == "N_opt" ? "N" : "D")=FILE"
        case let .duplicateMember(set, role):
            return "--frontier-fit: the law set \(set) names \(role) twice"
        case let .notALawOfCompute(role, source, law):
            return "--frontier-fit \(role): \(source) holds \(law), not a law of one variable (compute); fit it with --law power-law --x x=C --x y=COLUMN"
        }
    }
}
