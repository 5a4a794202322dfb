/// Why a notebook stopped before its verdict.
public enum NotebookError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A bad command line: what was wrong and what was expected.
    case usage(String)
    /// `--help` was asked for.
    case help
    /// The shared data this notebook needs is not there (the run is skipped, not failed).
    case missingData(needs: [String], searched: [String])
    /// A result the notebook needs did not come out (what and why).
    case failed(String)
    /// A CSV file could not be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .usage(message):
            return message
        case .help:
            return "help requested"
        case let .missingData(needs, searched):
            let list = needs.map { "../shared/datasets/\($0)" }.joined(separator: ", ")
            let places = searched.isEmpty ? "" : " (looked in: \(searched.joined(separator: ", ")))"
            return "this notebook needs \(list); the shared datasets folder was not found\(places). "
                + "Put the datasets at ../shared/datasets beside the package or set SCALING_LAWS_SHARED to the folder that holds datasets/"
        case let .failed(message):
            return message
        case let .cannotWrite(path, reason):
            return "cannot write '\(path)': \(reason)"
        }
    }
}
