import Foundation
import ScalingLaws

/// The saved form of a curve fit (`scaling-laws curve fit --output`): the `ScalingLaws/CurveFit`
/// as JSON (law and its fixed settings, the fit, runs, first steps, logs and columns read, the
/// held-out model error) with `kind: "curve-fit"` and its `schemaVersion`, read by
/// `curve predict`, `curve choose`, `predict --curve/--schedule` and `plot`.
public enum CurveFitArtifact {
    /// The artifact's bytes (UTF-8 JSON, ending in a newline).
    /// - Throws: ``ReportError/encoding(_:)``.
    public static func encode(_ fit: CurveFit) throws -> Data {
        try ArtifactFile.encode(fit, kind: .curveFit)
    }

    /// Reads a curve-fit artifact, including one written before curve fits carried their kind.
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - source: The file name used in messages.
    /// - Throws: ``FitArtifactError/invalid(source:kind:reason:)`` for bytes that are no artifact,
    ///   ``FitArtifactError/wrongKind(source:kind:expected:)`` for an artifact of another kind, and the
    ///   other ``FitArtifactError`` cases.
    public static func decode(_ data: Data, source: String) throws -> CurveFit {
        let artifact: Artifact
        do {
            artifact = try ArtifactFile.decode(data, source: source)
        } catch let FitArtifactError.notAnArtifact(source, reason) {
            throw FitArtifactError.invalid(source: source, kind: .curveFit, reason: reason)
        }
        guard case let .curveFit(fit) = artifact else {
            throw FitArtifactError.wrongKind(source: source, kind: artifact.kind, expected: .curveFit)
        }
        return fit
    }
}
