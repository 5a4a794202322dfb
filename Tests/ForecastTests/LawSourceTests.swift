import Foundation
import Forecast
import ScalingLaws
import Testing
import TestSupport

/// ``LawSource``: presets, laws given by value, and what an iso-FLOP source refuses.
@Suite("law source")
struct LawSourceTests {
    @Test("a preset and the same constants given by value predict the same loss")
    func presetAndGiven() throws {
        let preset = try LawSource.preset("hoffmann-rounded")
        let given = try LawSource.given(ChinchillaLaw(), values: ["E": 1.69, "A": 406.4, "B": 410.7, "alpha": 0.34, "beta": 0.28])
        let p = try preset.lossLaw(for: "a test"), g = try given.lossLaw(for: "a test")
        #expect(p.values == g.values)
        let expected = 1.69 + 406.4 / pow(7e10, 0.34) + 410.7 / pow(1.4e12, 0.28)
        #expect(isClose(g.law.evaluate([7e10, 1.4e12], g.values), expected, rel: 1e-14))
        #expect(try given.chinchillaParameters(command: "optimal").alpha == 0.34)
        #expect(given.label == "law chinchilla")
    }

    @Test("given values: an unknown name and a missing value are one-line errors")
    func givenErrors() {
        #expect(throws: LawSourceError.unknownParameter(law: "chinchilla", name: "gamma", known: ["E", "A", "B", "alpha", "beta"])) {
            try LawSource.given(ChinchillaLaw(), values: ["gamma": 1])
        }
        #expect(throws: LawSourceError.missingValue(law: "chinchilla", name: "B", known: ["E", "A", "B", "alpha", "beta"])) {
            try LawSource.given(ChinchillaLaw(), values: ["E": 1, "A": 1, "alpha": 0.3, "beta": 0.3])
        }
        #expect(throws: LawSourceError.unknownPreset(name: "nope", known: [
            "liang2024", "dit2024", "hoffmann-rounded", "hoffmann", "epoch2024", "muennighoff-c4", "kaplan2020-n", "kaplan2020-d",
            "kaplan2020-cmin", "kaplan2020-c-fixed-batch", "kaplan2020-nd", "kaplan2020-ns", "liang2024-n-opt", "liang2024-d-opt",
            "liang2024-loss", "liang2024-fid",
        ])) {
            try LawSource.preset("nope")
        }
    }

    @Test("an iso-FLOP source allocates but has no loss law")
    func isoFlopSource() throws {
        var runs: [IsoFlopRun] = []
        for k in 0..<4 {
            let budget = 1e18 * pow(10, Double(k))
            let nStar = 0.1 * pow(budget, 0.5) * (k % 2 == 0 ? 1.01 : 0.99)
            for j in 0..<7 {
                let x = -1.5 + 0.5 * Double(j)
                runs.append(IsoFlopRun(parameters: nStar * exp(x), loss: 2 + 0.05 * x * x, compute: budget))
            }
        }
        let analysis = try IsoFlopAnalysis.run(runs, options: IsoFlopOptions(grouping: .exactBudget, compareApproach3: false))
        let artifact = try IsoFlopArtifact(
            analysis: analysis, runs: runs,
            inputs: .init(file: "runs.csv", digest: IsoFlopArtifact.Inputs.digest(Array("a".utf8)), columns: [:], filters: [], budgetColumn: "budget"))
        // FNV-1a 64 of "a" (reference value of the FNV test suite).
        #expect(artifact.inputs.digest == "af63dc4c8601ec8c")
        let source = LawSource.isoFlop(artifact, path: "iso.json")
        #expect(source.law == nil)
        #expect(throws: LawSourceError.cannot(source: "iso-FLOP iso.json", request: "a loss prediction", can: source.capabilities)) {
            try source.lossLaw(for: "a loss prediction")
        }
        let row = artifact.frontier.extrapolate(to: 1e24)
        #expect(isClose(row.parameters.value, 0.1 * pow(1e24, 0.5), rel: 0.05))
        #expect(try #require(row.parameters.lower) < row.parameters.value)
        #expect(row.warnings.isEmpty)
    }
}
