import ArgumentParser
import Foundation
import ScalingLaws

/// Standard output for results, standard error for everything else.
enum Console {
    /// Writes `text` to standard output as is.
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes one diagnostic line to standard error.
    static func note(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Runs a command body. Any error becomes one line `error: <description>` on standard
    /// error and exit status 1; nothing is printed to standard output.
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            note("error: \(message(for: error))")
            throw ExitCode.failure
        }
    }

    /// The one-line description of an error: the library's own message (`DataError`,
    /// `FitError`, `LawFitError`, … are `CustomStringConvertible` with exact messages).
    static func message(for error: any Error) -> String {
        let text = String(describing: error)
        // One line, whatever the message holds.
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

/// Errors of the command layer itself.
enum CLIError: Error, Equatable, CustomStringConvertible {
    case unknownLaw(name: String, known: [String])
    case unknownPreset(name: String, known: [String])
    case invalidNumber(option: String, text: String, expected: String)
    case cannotWrite(path: String, reason: String)
    case unsupportedLaw(source: String, law: String, command: String, needed: String)
    case missingParameter(source: String, name: String)
    case incompatibleInputs(law: String, inputs: [String])
    case missingData(fit: String, path: String)
    case missingRole(source: String, role: String, tried: [String])

    /// One line by construction: user text goes through ``MessageText`` (``q(_:)``, ``e(_:)``).
    var description: String {
        MessageText.line(message)
    }

    private func q(_ text: String) -> String { MessageText.quoted(text) }
    private func e(_ text: String) -> String { MessageText.escaped(text) }

    private var message: String {
        switch self {
        case let .unknownLaw(name, known):
            if let near = LawRegistry.nearestName(to: name) {
                return "unknown law \(q(name)); did you mean \(q(near))? (see 'scaling-laws laws')"
            }
            return "unknown law \(q(name)): not in the catalog and not a formula (see 'scaling-laws laws')"
        case let .unknownPreset(name, known):
            return "unknown preset \(q(name)) (presets: \(known.map(e).joined(separator: ", ")))"
        case let .invalidNumber(option, text, expected):
            return "invalid \(e(option)) \(q(text)): expected \(e(expected))"
        case let .cannotWrite(path, reason):
            return "cannot write \(e(path)): \(e(reason))"
        case let .unsupportedLaw(source, law, command, needed):
            return "\(e(source)): \(q(command)) needs a \(e(needed)) fit, but the file holds a fit of \(q(law))"
        case let .missingParameter(source, name):
            return "\(e(source)): the fit has no parameter \(q(name))"
        case let .incompatibleInputs(law, inputs):
            return "law \(q(law)) takes inputs \(inputs.map(e).joined(separator: ", ")); give them with --points FILE"
        case let .missingData(fit, path):
            return "\(e(fit)): cannot find the data file \(q(path)) recorded in the fit (looked in the current directory and beside the fit); give it with --data FILE"
        case let .missingRole(source, role, tried):
            return "\(e(source)): no column for \(e(role)) (tried \(tried.map(q).joined(separator: ", "))); name it with --x \(e(role))=COLUMN"
        }
    }
}
