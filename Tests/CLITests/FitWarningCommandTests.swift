import Foundation
import Testing
import TestSupport

/// Fit warnings of the built binary: a flat direction, starts of which none converged, and a
/// parameter at a bound are warnings, never "none".
@Suite("fit warnings")
struct FitWarningCommandTests {
    /// Loss depends on N only (L = 1.8 + 400/N^0.34, 1% log-normal noise, seed 3), D varies:
    /// the D term is not identified. Every one of the 7 automatic starts stops unconverged after
    /// the coarse pass's 100 iterations, and the polish then reports "converged".
    static let noDependenceOnD = """
        N,D,loss
        1e+08,2e+09,2.615014
        1e+08,6e+09,2.497533
        1e+08,2e+10,2.572919
        1e+08,6e+10,2.547678
        1e+08,2e+11,2.550613
        3e+08,2e+09,2.319606
        3e+08,6e+09,2.278127
        3e+08,2e+10,2.319227
        3e+08,6e+10,2.304587
        3e+08,2e+11,2.403157
        1e+09,2e+09,2.153242
        1e+09,6e+09,2.140823
        1e+09,2e+10,2.142351
        1e+09,6e+10,2.134081
        1e+09,2e+11,2.125836
        3e+09,2e+09,2.031838
        3e+09,6e+09,2.049649
        3e+09,2e+10,2.034934
        3e+09,6e+10,2.059424
        3e+09,2e+11,2.035723
        1e+10,2e+09,1.959718
        1e+10,6e+09,1.989765
        1e+10,2e+10,1.969952
        1e+10,6e+10,1.949369
        1e+10,2e+11,1.955664
        """

    @Test("a flat direction and 0 converged starts are warnings, not 'none'")
    func flatDirectionAndNoConvergedStart() throws {
        let directory = try CLIRunner.temporaryDirectory()
        try Fixtures.write(Self.noDependenceOnD, to: "runs.csv", in: directory)
        let result = try CLIRunner.run(["fit", "runs.csv"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("# starts           = 7 (0 converged, 0 distinct optima)"), "\(result.stdout)")
        #expect(result.stdout.contains("termination        = converged"), "\(result.stdout)")
        let warnings = try #require(result.stdout.range(of: "[[Warnings]]\n"))
        let section = String(result.stdout[warnings.upperBound...])
        #expect(!section.hasPrefix("    none"), "\(section)")
        #expect(section.contains("    none of the 7 starts converged (0 converged)"), "\(section)")
        #expect(section.contains("    flat direction: the objective is flat along "), "\(section)")
        #expect(section.contains("log E") && section.contains("log B"), "\(section)")
        #expect(result.stderr.contains("warning: none of the 7 starts converged"), "\(result.stderr)")

        let json = try CLIRunner.run(["fit", "runs.csv", "--format", "json"], in: directory)
        let object = try Fixtures.object(json.stdout)
        let kinds = (object["warnings"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } ?? []
        #expect(kinds.contains("no-converged-start") && kinds.contains("flat-direction"), "\(kinds)")
    }
}
