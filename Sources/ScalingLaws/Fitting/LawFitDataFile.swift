import Foundation

extension LawFit {
    /// The data file this fit was made from, the first that exists of: the path recorded as
    /// given to `fit` (relative to the current directory), the recorded absolute path, the
    /// file's display name in the current directory, that name beside the artifact at
    /// `artifactPath`. Older artifacts record the name only.
    /// - Parameter artifactPath: where the fit artifact was read from.
    /// - Returns: the path to read and the name messages use for it (the recorded display name
    ///   when found through a recorded path), or `nil` when none exists.
    public func recordedDataFile(artifactPath: String) -> (path: String, name: String)? {
        let manager = FileManager.default
        let name = data.source
        if let path = data.path, manager.fileExists(atPath: path) { return (path, name) }
        if let absolute = data.absolutePath, manager.fileExists(atPath: absolute) { return (absolute, name) }
        if manager.fileExists(atPath: name) { return (name, name) }
        let beside = URL(fileURLWithPath: artifactPath).deletingLastPathComponent().appendingPathComponent(name).path
        if !name.hasPrefix("/"), manager.fileExists(atPath: beside) { return (beside, beside) }
        return nil
    }

    /// The rows `specification` selects, read with this fit's law's roles
    /// (``resolvedLaw()``). With `record` (the fit's own input, unchanged) the rows must be
    /// those the fit was made from (``InputRecord/verify(_:artifact:)``).
    /// - Parameters:
    ///   - specification: the file, columns and selection to read.
    ///   - record: the fit's recorded input to check against, or `nil`.
    ///   - artifactPath: the artifact's path, for messages.
    /// - Returns: the selection read.
    /// - Throws: ``InputError/dataMismatch(artifact:source:reason:)``, and the errors of
    ///   reading and resolving columns, naming file, line and column.
    public func rows(_ specification: InputSpecification, checkedAgainst record: InputRecord?, artifactPath: String) throws -> InputSelection {
        let selection = try specification.load(for: try resolvedLaw())
        if let record { try record.verify(selection, artifact: artifactPath) }
        return selection
    }
}
