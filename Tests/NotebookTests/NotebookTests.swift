import Foundation
import Testing
import TestSupport

/// Every notebook script, run in `--quick` mode through its built executable: it must end with
/// exactly one `PASS` line and exit 0 (a `FAIL: …` line means a reproduction drifted from the
/// published numbers beyond its stated tolerance).
@Suite("Notebooks as scripts")
struct NotebookTests {
    @Test("each notebook passes in --quick mode", .enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/datasets"),
          arguments: NotebookRunner.names)
    func quickRunPasses(_ name: String) throws {
        let run = try NotebookRunner.run(name, ["--quick"])
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let verdicts = lines.filter { $0 == "PASS" || $0.hasPrefix("FAIL") || $0.hasPrefix("SKIPPED") }
        #expect(verdicts.count == 1, "\(name): \(verdicts.count) verdict lines")
        #expect(run.verdict == "PASS", "\(name) ended with: \(run.verdict)\nstderr: \(run.stderr)")
        #expect(run.status == 0, "\(name) exited \(run.status)")
        #expect(lines.first?.hasPrefix("# ") == true, "\(name) starts with a Markdown heading")
        #expect(run.stdout.contains("| quantity | ours | published | difference | tolerance | reason | status |"))
    }

    @Test("without the shared data a data notebook is skipped with exit 77 and says what it needs")
    func skipsWithoutData() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-shared-\(UUID().uuidString)")
        let run = try NotebookRunner.run("hoffmann2022-approach3", ["--quick"], environment: ["SCALING_LAWS_SHARED": missing.path])
        #expect(run.status == 77)
        #expect(run.verdict.hasPrefix("SKIPPED: this notebook needs ../shared/datasets/epoch_chinchilla/chinchilla_N_D_loss.csv"),
                "\(run.verdict)")
    }

    @Test("an unknown argument is a usage error (exit 64) naming it")
    func usageError() throws {
        let run = try NotebookRunner.run("kaplan2020-laws", ["--fast"])
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix("error: unknown argument '--fast': expected --quick or nothing\nusage: kaplan2020-laws [--quick]"),
                "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }
}
