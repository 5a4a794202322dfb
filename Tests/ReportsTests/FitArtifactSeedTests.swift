import Foundation
import ScalingLaws
import Testing
import TestSupport
import Reports

/// The seed corpus of the `fuzz-artifact` target (`Fuzz/Corpus/artifact`) read by the normal
/// suite: real artifacts load and round-trip, hand-edited and truncated ones are refused with a
/// one-line message that names the key at fault.
@Suite("fit artifact seeds")
struct FitArtifactSeedTests {
    static func seed(_ name: String) throws -> Data {
        try Data(contentsOf: RepositoryPaths.root.appendingPathComponent("Fuzz/Corpus/artifact/\(name)"))
    }

    static func refusal(_ reason: String, source: String = "x.json") -> String {
        "\(source): not a fit artifact written by 'scaling-laws fit --output' (\(reason))"
    }

    @Test("real and harmlessly edited artifacts load, and write → read is a fixed point", arguments: [
        ("chinchilla.json", "chinchilla"), ("bootstrap.json", "chinchilla"), ("formula.json", "formula"),
        ("kaplan.json", "kaplan-nd"), ("power-law-floor.json", "power-law-floor"),
        ("older-optional-keys.json", "chinchilla"), ("edited-odd-keys.json", "chinchilla"), ("edited-nan.json", "chinchilla"),
    ])
    func loads(file: String, law: String) throws {
        let fit = try FitArtifact.decode(try Self.seed(file), source: file)
        #expect(fit.law == law)
        let written = try FitArtifact.encode(fit)
        let back = try FitArtifact.decode(written, source: file)
        #expect(try FitArtifact.encode(back) == written)
        if file != "edited-nan.json" {
            #expect(back == fit)
        } else {
            #expect(fit.parameters[1].standardError?.isNaN == true)
            #expect(fit.parameters[1].upper == .infinity)
        }
    }

    @Test("the bootstrap seed holds its bootstrap, the older one has none")
    func optionalParts() throws {
        #expect(try FitArtifact.decode(try Self.seed("bootstrap.json"), source: "b").bootstrap?.resamples == 12)
        let older = try FitArtifact.decode(try Self.seed("older-optional-keys.json"), source: "o")
        #expect(older.bootstrap == nil && older.data.path == nil && older.statistics.optimumObjectives == nil)
    }

    @Test("broken artifacts are refused naming the key", arguments: [
        ("edited-missing-law.json", "missing key 'law'"),
        ("edited-rows-string.json", "expected an integer at 'data.rows'"),
        ("edited-null-value.json", "expected a number at 'parameters.[0].value', got null"),
        ("empty-object.json", "missing key 'tool'"),
        ("array.json", "expected an object"),
        ("not-json.json", "not valid JSON"),
        ("truncated.json", "not valid JSON"),
        ("truncated-bootstrap.json", "not valid JSON"),
    ])
    func refused(file: String, reason: String) throws {
        #expect(throws: FitArtifactError.notAnArtifact(source: "x.json", reason: reason)) {
            try FitArtifact.decode(try Self.seed(file), source: "x.json")
        }
    }

    @Test("a key holding a line break is escaped in the message")
    func hostileKey() throws {
        var object = try #require(try JSONSerialization.jsonObject(with: try Self.seed("chinchilla.json")) as? [String: Any])
        var data = try #require(object["data"] as? [String: Any])
        data["ranges"] = ["N\nx": "oops"]
        object["data"] = data
        let bytes = try JSONSerialization.data(withJSONObject: object)
        do {
            _ = try FitArtifact.decode(bytes, source: "fit\n.json")
            Issue.record("a range that is not a list of numbers was accepted")
        } catch let error as FitArtifactError {
            #expect(error.description == Self.refusal("expected a list at 'data.ranges.N\\nx'", source: "fit\\n.json"))
            #expect(MessageText.isOneLine(error.description))
        }
    }
}

/// The joint-fit seeds of the `fuzz-artifact` corpus (`fit --by COLUMN --shared NAMES --output`).
@Suite("joint fit artifact seeds")
struct SharedFitArtifactSeedTests {
    @Test("the joint qqt fit seed loads, round-trips and is consistent")
    func loads() throws {
        let bytes = try FitArtifactSeedTests.seed("shared-fit.json")
        let fit = try SharedParameterFitRenderer.decode(bytes, source: "s.json")
        #expect(fit.law == "qqt" && fit.shared == ["a"] && fit.groups.count == 2 && fit.inconsistency == nil)
        let written = try SharedParameterFitRenderer.artifact(fit)
        #expect(try SharedParameterFitRenderer.decode(written, source: "s.json") == fit)
    }

    @Test("fuzz finding: a joint fit whose law name holds a control character (DEL) is refused in one line, the name escaped")
    func controlCharacterInLaw() throws {
        let artifact = try ArtifactFile.decode(try FitArtifactSeedTests.seed("regression-shared-fit-control-in-law.json"), source: "x.json")
        guard case let .sharedFit(fit) = artifact else {
            Issue.record("not read as a joint fit")
            return
        }
        #expect(fit.law.unicodeScalars.contains("\u{7F}"))
        do {
            _ = try QQTParameters(jointFit: fit)
            Issue.record("a joint fit of another law was accepted")
        } catch {
            let message = String(describing: error)
            #expect(MessageText.isOneLine(message))
            #expect(message.contains("got 'vvvv") && message.contains("\\u{7F}") && message.hasSuffix("qqt'"))
        }
    }

    @Test("fuzz finding: a mangled joint fit (syntax error after a missing key) is refused as not JSON, in one line")
    func invalidJSON() throws {
        #expect(throws: FitArtifactError.notAnArtifact(source: "x.json", reason: "not valid JSON")) {
            try ArtifactFile.decode(try FitArtifactSeedTests.seed("regression-shared-fit-invalid-json.json"), source: "x.json")
        }
    }
}
