import Forecast
import Foundation
import ScalingLaws

extension LawSource {
    /// The law source an artifact file holds: a fit artifact (`scaling-laws fit --output`) or an
    /// iso-FLOP artifact (`scaling-laws isoflop --output`), told apart by the file's `kind`
    /// (``ArtifactFile``); a joint or curve fit is refused naming its kind. The source's label names the file as `path` gives it.
    ///
    /// ```swift
    /// let source = try LawSource.load(artifactAt: "fit.json")
    /// let (law, values) = try source.lossLaw(for: "a forecast")
    /// ```
    /// - Parameter path: the artifact's path (relative to the current directory or absolute).
    /// - Returns: `Forecast/LawSource/fit(_:path:)` or `Forecast/LawSource/isoFlop(_:path:)`.
    /// - Throws: `ScalingLaws/DataError` (`noSuchFile`, `isDirectory`, `unreadableFile`),
    ///   ``FitArtifactError``, `ScalingLaws/LawFitError` for an artifact of a law this build
    ///   does not know.
    public static func load(artifactAt path: String) throws -> LawSource {
        let data = try DataFile.read(path)
        switch try ArtifactFile.decode(data, source: path) {
        case let .fit(fit): return try LawSource.fit(fit, path: path)
        case let .isoFlop(artifact): return LawSource.isoFlop(artifact, path: path)
        case let other: throw FitArtifactError.wrongKind(source: path, kind: other.kind, expected: .fit)
        }
    }

    /// The law source of the artifact at `url` (`load(artifactAt:)` with a path, the URL's path).
    /// - Parameter url: a file URL.
    /// - Returns: the fit or iso-FLOP source.
    /// - Throws: as `load(artifactAt:)` with a path.
    public static func load(artifactAt url: URL) throws -> LawSource {
        try load(artifactAt: url.path)
    }

    /// The fit artifact at `path`; an iso-FLOP artifact is refused naming its kind.
    /// - Parameter path: the artifact's path.
    /// - Returns: a source whose `Forecast/LawSource/fit` is set.
    /// - Throws: as `load(artifactAt:)` with a path, and ``FitArtifactError/wrongKind(source:kind:expected:)``.
    public static func load(fitArtifactAt path: String) throws -> LawSource {
        let source = try load(artifactAt: path)
        guard source.fit != nil else {
            throw FitArtifactError.wrongKind(source: path, kind: .isoflop, expected: .fit)
        }
        return source
    }
}
