import Foundation
import Testing
import TestSupport

/// `curve fit` says the fit's warnings where diagnostics go, as `fit` does: on the OLMo 190M
/// constant and cosine 10×C logs (Bhagia et al. 2024) multi-power's loss-drop parameters are
/// not determined (its optimum lies at β → 0 with B·β fixed), lr-annealing's are.
@Suite("Curve fit warnings through the CLI", .enabled(if: RepositoryPaths.hasSharedData))
struct CurveFitWarningCommandTests {
    static let metric = "eval/c4_en-validation/CrossEntropyLoss"

    func ladder(_ path: String) throws -> String {
        try #require(RepositoryPaths.sharedDataset("olmo_ladder_bhagia2024/" + path)).path
    }

    @Test("multi-power on the 190M logs warns of its flat direction on stderr; lr-annealing warns of nothing")
    func flatDirection() throws {
        let logs = [try ladder("constant/190M-10xC.csv"), try ladder("cosine/190M-10xC.csv")]
        let multiPower = try CLIRunner.run(["curve", "fit"] + logs + ["--metric", Self.metric, "--law", "multi-power", "--intervals", "delta"])
        #expect(multiPower.status == 0, "\(multiPower.stderr)")
        #expect(multiPower.stdout.hasPrefix("multi-power on constant/190M-10xC, cosine/190M-10xC: 145 points\n"))
        let lines = multiPower.stderrLines
        #expect(lines.count == 1, "\(lines)")
        let line = try #require(lines.first)
        #expect(line.hasPrefix("warning: flat direction: the objective is flat along "), "\(line)")
        for name in ["B", "beta", "gamma", "C"] { #expect(line.contains("·\(name)"), "\(name) in \(line)") }
        #expect(line.hasSuffix("the data do not determine this combination of parameters"))

        let annealing = try CLIRunner.run(["curve", "fit"] + logs + ["--metric", Self.metric, "--intervals", "delta"])
        #expect(annealing.status == 0, "\(annealing.stderr)")
        #expect(annealing.stderr == "")
    }
}
