import Foundation
import Testing
import TestSupport

/// Shell completions come from swift-argument-parser (`--generate-completion-script`), as
/// scripts/install-docs installs them; the scripts must name every subcommand.
@Suite("shell completion scripts")
struct CompletionScriptTests {
    static let subcommands = ["fit", "runs", "optimal", "forecast", "predict", "isoflop", "backtest", "compare",
                              "score", "cost", "cost-trend", "filtering", "utd", "plot", "report", "laws", "curve"]

    @Test("the completion script generates for each shell and names every subcommand", arguments: ["bash", "zsh", "fish"])
    func generates(shell: String) throws {
        let result = try CLIRunner.run(["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.count > 1000)
        for name in Self.subcommands {
            #expect(result.stdout.contains(name), "\(shell) completion lacks \(name)")
        }
    }

    @Test("bash's script defines the completion function it registers")
    func bashRegisters() throws {
        let result = try CLIRunner.run(["--generate-completion-script", "bash"])
        #expect(result.stdout.contains("complete -"))
        #expect(result.stdout.contains("scaling-laws"))
    }
}
