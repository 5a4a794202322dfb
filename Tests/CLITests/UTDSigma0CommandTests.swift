import Foundation
import Testing
import TestSupport

/// `fit --law utd-data-sigma0` and `utd --threshold J=FILE` with a fit in the σ0 form
/// (Rybkin et al. 2025).
@Suite("utd with σ0-form fits")
struct UTDSigma0CommandTests {
    @Test("a σ0-form fit and a β-form fit of the same points give the same σ*, and the fit recovers σ0 = 2.192")
    func sameDecision() throws {
        let directory = try CLIRunner.temporaryDirectory()
        // The Gym J = 800 law, exact: D_J(σ) = 2.17e5·(1 + (σ/2.19241)^−0.70038).
        var csv = "sigma,steps\n"
        for sigma in [0.25, 0.5, 1, 2, 4, 8, 16] {
            csv += "\(sigma),\(2.17e5 * (1.03082 + pow(sigma / 2.28952, -0.70038)) / 1.03082)\n"
        }
        try Fixtures.write(csv, to: "d800.csv", in: directory)
        for law in ["utd-data", "utd-data-sigma0"] {
            let fit = try CLIRunner.run(["fit", "d800.csv", "--law", law, "--output", "\(law).json", "--format", "json"], in: directory)
            #expect(fit.status == 0, "\(fit.stderr)")
            if law == "utd-data-sigma0" {
                let object = try Fixtures.object(fit.stdout)
                let parameters = try #require(object["parameters"] as? [[String: Any]])
                let sigma0 = try #require(parameters.first { $0["name"] as? String == "sigma0" }?["value"] as? Double)
                #expect(abs(sigma0 - 2.28952 * pow(1.03082, -1 / 0.70038)) < 1e-4)
            }
        }
        let beta = try CLIRunner.run(["utd", "--threshold", "800=utd-data.json", "--format", "csv"], in: directory)
        let sigma0 = try CLIRunner.run(["utd", "--threshold", "800=utd-data-sigma0.json", "--format", "csv"], in: directory)
        #expect(beta.status == 0, "\(beta.stderr)")
        #expect(sigma0.status == 0, "\(sigma0.stderr)")
        let a = beta.stdout.split(separator: "\n").dropFirst().first.map { $0.split(separator: ",").prefix(4).compactMap { Double($0) } } ?? []
        let b = sigma0.stdout.split(separator: "\n").dropFirst().first.map { $0.split(separator: ",").prefix(4).compactMap { Double($0) } } ?? []
        #expect(!a.isEmpty && a.count == b.count)
        for (x, y) in zip(a, b) { #expect(isClose(x, y, rel: 1e-5), "\(a) vs \(b)") }
        // Columns threshold, budget, σ*: σ* of the Gym law over [0.25, 16] (laws.md §7) is 6.29.
        #expect(a.count >= 3 && abs(a[2] - 6.29) < 0.01, "\(beta.stdout)")
    }
}
