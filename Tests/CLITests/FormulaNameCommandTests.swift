import Foundation
import Testing
import TestSupport

/// Formula laws with names: two formulas in one `compare` are told apart (by their names, or
/// by default by their abbreviated expressions), and a named formula's artifact is read back.
@Suite("formula law names on the command line")
struct FormulaNameCommandTests {
    static func lawNames(_ stdout: String) throws -> [String] {
        let entries = try #require(try Fixtures.object(stdout)["entries"] as? [[String: Any]])
        return entries.compactMap { $0["law"] as? String }
    }

    @Test("compare: two unnamed formulas print their expressions, not 'formula' twice; NAME: names them")
    func compare() throws {
        let unnamed = try CLIRunner.run([
            "compare", Fixtures.syntheticData, "--law", "E + A/N^alpha + B/D^beta", "--law", "A/N^alpha + B/D^beta", "--format", "json",
        ])
        #expect(unnamed.status == 0, "\(unnamed.stderr)")
        #expect(try Self.lawNames(unnamed.stdout) == ["E + A/N^alpha + B/D^beta", "A/N^alpha + B/D^beta"])

        let named = try CLIRunner.run([
            "compare", Fixtures.syntheticData, "--law", "full: E + A/N^alpha + B/D^beta", "--law", "no_floor: A/N^alpha + B/D^beta",
        ])
        #expect(named.status == 0, "\(named.stderr)")
        #expect(named.stdout.contains("full"))
        #expect(named.stdout.contains("no_floor"))
        #expect(!named.stdout.contains(" formula "))
    }

    @Test("fit --law 'hand: …' records the name; predict reads the named formula back")
    func artifact() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = CLIRunner.root.appendingPathComponent(Fixtures.syntheticData).path
        let fit = try CLIRunner.run(["fit", data, "--law", "hand: E + A/N^alpha + B/D^beta", "--output", "f.json"], in: directory)
        #expect(fit.status == 0, "\(fit.stderr)")
        let object = try Fixtures.object(try String(contentsOf: directory.appendingPathComponent("f.json"), encoding: .utf8))
        #expect(object["law"] as? String == "hand")
        #expect(object["formula"] as? String == "loss = E + A/N^alpha + B/D^beta")
        let predict = try CLIRunner.run(["predict", "--fit", "f.json", "--n", "7e10", "--d", "1.4e12", "--format", "csv"], in: directory)
        #expect(predict.status == 0, "\(predict.stderr)")
        #expect(predict.stdout.split(separator: "\n").count == 2)
    }

    @Test("a catalog name before the colon is refused in one line, exit 1")
    func refused() throws {
        let result = try CLIRunner.run(["fit", Fixtures.syntheticData, "--law", "chinchilla: E + A/N^alpha + B/D^beta"])
        #expect(result.status == 1)
        #expect(result.stderrLines == ["error: formula: law name 'chinchilla': a catalog law is called that; choose another name"])
    }
}
