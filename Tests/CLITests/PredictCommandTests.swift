import Foundation
import Testing
import TestSupport

/// `scaling-laws predict`.
@Suite("predict command")
struct PredictCommandTests {
    @Test("preset at given points matches the formula")
    func presetPoints() throws {
        let result = try CLIRunner.run(["predict", "--preset", "epoch2024", "--n", "7e10", "--d", "1.4e12", "--n", "175B", "--d", "300B"])
        #expect(result.status == 0)
        Snapshot.check(result.stdout, named: "predict-epoch2024.txt")

        let csv = try CLIRunner.run(["predict", "--preset", "epoch2024", "--n", "7e10", "--d", "1.4e12", "--format", "csv"])
        let row = try #require(Fixtures.csv(csv.stdout).rows.first)
        let e = exp(0.59711196), a = exp(6.17795598), b = exp(7.64273236)
        let expected = e + a / pow(7e10, 0.34781303) + b / pow(1.4e12, 0.36585412)
        #expect(isClose(try #require(Double(row[2])), expected, rel: 1e-12))
    }

    @Test("--fit with --points prints the observed loss beside the prediction")
    func fitWithPoints() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fit = try CLIRunner.run(["fit", Fixtures.syntheticData, "--output", directory.appendingPathComponent("fit.json").path])
        #expect(fit.status == 0)
        try Fixtures.write("params,tokens,loss\n1e9,2e10,2.58\n7e10,1.4T,1.97\n", to: "points.csv", in: directory)
        let result = try CLIRunner.run(["predict", "--fit", "fit.json", "--points", "points.csv"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("loss (observed)"))
        Snapshot.check(result.stdout, named: "predict-from-fit.txt", rel: 1e-5)
    }
}
