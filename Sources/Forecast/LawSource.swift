import Foundation
import ScalingLaws

/// Where a command's law comes from: a fit artifact, a named preset, a law given by value
/// (a catalog law or a formula with every parameter set), or an iso-FLOP artifact (the
/// Approach-2 frontier, which allocates compute but has no loss law). `optimal`, `forecast`,
/// `predict` and `plot` take any of them; a source that cannot answer a request refuses with
/// ``LawSourceError/cannot(source:request:can:)``, one line saying what it can do.
public struct LawSource: Sendable {
    /// The kind of source.
    public enum Origin: Sendable {
        /// A fit artifact (`--fit FILE`).
        case fit(LawFit)
        /// A named preset (`--preset NAME`).
        case preset(String)
        /// A law given by value (`--law NAME --param …`, or a formula with every parameter set).
        case given
        /// An iso-FLOP artifact: the Approach-2 frontier, which allocates compute but has no loss law.
        case isoFlop(IsoFlopArtifact)
        /// A compute-frontier law set (``ComputeFrontierSet``): N_opt, D_opt and metrics as laws
        /// of compute, from a preset (`liang2024`) or from the user's fits.
        case lawSet(ComputeFrontierSet)
    }

    /// The kind of source, with its artifact.
    public let origin: Origin
    /// `fit f.json`, `preset epoch2024`, `law chinchilla`, `iso-FLOP iso.json`.
    public let label: String
    /// A sentence about the origin.
    public let detail: String
    /// The loss law and its values; `nil` for an iso-FLOP artifact.
    public let law: (any ScalingLaw)?
    /// The law's parameter values, in its order (empty for an iso-FLOP artifact).
    public let values: [Double]

    /// The fit artifact, for a fit source.
    public var fit: LawFit? {
        if case let .fit(fit) = origin { return fit }
        return nil
    }

    /// The iso-FLOP artifact, for an iso-FLOP source.
    public var isoFlop: IsoFlopArtifact? {
        if case let .isoFlop(artifact) = origin { return artifact }
        return nil
    }

    /// The compute-frontier law set, for a law-set source.
    public var lawSet: ComputeFrontierSet? {
        if case let .lawSet(set) = origin { return set }
        return nil
    }

    /// What the source can answer, for refusals: `a loss law L(N, D) …` or the frontier.
    public var capabilities: String {
        switch origin {
        case .isoFlop:
            return "the compute-optimal frontier N*(C), D*(C) with intervals ('optimal', 'forecast', 'plot --kind isoflop|isoflop-frontier'), and no loss"
        case let .lawSet(set):
            return "\(set.members.map(\.role).joined(separator: ", ")) at a compute budget ('optimal', 'forecast')"
        default:
            let law = law?.name ?? "?"
            return "the \(law) law's predictions ('predict', 'plot'), and compute-optimal allocations for laws of (N, D)"
        }
    }

    /// A fit artifact loaded from `path`.
    /// - Throws: `LawFitError` when the artifact names a law this build does not know.
    public static func fit(_ fit: LawFit, path: String) throws -> LawSource {
        let detail = "\(fit.law) fitted to \(fit.data.source) (\(fit.data.rows) rows, digest fnv1a64:\(fit.data.digest)) by \(fit.tool) \(fit.toolVersion)"
        return LawSource(origin: .fit(fit), label: "fit \(path)", detail: detail, law: try fit.resolvedLaw(), values: fit.values)
    }

    /// An iso-FLOP artifact loaded from `path`.
    public static func isoFlop(_ artifact: IsoFlopArtifact, path: String) -> LawSource {
        LawSource(origin: .isoFlop(artifact), label: "iso-FLOP \(path)", detail: artifact.detail, law: nil, values: [])
    }

    /// A named preset of any family (`ScalingLaws/LawPreset/all`: Chinchilla, Kaplan, the DiT
    /// power laws, data-constrained) or a law-set preset (``ComputeFrontierSet/preset(named:)``,
    /// `liang2024`). With `dataConstrained`, `muennighoff-c4` is the data-constrained law
    /// (Muennighoff et al. 2023) rather than its Chinchilla base fit.
    /// - Throws: ``LawSourceError/unknownPreset(name:known:)`` listing every preset.
    public static func preset(_ name: String, dataConstrained: Bool = false) throws -> LawSource {
        if let set = ComputeFrontierSet.preset(named: name) {
            return LawSource(origin: .lawSet(set), label: "preset \(set.name)", detail: set.detail, law: nil, values: [])
        }
        guard let entry = LawPreset.named(name, dataConstrained: dataConstrained),
              let law = LawRegistry.law(named: entry.law) else {
            throw LawSourceError.unknownPreset(name: name, known: presetNames)
        }
        return LawSource(
            origin: .preset(entry.name), label: "preset \(entry.name)", detail: entry.source, law: law, values: entry.values)
    }

    /// Every preset name `--preset` accepts: the law-set presets, then each law's.
    public static var presetNames: [String] {
        ComputeFrontierSet.presetNames + LawPreset.names
    }

    /// A compute-frontier law set built from the user's sources.
    public static func lawSet(_ set: ComputeFrontierSet) -> LawSource {
        LawSource(origin: .lawSet(set), label: set.name, detail: set.detail, law: nil, values: [])
    }

    /// A law given by value: every parameter of `law` named in `values`.
    /// - Throws: ``LawSourceError/unknownParameter(law:name:known:)`` and
    ///   ``LawSourceError/missingValue(law:name:known:)``.
    public static func given(_ law: any ScalingLaw, values: [String: Double]) throws -> LawSource {
        let known = law.parameters.map(\.name)
        for name in values.keys.sorted() where law.parameterIndex(name) == nil {
            throw LawSourceError.unknownParameter(law: law.name, name: name, known: known)
        }
        let vector = try law.parameters.map { p in
            guard let v = values[p.name] else { throw LawSourceError.missingValue(law: law.name, name: p.name, known: known) }
            return v
        }
        let assignments = law.parameters.map { "\($0.name) = \(String(format: "%g", values[$0.name] ?? .nan))" }.joined(separator: ", ")
        return LawSource(
            origin: .given, label: "law \(law.name)", detail: "\(law.formula) with \(assignments), given by value",
            law: law, values: vector)
    }

    /// The loss law and its values.
    /// - Throws: ``LawSourceError/cannot(source:request:can:)`` for an iso-FLOP artifact.
    public func lossLaw(for request: String) throws -> (law: any ScalingLaw, values: [Double]) {
        guard let law else { throw LawSourceError.cannot(source: label, request: request, can: capabilities) }
        return (law, values)
    }

    /// The Chinchilla constants, for compute-optimal allocation in closed form.
    /// - Throws: ``LawSourceError/unsupportedLaw(source:law:command:needed:)`` for another law,
    ///   ``LawSourceError/cannot(source:request:can:)`` for an iso-FLOP artifact.
    public func chinchillaParameters(command: String) throws -> ChinchillaParameters {
        let (law, values) = try lossLaw(for: "'\(command)' with a Chinchilla loss law")
        guard law.name == ChinchillaLaw().name else {
            throw LawSourceError.unsupportedLaw(source: label, law: law.name, command: command, needed: "chinchilla")
        }
        func value(_ name: String) throws -> Double {
            guard let k = law.parameterIndex(name), k < values.count else {
                throw LawSourceError.missingParameter(source: label, name: name)
            }
            return values[k]
        }
        return ChinchillaParameters(
            e: try value("E"), a: try value("A"), b: try value("B"), alpha: try value("alpha"), beta: try value("beta"))
    }

    /// Confidence (mean curve) and prediction (new run) intervals of the law at `x`: from the
    /// fit's bootstrap draws when the artifact stores a bootstrap, else from the delta method on
    /// its covariance; all `nil` for a preset or a law given by value.
    public func intervals(at x: [Double]) throws -> (lower: Double?, upper: Double?, predictionLower: Double?, predictionUpper: Double?) {
        guard let fit else { return (nil, nil, nil, nil) }
        if let boot = try fit.bootstrapPrediction(x) {
            return (boot.confidence.lower, boot.confidence.upper, boot.prediction.lower, boot.prediction.upper)
        }
        let delta = try fit.predict(x)
        return (delta.lower, delta.upper, delta.predictionLower, delta.predictionUpper)
    }

    /// How ``intervals(at:)`` makes its intervals, for the reports.
    public var intervalMethod: String? {
        switch origin {
        case let .fit(fit):
            if let boot = fit.bootstrap {
                return "bootstrap percentiles (\(boot.draws.count) draws, \(boot.kind), seed \(boot.seed))"
            }
            return fit.covariance == nil ? nil : "delta method on the fit's covariance (\(fit.intervals))"
        case .isoFlop:
            return "Student-t interval of the log-log least-squares line (covariance of log k and the exponent)"
        case .preset, .given, .lawSet:
            return nil
        }
    }
}

/// Why a law source cannot be made or cannot answer. Every case prints as one line.
public enum LawSourceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No preset has the name (`known` lists them).
    case unknownPreset(name: String, known: [String])
    /// The source's law is not one `command` can use (`needed` says which it can).
    case unsupportedLaw(source: String, law: String, command: String, needed: String)
    /// The source has no value for parameter `name`.
    case missingParameter(source: String, name: String)
    /// `--param` names a parameter the law does not have.
    case unknownParameter(law: String, name: String, known: [String])
    /// `--law` was given without a value for parameter `name` (`known` lists the law's parameters).
    case missingValue(law: String, name: String, known: [String])
    /// The source cannot answer `request`; `can` says what it can do.
    case cannot(source: String, request: String, can: String)

    public var description: String {
        switch self {
        case let .unknownPreset(name, known):
            return "unknown preset '\(name)' (presets: \(known.joined(separator: ", ")))"
        case let .unsupportedLaw(source, law, command, needed):
            return "\(source): '\(command)' needs a \(needed) fit, but the file holds a fit of '\(law)'"
        case let .missingParameter(source, name):
            return "\(source): the fit has no parameter '\(name)'"
        case let .unknownParameter(law, name, known):
            return "invalid --param '\(name)': law \(law) has no such parameter (its parameters: \(known.joined(separator: ", ")))"
        case let .missingValue(law, name, known):
            return "--law \(law) needs --param \(name)=VALUE (its parameters: \(known.joined(separator: ", ")))"
        case let .cannot(source, request, can):
            return "\(source) cannot give \(request): it gives \(can)"
        }
    }
}
