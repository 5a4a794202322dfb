import Foundation
import Reports
import ScalingLaws

/// Where a command's law parameters come from: a fit artifact or a named preset.
struct ParameterSource {
    let law: any ScalingLaw
    let values: [Double]
    /// `fit fit.json` or `preset epoch2024`.
    let label: String
    /// A sentence about the origin.
    let detail: String
    /// The artifact, when loaded from a file.
    let fit: LawFit?

    /// Loads a fit artifact.
    /// - Throws: ``DataError/noSuchFile(path:)``, ``FitArtifactError``, ``CLIError/unknownLaw(name:known:)``.
    static func artifact(path: String) throws -> ParameterSource {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw DataError.noSuchFile(path: path)
        }
        guard !isDirectory.boolValue else { throw DataError.isDirectory(path: path) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DataError.unreadableFile(path: path, reason: error.localizedDescription)
        }
        let fit = try FitArtifact.decode(data, source: path)
        let law = try fit.resolvedLaw()
        let detail = "\(fit.law) fitted to \(fit.data.source) (\(fit.data.rows) rows, digest fnv1a64:\(fit.data.digest)) by \(fit.tool) \(fit.toolVersion)"
        return ParameterSource(law: law, values: fit.values, label: "fit \(path)", detail: detail, fit: fit)
    }

    /// A named preset: Chinchilla constants or, with `dataConstrained`, the constants of the
    /// data-constrained law (Muennighoff et al. 2023; `muennighoff-c4` names both, the base fit
    /// being Chinchilla's).
    /// - Throws: ``CLIError/unknownPreset(name:known:)``.
    static func preset(_ name: String, dataConstrained: Bool = false) throws -> ParameterSource {
        if dataConstrained, let entry = DataConstrainedParameters.presets.first(where: { $0.name == name.lowercased() }) {
            return ParameterSource(
                law: DataConstrainedLaw(), values: entry.parameters.vector, label: "preset \(entry.name)",
                detail: entry.source, fit: nil)
        }
        guard let entry = ChinchillaParameters.presets.first(where: { $0.name == name.lowercased() }) else {
            throw CLIError.unknownPreset(name: name, known: ChinchillaParameters.presets.map(\.name))
        }
        return ParameterSource(
            law: ChinchillaLaw(), values: entry.parameters.vector, label: "preset \(entry.name)",
            detail: entry.source, fit: nil)
    }

    /// Confidence (mean curve) and prediction (new run) intervals of the law at `x`: from the
    /// fit's bootstrap draws when the artifact stores a bootstrap, else from the delta method on
    /// its covariance; all `nil` for a preset.
    func intervals(at x: [Double]) throws -> (lower: Double?, upper: Double?, predictionLower: Double?, predictionUpper: Double?) {
        guard let fit else { return (nil, nil, nil, nil) }
        if let boot = try fit.bootstrapPrediction(x) {
            return (boot.confidence.lower, boot.confidence.upper, boot.prediction.lower, boot.prediction.upper)
        }
        let delta = try fit.predict(x)
        return (delta.lower, delta.upper, delta.predictionLower, delta.predictionUpper)
    }

    /// How ``intervals(at:)`` makes its intervals, for the reports.
    var intervalMethod: String? {
        guard let fit else { return nil }
        if let boot = fit.bootstrap {
            return "bootstrap percentiles (\(boot.draws.count) draws, \(boot.kind), seed \(boot.seed))"
        }
        return fit.covariance == nil ? nil : "delta method on the fit's covariance (\(fit.intervals))"
    }

    /// The Chinchilla constants, for compute-optimal allocation.
    /// - Throws: ``CLIError/unsupportedLaw(source:law:command:needed:)`` for another law,
    ///   ``CLIError/missingParameter(source:name:)``.
    func chinchillaParameters(command: String) throws -> ChinchillaParameters {
        guard law is ChinchillaLaw else {
            throw CLIError.unsupportedLaw(source: label, law: law.name, command: command, needed: "chinchilla")
        }
        func value(_ name: String) throws -> Double {
            guard let k = law.parameterIndex(name), k < values.count else {
                throw CLIError.missingParameter(source: label, name: name)
            }
            return values[k]
        }
        return ChinchillaParameters(
            e: try value("E"), a: try value("A"), b: try value("B"), alpha: try value("alpha"), beta: try value("beta"))
    }
}
