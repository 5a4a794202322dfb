import Forecast
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

/// The kinds of JSON artifact the tool writes and reads back. Every artifact file carries its
/// `kind` and the `schemaVersion` it was written with beside the payload's own keys.
public enum ArtifactKind: String, Sendable, CaseIterable {
    /// A fitted law (`fit --output`), `ScalingLaws/LawFit`.
    case fit
    /// An Approach-2 result (`isoflop --output`), `Forecast/IsoFlopArtifact`.
    case isoflop
    /// A joint fit of groups with shared parameters (`fit --by COLUMN --shared NAMES --output`),
    /// `ScalingLaws/SharedParameterFit`.
    case sharedFit = "shared-fit"
    /// A fitted loss-curve law over runs' schedules (`curve fit --output`), `ScalingLaws/CurveFit`.
    case curveFit = "curve-fit"

    /// `a fit artifact written by 'scaling-laws fit --output'`.
    public var phrase: String {
        switch self {
        case .fit: return "a fit artifact written by 'scaling-laws fit --output'"
        case .isoflop: return "an iso-FLOP artifact written by 'scaling-laws isoflop --output'"
        case .sharedFit: return "a joint fit artifact written by 'scaling-laws fit --by COLUMN --shared NAMES --output'"
        case .curveFit: return "a curve fit written by 'scaling-laws curve fit --output'"
        }
    }
}

/// An artifact read back: a fit or an iso-FLOP result.
public enum Artifact: Sendable {
    /// A law fit (`fit --output`).
    case fit(LawFit)
    /// An iso-FLOP result (`isoflop --output`).
    case isoFlop(IsoFlopArtifact)
    /// A joint fit of groups with shared parameters (`fit --by COLUMN --shared NAMES --output`).
    case sharedFit(SharedParameterFit)
    /// A loss-curve law fitted to runs' logs under their schedules (`curve fit --output`).
    case curveFit(CurveFit)

    /// The artifact's kind, as its file names it.
    public var kind: ArtifactKind {
        switch self {
        case .fit: return .fit
        case .isoFlop: return .isoflop
        case .sharedFit: return .sharedFit
        case .curveFit: return .curveFit
        }
    }
}

/// Writing and reading versioned artifacts.
///
/// Schema versions: 1 is a fit or curve-fit artifact without `schemaVersion` and `kind` keys
/// (written before they were added; still read, told apart by their keys); 2 adds both keys and
/// the iso-FLOP, joint-fit and curve-fit kinds. A reader
/// refuses a newer version with the version it would need, an unknown kind by name, and a
/// missing or mistyped key by its path.
public enum ArtifactFile {
    /// The schema version this build writes, and the newest it reads.
    public static let schemaVersion = 2

    /// `value` as artifact bytes (UTF-8 JSON, ending in a newline), with `kind` and `schemaVersion`.
    /// - Throws: ``ReportError/encoding(_:)``.
    public static func encode<T: Encodable>(_ value: T, kind: ArtifactKind) throws -> Data {
        Data(try ReportJSON.string(Versioned(payload: value, kind: kind.rawValue, schemaVersion: schemaVersion)).utf8)
    }

    /// Reads an artifact of any kind.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - source: The file name used in messages.
    /// - Throws: ``FitArtifactError``.
    public static func decode(_ data: Data, source: String) throws -> Artifact {
        let header: Header
        do {
            header = try ReportJSON.decoder().decode(Header.self, from: data)
        } catch let error as DecodingError {
            throw FitArtifactError.notAnArtifact(source: source, reason: describe(error))
        } catch {
            throw FitArtifactError.notAnArtifact(source: source, reason: String(describing: error))
        }
        let version = header.schemaVersion ?? 1
        guard version <= schemaVersion else {
            throw FitArtifactError.newerSchema(source: source, version: version, supported: schemaVersion)
        }
        guard version >= 1 else {
            throw FitArtifactError.notAnArtifact(source: source, reason: "invalid value at 'schemaVersion': expected 1 to \(schemaVersion), got \(version)")
        }
        let kind: ArtifactKind
        if header.schemaVersion == nil {
            // Version 1: a fit, or a curve fit written before curve fits carried their kind.
            if header.kind == nil, let curveFit = try? ReportJSON.decoder().decode(CurveFit.self, from: data) {
                return .curveFit(curveFit)
            }
            kind = .fit
        } else {
            guard let name = header.kind else {
                throw FitArtifactError.notAnArtifact(source: source, reason: "missing key 'kind'")
            }
            guard let known = ArtifactKind(rawValue: name) else {
                throw FitArtifactError.unknownKind(source: source, kind: name)
            }
            kind = known
        }
        do {
            switch kind {
            case .fit: return .fit(try ReportJSON.decoder().decode(LawFit.self, from: data))
            case .isoflop: return .isoFlop(try ReportJSON.decoder().decode(IsoFlopArtifact.self, from: data))
            case .sharedFit: return .sharedFit(try ReportJSON.decoder().decode(SharedParameterFit.self, from: data))
            case .curveFit: return .curveFit(try ReportJSON.decoder().decode(CurveFit.self, from: data))
            }
        } catch {
            let reason = (error as? DecodingError).map(describe) ?? String(describing: error)
            throw kind == .fit
                ? FitArtifactError.notAnArtifact(source: source, reason: reason)
                : FitArtifactError.invalid(source: source, kind: kind, reason: reason)
        }
    }

    /// The payload's keys, then `kind` and `schemaVersion` in the same JSON object.
    private struct Versioned<T: Encodable>: Encodable {
        let payload: T
        let kind: String
        let schemaVersion: Int

        enum CodingKeys: String, CodingKey { case kind, schemaVersion }

        func encode(to encoder: any Encoder) throws {
            try payload.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(schemaVersion, forKey: .schemaVersion)
        }
    }

    /// The two keys every versioned artifact has (absent in version 1).
    private struct Header: Decodable {
        let schemaVersion: Int?
        let kind: String?
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "" : " at '\(keys.joined(separator: "."))'"
        }
        func typeName(_ type: Any.Type) -> String {
            switch type {
            case is Double.Type, is Float.Type: return "a number"
            case is Int.Type, is UInt64.Type, is Int64.Type, is UInt.Type: return "an integer"
            case is String.Type: return "a string"
            case is Bool.Type: return "true or false"
            default:
                let name = String(describing: type)
                if name.hasPrefix("Array") { return "a list" }
                if name.hasPrefix("Dictionary") { return "an object" }
                return "an object"
            }
        }
        switch error {
        case let .keyNotFound(key, context):
            return "missing key '\(key.stringValue)'\(path(context))"
        case let .typeMismatch(type, context):
            return "expected \(typeName(type))\(path(context))"
        case let .valueNotFound(type, context):
            return "expected \(typeName(type))\(path(context)), got null"
        case let .dataCorrupted(context):
            return context.codingPath.isEmpty ? "not valid JSON" : "invalid value\(path(context))"
        @unknown default:
            return "unreadable"
        }
    }
}

/// The saved form of a fit: the `ScalingLaws/LawFit` as JSON, self-contained (law, formula,
/// parameters with standard errors and intervals, covariance, data digest, options, tool
/// version), with `kind: "fit"` and its `schemaVersion`, written by `scaling-laws fit --output`
/// and read by `optimal`, `forecast`, `predict`, `plot` and `score`.
public enum FitArtifact {
    /// The artifact's bytes (UTF-8 JSON, ending in a newline).
    /// - Throws: ``ReportError/encoding(_:)``.
    public static func encode(_ fit: LawFit) throws -> Data {
        try ArtifactFile.encode(fit, kind: .fit)
    }

    /// Reads a fit artifact (any schema version up to ``ArtifactFile/schemaVersion``).
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - source: The file name used in messages.
    /// - Throws: ``FitArtifactError``, ``FitArtifactError/wrongKind(source:kind:expected:)`` for an artifact of another kind.
    public static func decode(_ data: Data, source: String) throws -> LawFit {
        let artifact = try ArtifactFile.decode(data, source: source)
        guard case let .fit(fit) = artifact else {
            throw FitArtifactError.wrongKind(source: source, kind: artifact.kind, expected: .fit)
        }
        return fit
    }
}

/// A file that is not a readable artifact. Every case prints as one line.
public enum FitArtifactError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not JSON, or no artifact header.
    case notAnArtifact(source: String, reason: String)
    /// An artifact of `kind` with a missing or mistyped key.
    case invalid(source: String, kind: ArtifactKind, reason: String)
    /// Written by a newer version of the tool.
    case newerSchema(source: String, version: Int, supported: Int)
    /// A `kind` this build does not know.
    case unknownKind(source: String, kind: String)
    /// An artifact of another kind than the command needs.
    case wrongKind(source: String, kind: ArtifactKind, expected: ArtifactKind)

    /// One line by construction: the file name and the reason (which holds keys from the file)
    /// go through `ScalingLaws/MessageText`.
    public var description: String {
        switch self {
        case let .notAnArtifact(source, reason):
            return MessageText.line(
                "\(MessageText.escaped(source)): not a fit artifact written by 'scaling-laws fit --output' (\(MessageText.escaped(reason)))")
        case let .invalid(source, kind, reason):
            return MessageText.line("\(MessageText.escaped(source)): not \(kind.phrase) (\(MessageText.escaped(reason)))")
        case let .newerSchema(source, version, supported):
            return MessageText.line(
                "\(MessageText.escaped(source)): artifact schemaVersion \(version) was written by a newer scaling-laws; this build reads schemaVersion 1 to \(supported): use a scaling-laws that reads schemaVersion \(version)")
        case let .unknownKind(source, kind):
            return MessageText.line(
                "\(MessageText.escaped(source)): unknown artifact kind '\(MessageText.escaped(kind))' (kinds: \(ArtifactKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        case let .wrongKind(source, kind, expected):
            return MessageText.line("\(MessageText.escaped(source)): \(kind.phrase), but this needs \(expected.phrase)")
        }
    }
}
