import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// Typed fit warnings: their JSON form, older artifacts' text warnings, the one threshold table.
@Suite("fit warnings")
struct FitWarningTests {
    static let all: [FitWarning] = [
        .parameterAtBound(parameter: "beta", side: .upper, bound: 5, fittedAsLogarithm: false),
        .parameterAtBound(parameter: "B", side: .lower, bound: 1e-12, fittedAsLogarithm: true),
        .notIdentified(rank: 4, parameters: 5),
        .flatDirection(ratio: 1.5e-6, direction: [.init(parameter: "E", coefficient: 0.72, fittedAsLogarithm: true),
                                                   .init(parameter: "B", coefficient: -0.69, fittedAsLogarithm: true)]),
        .illConditioned(conditionNumber: 3e9),
        .noDegreesOfFreedom,
        .notConverged(termination: .timeLimit),
        .noConvergedStart(starts: 7),
        .constantInput(name: "D", value: 2e10),
        .text("an old warning"),
    ]

    @Test("every warning survives a JSON round trip and carries its kind and message")
    func roundTrip() throws {
        let data = try JSONEncoder().encode(Self.all)
        let decoded = try JSONDecoder().decode([FitWarning].self, from: data)
        #expect(decoded == Self.all)
        let objects = try #require(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(objects.map { $0["kind"] as? String } == [
            "parameter-at-bound", "parameter-at-bound", "not-identified", "flat-direction", "ill-conditioned",
            "no-degrees-of-freedom", "not-converged", "no-converged-start", "constant-input", "text",
        ])
        #expect(objects[7]["message"] as? String
            == "none of the 7 starts converged (0 converged): the reported optimum was polished from the best unconverged start and may not be the global one")
    }

    @Test("wording names the parameter, its bound and how it was fitted")
    func wording() {
        #expect(Self.all[1].description
            == "parameter 'B' (fitted as log B) ended at its lower bound (1e-12): the optimum may lie outside the allowed range and its standard error is not meaningful")
        #expect(Self.all[3].description
            == "flat direction: the objective is flat along 0.72·log E − 0.69·log B (scaled singular value ratio 1.5e-06 < 0.001): the data do not determine this combination of parameters")
        #expect(Self.all[4].description
            == "the fit is ill-conditioned (scaled condition number 3e+09 > 1e+08): standard errors may be unreliable")
    }

    @Test("an artifact with text warnings (older versions) still loads")
    func oldArtifactsDecode() throws {
        let url = RepositoryPaths.root.appendingPathComponent("Datasets/chinchilla-synthetic/data.csv")
        let table = try CSVTable.read(contentsOf: url)
        let data = try ColumnRoleResolver().resolve(["N", "D", "loss"], in: table).dataset(from: table)
        var options = LawFitOptions(objective: .logHuber(delta: 1e-3))
        options.intervals = .linearized
        let fit = try LawFitter.fit(ChinchillaLaw(), to: data, options: options)
        var object = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(fit)) as? [String: Any])
        object["warnings"] = ["parameter 'A' (fitted as log A) ended at its upper bound (1e+12)"]
        object.removeValue(forKey: "intervalMethod")
        let old = try JSONDecoder().decode(LawFit.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(old.warnings == [.text("parameter 'A' (fitted as log A) ended at its upper bound (1e+12)")])
        #expect(old.intervals == .linearized)
        #expect(old.values == fit.values)
    }

    @Test("one threshold table: the diagnostics use the warnings' limits")
    func oneThresholdTable() {
        #expect(FitDiagnostics.conditionThreshold == FitThresholds.illConditioned)
        #expect(FitDiagnostics.flatThreshold == FitThresholds.flatDirection)
        #expect(FitDiagnostics.correlationThreshold == FitThresholds.correlation)
        #expect(FitThresholds.illConditioned == 1e8)
    }
}
