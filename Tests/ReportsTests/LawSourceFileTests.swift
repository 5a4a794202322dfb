import Forecast
import Foundation
import Reports
import ScalingLaws
import Testing
import TestSupport

/// Law sources from files and the `optimal` answers, built by the library as the tool builds
/// them: the numbers are those `scaling-laws optimal` prints (Tests/CLITests/Snapshots/
/// optimal-from-fit.txt, optimal-hoffmann-rounded.csv, optimal-cost-expression.txt,
/// optimal-fixed-n.txt).
@Suite("law sources from artifact files; optimal answers in the library")
struct LawSourceFileTests {
    static let artifacts = RepositoryPaths.root.appendingPathComponent("Tests/CLITests/Fixtures/artifacts-v1")

    @Test("load(artifactAt:) tells fit artifacts apart; missing files and directories are refused")
    func loading() throws {
        let formula = try LawSource.load(artifactAt: Self.artifacts.appendingPathComponent("formula-fit.json"))
        #expect(formula.fit?.law == "formula")
        #expect(formula.law?.name == "formula")
        let chinchilla = try LawSource.load(fitArtifactAt: Self.artifacts.appendingPathComponent("chinchilla-fit.json").path)
        #expect(chinchilla.law?.name == "chinchilla")
        #expect(chinchilla.label.hasPrefix("fit /"))
        #expect(throws: DataError.noSuchFile(path: "nosuch.json")) { try LawSource.load(artifactAt: "nosuch.json") }
        #expect(throws: DataError.isDirectory(path: Self.artifacts.path)) { try LawSource.load(artifactAt: Self.artifacts.path) }
    }

    @Test("closed-form allocation of a fit of the synthetic data: N_opt 7.40240e10 and loss CI [1.96532, 1.98941] at 5.76e23, as optimal --fit prints")
    func allocationFromFit() throws {
        let path = RepositoryPaths.root.appendingPathComponent("Datasets/chinchilla-synthetic/data.csv").path
        let law = ChinchillaLaw()
        let data = try InputSpecification(path: path).load(for: law).dataset
        let fit = try LawFitter.fit(law, to: data)
        let source = try LawSource.fit(fit, path: "fit.json")
        let table = try AllocationTable.chinchilla(source: source, budgets: [5.76e23, 1e21])
        #expect(isClose(table.points[0].parameters, 7.40240e10, rel: 1e-5))
        #expect(isClose(table.points[0].tokens, 1.29688e12, rel: 1e-5))
        #expect(isClose(table.points[1].parameters, 2.80644e9, rel: 1e-5))
        let loss = try #require(table.lossIntervals?.first)
        #expect(isClose(try #require(loss.lower), 1.96532, rel: 1e-5))
        #expect(isClose(try #require(loss.upper), 1.98941, rel: 1e-5))
        #expect(isClose(try #require(loss.predictionLower), 1.93871, rel: 1e-5))
        #expect(table.lossIntervalMethod == "delta method on the fit's covariance (row bootstrap (1000 resamples, seed 0))")
    }

    @Test("a preset: the closed form at three budgets, and the numeric answers (cost expression, fixed N)")
    func presetAnswers() throws {
        let source = try LawSource.preset("hoffmann-rounded")
        let table = try AllocationTable.chinchilla(source: source, budgets: [1e21, 5.76e23, 1e25])
        #expect(isClose(table.points[1].parameters, 32189859151.368168, rel: 1e-12))
        #expect(isClose(table.points[1].tokens, 2982305686662.796, rel: 1e-12))
        #expect(table.lossIntervals == nil)

        let (law, values) = try source.lossLaw(for: "a test")
        let inference = try ComputeOptimizer(law: law, parameters: values, cost: try OptimalQuestion.costModel("6*N*D + 2*N*1e13"))
        let forecast = try OptimalQuestion.table(
            [try inference.allocation(budget: 5.76e23)], optimizer: inference, fit: nil, label: source.label, detail: source.detail)
        #expect(forecast.cost == "C = 6*N*D + 2*N*1e13")
        #expect(Swift.abs(forecast.rows[0].allocation.parameters / 11.4e9 - 1) < 5e-3)
        #expect(Swift.abs(forecast.rows[0].allocation.loss - 1.95842) < 5e-6)
        #expect(forecast.confidenceLevel == nil)
        #expect(try OptimalQuestion.costModel("6ND").description == CostModel.sixND.description)

        let sixND = try ComputeOptimizer(law: law, parameters: values)
        guard case let .atBudgets(rows) = try OptimalQuestion.fixed(parameters: 70e9, tokens: 1, budgets: [5.88e23], optimizer: sixND) else {
            Issue.record("expected allocations at budgets")
            return
        }
        #expect(isClose(rows[0].tokens, 1.4e12, rel: 1e-12))
        #expect(Swift.abs(rows[0].loss - 1.93665) < 5e-6)
        #expect(Swift.abs(rows[0].optimum.parameters / 32.5e9 - 1) < 2e-3)
        guard case let .optimal(optimum) = try OptimalQuestion.fixed(parameters: 70e9, tokens: 1, budgets: [], optimizer: sixND) else {
            Issue.record("expected the compute-optimal allocation of N")
            return
        }
        #expect(isClose(optimum.parameters, 70e9, rel: 1e-9))
    }
}
