import Foundation
import ScalingLaws

/// JSON as every renderer writes it: pretty-printed, sorted keys, slashes unescaped, and
/// non-finite numbers as the strings `"nan"`, `"inf"`, `"-inf"` (plain JSON has no such numbers).
public enum ReportJSON {
    /// The encoder used for reports and fit artifacts.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// The matching decoder.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    /// `value` as JSON text ending in a newline.
    /// - Throws: ``ReportError/encoding(_:)``.
    public static func string<T: Encodable>(_ value: T) throws -> String {
        do {
            let data = try encoder().encode(value)
            return String(decoding: data, as: UTF8.self) + "\n"
        } catch {
            throw ReportError.encoding(String(describing: error))
        }
    }
}

/// The saved form of a fit: the ``ScalingLaws/LawFit`` as JSON, self-contained (law, formula,
/// parameters with standard errors and intervals, covariance, data digest, options, tool
/// version), written by `scaling-laws fit --output` and read by `optimal` and `predict`.
public enum FitArtifact {
    /// The artifact's bytes (UTF-8 JSON, ending in a newline).
    /// - Throws: ``ReportError/encoding(_:)``.
    public static func encode(_ fit: LawFit) throws -> Data {
        Data(try ReportJSON.string(fit).utf8)
    }

    /// Reads an artifact.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - source: The file name used in messages.
    /// - Throws: ``FitArtifactError/notAnArtifact(source:reason:)``.
    public static func decode(_ data: Data, source: String) throws -> LawFit {
        do {
            return try ReportJSON.decoder().decode(LawFit.self, from: data)
        } catch let error as DecodingError {
            throw FitArtifactError.notAnArtifact(source: source, reason: describe(error))
        } catch {
            throw FitArtifactError.notAnArtifact(source: source, reason: String(describing: error))
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "" : " at '\(keys.joined(separator: "."))'"
        }
        switch error {
        case let .keyNotFound(key, context):
            return "missing key '\(key.stringValue)'\(path(context))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "unexpected value\(path(context))"
        case let .dataCorrupted(context):
            return context.codingPath.isEmpty ? "not valid JSON" : "invalid value\(path(context))"
        @unknown default:
            return "unreadable"
        }
    }
}

/// A file that is not a fit artifact.
public enum FitArtifactError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAnArtifact(source: String, reason: String)

    /// One line by construction: the file name and the reason (which holds keys from the file)
    /// go through ``ScalingLaws/MessageText``.
    public var description: String {
        switch self {
        case let .notAnArtifact(source, reason):
            return MessageText.line(
                "\(MessageText.escaped(source)): not a fit artifact written by 'scaling-laws fit --output' (\(MessageText.escaped(reason)))")
        }
    }
}
