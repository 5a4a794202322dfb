import Foundation
import Testing
import TestSupport

/// `fit --max-iterations` and `fit --time-limit`: reaching a limit is reported (termination
/// line and a warning on standard error), not an error; invalid limits are usage errors.
@Suite("fit limits (command)")
struct FitLimitCommandTests {
    @Test("--time-limit 0 stops the fit at its start and says so")
    func timeLimit() throws {
        let result = try CLIRunner.run(["fit", Fixtures.syntheticData, "--time-limit", "0", "--starts", "single"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("stopped: time limit reached"))
        #expect(result.stderrLines == [
            "warning: the fit did not converge (stopped: time limit reached); the reported values are the best point reached",
        ])
    }

    @Test("--max-iterations 1 stops every attempt and says so")
    func maxIterations() throws {
        let result = try CLIRunner.run(["fit", Fixtures.syntheticData, "--max-iterations", "1", "--starts", "single"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("stopped: iteration limit reached"))
        #expect(result.stderrLines.contains(
            "warning: the fit did not converge (stopped: iteration limit reached); the reported values are the best point reached"))
    }

    @Test("invalid limits are usage errors", arguments: [
        (["--time-limit=-1"], "Error: --time-limit must be a non-negative number of seconds, got -1.0"),
        (["--time-limit", "nan"], "Error: --time-limit must be a non-negative number of seconds, got nan"),
        (["--max-iterations", "0"], "Error: --max-iterations must be at least 1, got 0"),
    ])
    func invalid(_ arguments: [String], message: String) throws {
        let result = try CLIRunner.run(["fit", Fixtures.syntheticData] + arguments)
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
    }
}
