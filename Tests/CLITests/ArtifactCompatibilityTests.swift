import Foundation
import Testing
import TestSupport

/// Artifacts across versions: fit artifacts written by main 9da2ce8 (schema version 1, no
/// `schemaVersion`/`kind` keys; Fixtures/artifacts-v1) load and give the numbers that binary
/// printed; newer versions, unknown kinds, missing and mistyped keys are refused naming them.
@Suite("artifact schema versions")
struct ArtifactCompatibilityTests {
    static let fixtures = "Tests/CLITests/Fixtures/artifacts-v1"

    static func fixture(_ name: String) -> String { "\(fixtures)/\(name).json" }

    /// The CSV rows (after the header) as numbers; empty cells as nil.
    static func numbers(_ text: String) -> [[Double?]] {
        Fixtures.csv(text).rows.map { $0.map { Double($0) } }
    }

    static func expectRows(_ arguments: [String], _ expected: [[Double?]], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        let rows = numbers(result.stdout)
        #expect(rows.count == expected.count, sourceLocation: sourceLocation)
        for (row, want) in zip(rows, expected) {
            #expect(row.count == want.count, sourceLocation: sourceLocation)
            for (got, value) in zip(row, want) {
                switch (got, value) {
                case let (g?, v?): #expect(isClose(g, v, rel: 1e-12), "\(arguments): \(g) vs \(v)", sourceLocation: sourceLocation)
                case (nil, nil): break
                default: Issue.record("\(arguments): \(String(describing: got)) vs \(String(describing: value))", sourceLocation: sourceLocation)
                }
            }
        }
    }

    // Numbers printed by the binary built from 9da2ce8 on these files (`--format csv`).
    @Test("version-1 fit artifacts load and predict, allocate, forecast and score as the old binary did")
    func oldArtifactsGiveOldNumbers() throws {
        try Self.expectRows(["predict", "--fit", Self.fixture("chinchilla-fit"), "--n", "7e10", "--d", "1.4e12", "--format", "csv"],
            [[7e10, 1.4e12, 1.9768133700054145, 1.9685329713164361, 1.9851285992019065, 1.9391721596663685, 2.015185232704915]])
        try Self.expectRows(["optimal", "--fit", Self.fixture("chinchilla-fit"), "--budget", "5.76e23", "--format", "csv"],
            [[5.76e23, 74024021067.43465, 1296876319546.9426, 17.51966862710025, 1.9773291231429833, 1.968892288571306,
              1.9858021101126373, 1.9396446145509678, 2.015745787603743, 0.95]])
        try Self.expectRows(["forecast", "--fit", Self.fixture("chinchilla-fit"), "--budgets", "1e22,1e24", "--format", "csv"], [
            [1e22, 9183552415.211046, 181483873702.9591, 19.761837848538967, 2.140086279999732, 0.0021063753292337685,
             2.1359180204145303, 2.1442626739738957, 2.1000979377198674, 2.180836047491998],
            [1e24, 98337758962.70726, 1694838975635.7156, 17.234874920003527, 1.9630649782147995, 0.00457615929601176,
             1.954021382929386, 1.9721504290379268, 1.9255006203530962, 2.0013621745740067],
        ])
        try Self.expectRows(["predict", "--fit", Self.fixture("chinchilla-bootstrap-fit"), "--n", "7e10", "--d", "1.4e12", "--format", "csv"],
            [[7e10, 1.4e12, 1.9768133700054145, 1.9638412999392971, 1.9838547944792981, 1.936762298285625, 2.0112165575407426]])
        try Self.expectRows(["optimal", "--fit", Self.fixture("chinchilla-bootstrap-fit"), "--budget", "5.76e23", "--format", "csv"],
            [[5.76e23, 74024021067.43465, 1296876319546.9426, 17.51966862710025, 1.9773291231429833, 55699888300.17411,
              105550143438.62569, 909522401021.8416, 1723525621983.0752, 8.617009118376435, 30.94319094759334, 0.95,
              1.9640792869428965, 1.9847066741207187, 1.937130899071182, 2.011584454768122, 0.95]])
        try Self.expectRows(["predict", "--fit", Self.fixture("formula-fit"), "--n", "7e10", "--d", "1.4e12", "--format", "csv"],
            [[7e10, 1.4e12, 1.9751406444269033, 1.959877635097968, 1.9904036537558385, 1.9185595676907077, 2.0317217211630987]])
        try Self.expectRows(["optimal", "--fit", Self.fixture("formula-fit"), "--budget", "5.76e23", "--cost", "6ND", "--format", "csv"],
            [[5.76e23, 75536349163.7881, 1270911303799.4443, 16.825161897137537, 1.9756339125609084, 0.007828670332128524,
              1.9601268233302118, 1.991141001791605]])  // the old binary also wrote two empty PI cells
        // score's first column is the row kind (text).
        let score = try CLIRunner.run(["score", "--fit", Self.fixture("sigmoid-fit"), "--compute", "1e24", "--target", "0.5", "--format", "csv"])
        #expect(score.status == 0, "\(score.stderr)")
        let rows = Self.numbers(score.stdout)
        #expect(rows.count == 2)
        // score, score_lower, score_upper (the new-model interval columns that follow are new).
        for (got, want) in zip(rows[0][9...11], [0.31513964653831233, 0.297141610522237, 0.3331376825543877]) {
            #expect(isClose(try #require(got), want, rel: 1e-12))
        }
        for (got, want) in zip(rows[1][6...8], [3.10521959680837e+24, 2.803031739468762e+24, 3.4399855729889763e+24]) {
            #expect(isClose(try #require(got), want, rel: 1e-12))
        }
    }

    @Test("fit --output writes kind 'fit' and schemaVersion 2, and the file reads back")
    func newArtifactsCarryVersion() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let path = directory.appendingPathComponent("fit.json").path
        #expect(try CLIRunner.run(["fit", Fixtures.syntheticData, "--output", path]).status == 0)
        let object = try Fixtures.object(try String(contentsOfFile: path, encoding: .utf8))
        #expect(object["kind"] as? String == "fit")
        #expect(object["schemaVersion"] as? Int == 2)
        // Same fit as the version-1 fixture, same prediction. Its intervals now come from the
        // row-bootstrap covariance of the robust fit (the version-1 file has the linearised one,
        // whose standard errors are about half the bootstrap's), so they hold the prediction and
        // are wider than the version-1 intervals [1.96853, 1.98513] and [1.93917, 2.01519].
        let result = try CLIRunner.run(["predict", "--fit", path, "--n", "7e10", "--d", "1.4e12", "--format", "csv"])
        let row = try #require(Self.numbers(result.stdout).first)
        #expect(row.count == 7)
        let p = try #require(row[2]), lo = try #require(row[3]), hi = try #require(row[4])
        let plo = try #require(row[5]), phi = try #require(row[6])
        #expect(isClose(p, 1.9768133700054145, rel: 1e-9), "\(p)")
        #expect(plo < lo && lo < p && p < hi && hi < phi)
        #expect(lo < 1.9685329713164361 && hi > 1.9851285992019065, "[\(lo), \(hi)]")
        #expect(plo < 1.9391721596663685 && phi > 2.015185232704915, "[\(plo), \(phi)]")
    }

    @Test("--race off is recorded in the artifact (racing: false) and in the report's method; the default leaves the key out")
    func racingRecorded() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let off = directory.appendingPathComponent("off.json").path, on = directory.appendingPathComponent("on.json").path
        let fitted = try CLIRunner.run(["fit", Fixtures.syntheticData, "--objective", "lsq", "--race", "off", "--output", off])
        #expect(fitted.status == 0, "\(fitted.stderr)")
        #expect(fitted.stdout.contains("starts: automatic (variable projection grid + polish) (every start to convergence)"), "\(fitted.stdout)")
        #expect(try CLIRunner.run(["fit", Fixtures.syntheticData, "--objective", "lsq", "--output", on]).status == 0)
        #expect(try Fixtures.object(try String(contentsOfFile: off, encoding: .utf8))["racing"] as? Bool == false)
        #expect(try Fixtures.object(try String(contentsOfFile: on, encoding: .utf8))["racing"] == nil)
    }

    /// The version-1 fixture edited by `edit`, written to a temporary file.
    static func edited(_ edit: (inout [String: Any]) -> Void) throws -> String {
        var object = try Fixtures.object(try String(contentsOf: CLIRunner.root.appendingPathComponent(fixture("chinchilla-fit")), encoding: .utf8))
        edit(&object)
        let directory = try CLIRunner.temporaryDirectory()
        let path = directory.appendingPathComponent("edited.json").path
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("a newer schemaVersion, an unknown kind, a missing or mistyped key: refused in one line naming them")
    func refusals() throws {
        let newer = try Self.edited { $0["schemaVersion"] = 3; $0["kind"] = "fit" }
        let unknownKind = try Self.edited { $0["schemaVersion"] = 2; $0["kind"] = "sweep" }
        let noKind = try Self.edited { $0["schemaVersion"] = 2 }
        let missing = try Self.edited { $0.removeValue(forKey: "statistics") }
        let mistyped = try Self.edited { $0["confidenceLevel"] = "high" }
        let nested = try Self.edited { object in
            var statistics = object["statistics"] as? [String: Any] ?? [:]
            statistics["rmse"] = [1, 2]
            object["statistics"] = statistics
        }
        let version = try Self.edited { $0["schemaVersion"] = "two"; $0["kind"] = "fit" }
        let cases: [(String, String)] = [
            (newer, "\(newer): artifact schemaVersion 3 was written by a newer scaling-laws; this build reads schemaVersion 1 to 2: use a scaling-laws that reads schemaVersion 3"),
            (unknownKind, "\(unknownKind): unknown artifact kind 'sweep' (kinds: fit, isoflop, shared-fit, curve-fit)"),
            (noKind, "\(noKind): not a fit artifact written by 'scaling-laws fit --output' (missing key 'kind')"),
            (missing, "\(missing): not a fit artifact written by 'scaling-laws fit --output' (missing key 'statistics')"),
            (mistyped, "\(mistyped): not a fit artifact written by 'scaling-laws fit --output' (expected a number at 'confidenceLevel')"),
            (nested, "\(nested): not a fit artifact written by 'scaling-laws fit --output' (expected a number at 'statistics.rmse')"),
            (version, "\(version): not a fit artifact written by 'scaling-laws fit --output' (expected an integer at 'schemaVersion')"),
        ]
        for (path, message) in cases {
            for arguments in [["predict", "--fit", path, "--n", "7e10", "--d", "1.4e12"], ["optimal", "--fit", path, "--budget", "1e22"]] {
                let result = try CLIRunner.run(arguments)
                #expect(result.status == 1)
                #expect(result.stderrLines == ["error: \(message)"])
                #expect(result.stdout.isEmpty)
            }
        }
    }

    @Test("an iso-FLOP artifact with a missing or mistyped key is refused naming the key; the file round-trips through optimal")
    func isoFlopArtifactKeys() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let path = directory.appendingPathComponent("iso.json").path
        #expect(try CLIRunner.run(["isoflop", "Datasets/isoflop-synthetic/data.csv", "--no-approach3", "--output", path]).status == 0)
        var object = try Fixtures.object(try String(contentsOfFile: path, encoding: .utf8))
        object.removeValue(forKey: "frontier")
        let missing = directory.appendingPathComponent("missing.json").path
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: missing))
        object = try Fixtures.object(try String(contentsOfFile: path, encoding: .utf8))
        var settings = object["settings"] as? [String: Any] ?? [:]
        settings["confidenceLevel"] = "0.95"
        object["settings"] = settings
        let mistyped = directory.appendingPathComponent("mistyped.json").path
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: mistyped))
        for (file, reason) in [(missing, "missing key 'frontier'"), (mistyped, "expected a number at 'settings.confidenceLevel'")] {
            let result = try CLIRunner.run(["optimal", "--fit", file, "--budget", "1e22"])
            #expect(result.status == 1)
            #expect(result.stderrLines == ["error: \(file): not an iso-FLOP artifact written by 'scaling-laws isoflop --output' (\(reason))"])
        }
    }
}
