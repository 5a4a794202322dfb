/// A law whose data must satisfy a domain condition beyond what ``ScalingLaw/inputs`` declare
/// (positivity): for example benchmark scores in [0, 1] for the sigmoid laws.
///
/// A fitter calls ``validate(_:)`` on the dataset before fitting:
///
/// ```swift
/// if let law = law as? any LawDataValidation { try law.validate(data) }
/// ```
public protocol LawDataValidation: ScalingLaw {
    /// Checks the dataset's columns (keyed by the law's roles).
    ///
    /// - Throws: ``LawDomainError`` naming the file, line and column of the first bad value,
    ///   or ``DataError/missingColumn(source:column:suggestion:available:)``.
    func validate(_ data: Dataset) throws
}

/// A value outside the domain a law is defined on.
public enum LawDomainError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A score outside `[lower, upper]` (the unit interval for normalised benchmark scores).
    case scoreOutOfRange(source: String, line: Int, column: String, value: Double, lower: Double, upper: Double, law: String)

    /// The exact one-line message shown to users, in the style of ``DataError``.
    public var description: String {
        switch self {
        case let .scoreOutOfRange(source, line, column, value, lower, upper, law):
            return MessageText.line(
                "\(MessageText.escaped(source)), line \(line), column \(MessageText.quoted(column)): expected a score in "
                    + "[\(DataMessage.formatNumber(lower)), \(DataMessage.formatNumber(upper))] for the \(law) law "
                    + "(normalise so chance = 0 and best = 1), got \(DataMessage.formatNumber(value))")
        }
    }
}

extension Dataset {
    /// Checks that every value of `column` lies in `[lower, upper]`.
    ///
    /// - Throws: ``LawDomainError/scoreOutOfRange(source:line:column:value:lower:upper:law:)`` for the
    ///   first row outside, ``DataError/missingColumn(source:column:suggestion:available:)``.
    func requireScoreRange(_ column: String, lower: Double, upper: Double, law: String) throws {
        let key = try resolvedName(column)
        let values = columns[key] ?? []
        for r in values.indices where !(values[r] >= lower && values[r] <= upper) {
            throw LawDomainError.scoreOutOfRange(
                source: source, line: rowLines[r], column: label(of: key), value: values[r],
                lower: lower, upper: upper, law: law)
        }
    }
}
