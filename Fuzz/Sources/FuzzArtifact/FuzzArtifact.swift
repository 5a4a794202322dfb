import Forecast
import Foundation
import Reports
import ScalingLaws

/// libFuzzer entry point for the fit-artifact reader (`FitArtifact.decode`, the reader behind
/// `optimal --fit`, `predict --fit` and every command that reads a saved fit).
///
/// For any bytes, one of two outcomes:
/// - the artifact loads, and writing it and reading it back is a fixed point: the re-read fit
///   equals the loaded one (up to NaN, which is not equal to itself) and writes the same bytes;
/// - it is refused with a ``FitArtifactError`` whose message is one non-empty line and names
///   every key on the path to the value at fault (a missing key, a value of the wrong type or
///   an invalid value), so a person editing the file by hand can find it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArtifact(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    ArtifactFuzzChecks.check(Data(bytes: data, count: size))
    return 0
}

enum ArtifactFuzzChecks {
    static let source = "fuzz.json"

    static func check(_ bytes: Data) {
        let artifact: Artifact
        do {
            artifact = try ArtifactFile.decode(bytes, source: source)
        } catch let error as FitArtifactError {
            checkRefusal(error, bytes: bytes)
            return
        } catch {
            preconditionFailure("ArtifactFile.decode threw a non-FitArtifactError: \(error)")
        }
        switch artifact {
        case let .fit(fit):
            roundTrip(fit, kind: .fit) { if case let .fit(value) = $0 { value } else { nil } }
        case let .isoFlop(isoFlop):
            roundTrip(isoFlop, kind: .isoflop) { if case let .isoFlop(value) = $0 { value } else { nil } }
        case let .sharedFit(joint):
            roundTrip(joint, kind: .sharedFit) { if case let .sharedFit(value) = $0 { value } else { nil } }
            // A consistent joint fit must turn into QQT constants or a one-line refusal, never a trap.
            if joint.inconsistency == nil {
                do { _ = try QQTParameters(jointFit: joint) } catch { precondition(MessageText.isOneLine(String(describing: error))) }
            }
        case let .curveFit(curveFit):
            roundTrip(curveFit, kind: .curveFit) { if case let .curveFit(value) = $0 { value } else { nil } }
        }
    }

    /// Write → read → write is a fixed point, and read → write → read gives equal values
    /// (except that a NaN, written as "nan", is not equal to itself).
    static func roundTrip<T: Codable & Equatable>(_ value: T, kind: ArtifactKind, _ unwrap: (Artifact) -> T?) {
        let written: Data
        do {
            written = try ArtifactFile.encode(value, kind: kind)
        } catch {
            preconditionFailure("a loaded artifact does not encode: \(error)")
        }
        let reread: T
        do {
            guard let value = unwrap(try ArtifactFile.decode(written, source: source)) else {
                preconditionFailure("a written \(kind.rawValue) artifact reads back as another kind")
            }
            reread = value
        } catch {
            preconditionFailure("a written artifact does not read back: \(error)")
        }
        let rewritten: Data
        do {
            rewritten = try ArtifactFile.encode(reread, kind: kind)
        } catch {
            preconditionFailure("a re-read artifact does not encode: \(error)")
        }
        precondition(rewritten == written, "write → read → write changed the bytes")
        precondition(reread == value || String(decoding: written, as: UTF8.self).contains("\"nan\""),
                     "read → write → read changed the artifact")
    }

    /// A refusal: one non-empty line that names the keys at fault.
    static func checkRefusal(_ error: FitArtifactError, bytes: Data) {
        let message = error.description
        precondition(!message.isEmpty, "empty message")
        precondition(!message.contains(where: \.isNewline) && MessageText.isOneLine(message),
                     "multi-line message: \(message.debugDescription)")
        // What the decoder itself says is at fault, for a refusal of the artifact's contents.
        let decode: (Data) throws -> Void
        switch error {
        case .notAnArtifact: decode = { _ = try ReportJSON.decoder().decode(LawFit.self, from: $0) }
        case .invalid(_, .isoflop, _): decode = { _ = try ReportJSON.decoder().decode(IsoFlopArtifact.self, from: $0) }
        case .invalid(_, .fit, _): decode = { _ = try ReportJSON.decoder().decode(LawFit.self, from: $0) }
        case .invalid(_, .sharedFit, _): decode = { _ = try ReportJSON.decoder().decode(SharedParameterFit.self, from: $0) }
        case .invalid(_, .curveFit, _): decode = { _ = try ReportJSON.decoder().decode(CurveFit.self, from: $0) }
        case .newerSchema, .unknownKind, .wrongKind: return
        }
        // A header problem (kind, schemaVersion) is named by the header check, not the payload's decoder.
        if message.contains("'kind'") || message.contains("'schemaVersion'") { return }
        // Text that is not JSON is refused as such; the payload decoder may stop at a missing
        // key before it reaches the syntax error, so its key is not the fault.
        if message.hasSuffix("(not valid JSON)") { return }
        do {
            try decode(bytes)
        } catch let error as DecodingError {
            for key in keys(at: error) {
                precondition(message.contains(MessageText.escaped(key)),
                             "message does not name the key '\(key)': \(message)")
            }
        } catch {
            return
        }
    }

    /// The string keys on the path to the value a decoding error is about (array indices left
    /// out), with the missing key last for a missing key.
    static func keys(at error: DecodingError) -> [String] {
        func strings(_ path: [any CodingKey]) -> [String] {
            path.filter { $0.intValue == nil }.map(\.stringValue)
        }
        switch error {
        case let .keyNotFound(key, context):
            return strings(context.codingPath) + [key.stringValue]
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            return strings(context.codingPath)
        @unknown default:
            return []
        }
    }
}
