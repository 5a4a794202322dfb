/// Why a figure cannot be drawn. Every case prints as one exact sentence.
public enum PlotError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The kind does not apply to the fitted law.
    case notApplicable(kind: PlotKind, law: String, needs: String, has: String)
    /// Nothing left to draw (no row the axes can show).
    case nothingToDraw(kind: PlotKind, reason: String)

    public var description: String {
        switch self {
        case let .notApplicable(kind, law, needs, has):
            return "plot kind '\(kind.rawValue)' needs \(needs), but law '\(law)' \(has)"
        case let .nothingToDraw(kind, reason):
            return "plot kind '\(kind.rawValue)': nothing to draw: \(reason)"
        }
    }
}
