import Forecast
import Foundation
import Reports
import ScalingLaws

/// Loading fit artifacts for the decision commands (`score`, `filtering`, `utd`, `forecast --score-fit`).
enum FitFile {
    /// The fit saved in `path` by 'scaling-laws fit --output'.
    /// - Throws: as `Reports/LawSource/load(fitArtifactAt:)`.
    static func load(_ path: String) throws -> LawFit {
        guard let fit = try LawSource.load(fitArtifactAt: path).fit else { throw DataError.noSuchFile(path: path) }
        return fit
    }

    /// The fit in `path`, which must be of law `law`.
    /// - Throws: ``CLIError/unsupportedLaw(source:law:command:needed:)`` for another law.
    static func load(_ path: String, law: String, command: String) throws -> LawFit {
        let fit = try load(path)
        guard fit.law == law else { throw CLIError.unsupportedLaw(source: "fit \(path)", law: fit.law, command: command, needed: law) }
        return fit
    }

    /// `NAME=VALUE` split at the first `=`, or `nil`.
    static func pair(_ text: String) -> (String, String)? {
        guard let eq = text.firstIndex(of: "=") else { return nil }
        let name = text[..<eq].trimmingCharacters(in: .whitespaces)
        let value = text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        return name.isEmpty || value.isEmpty ? nil : (name, value)
    }

    /// `LO:HI` with `0 < LO < HI`.
    /// - Throws: ``CLIError/invalidNumber(option:text:expected:)``.
    static func range(_ text: String, option: String, what: String) throws -> ClosedRange<Double> {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let expected = "LOW:HIGH with 0 < LOW < HIGH (\(what))"
        guard parts.count == 2, let lo = Syntax.number(String(parts[0])), let hi = Syntax.number(String(parts[1])),
              lo.isFinite, hi.isFinite, lo > 0, hi > lo else {
            throw CLIError.invalidNumber(option: option, text: text, expected: expected)
        }
        return lo...hi
    }

    /// A positive finite number.
    /// - Throws: ``CLIError/invalidNumber(option:text:expected:)``.
    static func positive(_ text: String, option: String, what: String) throws -> Double {
        guard let value = Syntax.number(text), value.isFinite, value > 0 else {
            throw CLIError.invalidNumber(option: option, text: text, expected: what)
        }
        return value
    }
}
