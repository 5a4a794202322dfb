import Foundation
import Testing
import TestSupport

/// One law source for `optimal`, `forecast`, `predict` and `plot` (fit, preset, law given by
/// value, iso-FLOP artifact), `isoflop --budget` and `--output`, and the Approach 2/3 warning.
@Suite("law sources and iso-FLOP artifacts")
struct LawSourceCommandTests {
    static let sweep = "Datasets/isoflop-synthetic/data.csv"

    /// Student t quantile t_{0.975, 3} (standard tables: 3.182).
    static let t975dof3 = 3.182446305284263

    /// `log y = c + s·log x` by ordinary least squares, and the half-width factor of the
    /// mean line's 95% interval at `x0`: exp(t·s_e·√(1/n + (u0 − ū)²/Suu)).
    static func loglog(_ x: [Double], _ y: [Double], at x0: Double, t: Double) -> (value: Double, lower: Double, upper: Double) {
        let u = x.map(log), v = y.map(log), n = Double(x.count)
        let ub = u.reduce(0, +) / n, vb = v.reduce(0, +) / n
        var suu = 0.0, suv = 0.0
        for k in u.indices { suu += (u[k] - ub) * (u[k] - ub); suv += (u[k] - ub) * (v[k] - vb) }
        let slope = suv / suu, intercept = vb - slope * ub
        var rss = 0.0
        for k in u.indices { rss += pow(v[k] - intercept - slope * u[k], 2) }
        let u0 = log(x0)
        let se = (rss / (n - 2) * (1 / n + (u0 - ub) * (u0 - ub) / suu)).squareRoot()
        let fit = intercept + slope * u0
        return (exp(fit), exp(fit - t * se), exp(fit + t * se))
    }

    static func column(_ table: (header: [String], rows: [[String]]), _ name: String, row: Int = 0) throws -> Double {
        let k = try #require(table.header.firstIndex(of: name), "no column \(name)")
        return try #require(Double(table.rows[row][k]), "\(name) = \(table.rows[row][k])")
    }

    @Test("isoflop --budget and optimal/forecast --fit ISO.json: N*, D*, D/N and Student-t intervals equal a log-log OLS by hand")
    func extrapolationMatchesHandOLS() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let artifact = directory.appendingPathComponent("iso.json").path
        // The per-budget optima the extrapolation starts from.
        let perBudget = try CLIRunner.run(["isoflop", Self.sweep, "--budget-column", "budget", "--format", "csv", "--no-approach3"])
        #expect(perBudget.status == 0, "\(perBudget.stderr)")
        let table = Fixtures.csv(perBudget.stdout)
        let status = try #require(table.header.firstIndex(of: "status"))
        let accepted = table.rows.filter { $0[status] == "accepted" }
        #expect(accepted.count == 5)
        let budgets = accepted.map { Double($0[0]) ?? .nan }
        let nColumn = try #require(table.header.firstIndex(of: "n_star")), dColumn = try #require(table.header.firstIndex(of: "d_star"))
        let nStar = accepted.map { Double($0[nColumn]) ?? .nan }
        let dStar = accepted.map { Double($0[dColumn]) ?? .nan }
        let c = 3.8e25
        let n = Self.loglog(budgets, nStar, at: c, t: Self.t975dof3)
        let d = Self.loglog(budgets, dStar, at: c, t: Self.t975dof3)
        let r = Self.loglog(budgets, zip(dStar, nStar).map { $0 / $1 }, at: c, t: Self.t975dof3)

        let iso = try CLIRunner.run(["isoflop", Self.sweep, "--budget-column", "budget", "--budget", "3.8e25", "--format", "csv",
                                     "--no-approach3", "--output", artifact])
        #expect(iso.status == 0, "\(iso.stderr)")
        let optimal = try CLIRunner.run(["optimal", "--fit", artifact, "--budget", "3.8e25", "--format", "csv"])
        #expect(optimal.status == 0, "\(optimal.stderr)")
        let forecast = try CLIRunner.run(["forecast", "--fit", artifact, "--budgets", "3.8e25", "--format", "csv"])
        #expect(forecast.status == 0, "\(forecast.stderr)")
        for output in [iso.stdout, optimal.stdout, forecast.stdout] {
            let row = Fixtures.csv(output)
            #expect(!row.header.contains("loss"))
            for (name, expected) in [("n_opt", n.value), ("n_opt_lower", n.lower), ("n_opt_upper", n.upper),
                                     ("d_opt", d.value), ("d_opt_lower", d.lower), ("d_opt_upper", d.upper),
                                     ("tokens_per_parameter", r.value), ("tokens_per_parameter_lower", r.lower),
                                     ("tokens_per_parameter_upper", r.upper)] {
                #expect(isClose(try Self.column(row, name), expected, rel: 1e-9), "\(name)")
            }
        }
        // The published-style numbers: N*(3.8e25) = 238B in [195B, 290B] on this sweep.
        #expect(isClose(n.value, 2.38e11, rel: 0.01))
        #expect(n.lower < 2.0e11 && n.upper > 2.8e11)

        let text = try CLIRunner.run(["forecast", "--fit", artifact, "--budgets", "3.8e25"])
        #expect(text.stdout.contains("no loss column: an iso-FLOP frontier (Approach 2) has no loss law"))
        let saved = try Fixtures.object(String(decoding: try Data(contentsOf: URL(fileURLWithPath: artifact)), as: UTF8.self))
        #expect(saved["kind"] as? String == "isoflop")
        #expect(saved["schemaVersion"] as? Int == 2)
        let inputs = try #require(saved["inputs"] as? [String: Any])
        #expect(inputs["file"] as? String == Self.sweep)
        #expect(inputs["budgetColumn"] as? String == "budget")
        #expect((inputs["digest"] as? String)?.count == 16)
        let frontier = try #require(saved["frontier"] as? [String: Any])
        let law = try #require(frontier["parameterLaw"] as? [String: Any])
        #expect(isClose(try #require(law["exponent"] as? Double), 0.45516882, rel: 1e-7))
        #expect(law["logCoefficientExponentCovariance"] is Double)
    }

    /// A noiseless Chinchilla surface (rounded Hoffmann constants) sampled from N_opt/20 to
    /// 20·N_opt with ±5e-4 alternating offsets: the parabola's vertices sit above N_opt (the
    /// profile is not a parabola in log N), so Approach 2 and 3 disagree beyond their narrow intervals.
    static func disagreeingSweep(in directory: URL) throws -> String {
        let (e, a, b, alpha, beta) = (1.69, 406.4, 410.7, 0.34, 0.28)
        let g = pow(alpha * a / (beta * b), 1 / (alpha + beta)), a3 = beta / (alpha + beta)
        var lines = ["budget,N,D,loss"]
        for (i, c) in [1e18, 3e18, 1e19, 3e19, 1e20, 3e20, 1e21].enumerated() {
            let nOpt = g * pow(c / 6, a3)
            for k in -5...5 {
                let n = nOpt * exp(0.6 * Double(k)), d = c / (6 * n)
                let loss = e + a / pow(n, alpha) + b / pow(d, beta) + ((i + k) % 2 != 0 ? 0.0005 : -0.0005)
                lines.append("\(c),\(n),\(d),\(loss)")
            }
        }
        try Fixtures.write(lines.joined(separator: "\n") + "\n", to: "disagree.csv", in: directory)
        return directory.appendingPathComponent("disagree.csv").path
    }

    @Test("Approach 2 and 3 disagreeing beyond their intervals: isoflop --budget and optimal --fit ISO.json both warn")
    func disagreementWarning() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let data = try Self.disagreeingSweep(in: directory)
        let artifact = directory.appendingPathComponent("iso.json").path
        let iso = try CLIRunner.run(["isoflop", data, "--budget", "1e24", "--format", "csv", "--output", artifact])
        #expect(iso.status == 0, "\(iso.stderr)")
        let optimal = try CLIRunner.run(["optimal", "--fit", artifact, "--budget", "1e24", "--format", "csv"])
        #expect(optimal.status == 0, "\(optimal.stderr)")
        let g = pow(0.34 * 406.4 / (0.28 * 410.7), 1 / 0.62), nOpt = g * pow(1e24 / 6, 0.28 / 0.62)
        for result in [iso, optimal] {
            let row = Fixtures.csv(result.stdout)
            #expect(row.rows[0].last == "approaches-disagree")
            // Approach 3 recovers the surface's N_opt; Approach 2's vertex is 6.6% above it.
            let a3Lower = try Self.column(row, "approach3_n_opt_lower"), a3Upper = try Self.column(row, "approach3_n_opt_upper")
            #expect(a3Lower < nOpt && nOpt < a3Upper)
            #expect(isClose(try Self.column(row, "n_opt") / nOpt, 1.066, rel: 0.005))
            #expect(try Self.column(row, "n_opt_lower") > a3Upper)
            let warnings = result.stderrLines.filter { $0.hasPrefix("warning: ") }
            #expect(warnings.count == 1)
            #expect(warnings.first?.hasPrefix("warning: at C = 1e+24 FLOP the iso-FLOP (Approach 2) N* = 4.403e+10 [4.402e+10, 4.403e+10] and the parametric (Approach 3) N_opt = 4.13e+10") == true)
        }
        let text = try CLIRunner.run(["optimal", "--fit", artifact, "--budget", "1e24"])
        #expect(text.stdout.contains("[[Warnings]]\n    at C = 1e+24 FLOP the iso-FLOP (Approach 2) N*"))
        // At the sampled budgets' scale both agree within their intervals on the bundled sweep.
        let agree = try CLIRunner.run(["isoflop", Self.sweep, "--budget", "1e22", "--format", "csv"])
        #expect(agree.status == 0)
        #expect(Fixtures.csv(agree.stdout).rows[0].last == "")
        #expect(!agree.stderr.contains("warning:"))
    }

    @Test("Marin iso-FLOP sweeps (comma): Approach 2 and 3 disagree at 1e22 FLOP, with a warning", .enabled(if: RepositoryPaths.hasSharedData))
    func marinDisagreement() throws {
        let file = try #require(RepositoryPaths.sharedDataset("marin_isoflops_2026/isoflops.csv")).path
        let result = try CLIRunner.run(["isoflop", file, "--where", "dataset==comma", "--n", "params", "--d", "tokens",
                                        "--budget", "1e22", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("budget: column 'budget' (found by name; --budget-column names another)"))
        let row = Fixtures.csv(result.stdout)
        #expect(row.rows[0].last == "approaches-disagree")
        #expect(try Self.column(row, "n_opt") / Self.column(row, "approach3_n_opt") > 1.4)
    }

    @Test("Porian et al. 2024, tuned attention-FLOP sweep: flops_budget found by name; Approach 2 is 2.9× Approach 3 at 1e22, with a warning",
          .enabled(if: RepositoryPaths.hasSharedData))
    func porianDisagreement() throws {
        let file = try #require(RepositoryPaths.sharedDataset("porian2024_resolving_discrepancies/isoflop_points.csv")).path
        let common = ["isoflop", file, "--where", "config_id==summary_df_att|rw|tuned|short|const|attention|train",
                      "--n", "n_params", "--d", "tokens", "--budget", "1e22", "--format", "csv"]
        let found = try CLIRunner.run(common)
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.stderr.contains("budget: column 'flops_budget' (found by name; --budget-column names another)"))
        let named = try CLIRunner.run(common + ["--budget-column", "flops_budget"])
        #expect(named.stdout == found.stdout)
        let row = Fixtures.csv(found.stdout)
        #expect(row.rows[0].last == "approaches-disagree")
        #expect(try Self.column(row, "n_opt") / Self.column(row, "approach3_n_opt") > 2.5)
        #expect(found.stderrLines.filter { $0.hasPrefix("warning: at C = 1e+22 FLOP the iso-FLOP (Approach 2) N* = 1.227e+10") }.count == 1)
    }

    @Test("isoflop finds a budget column named budget, flops_budget or compute_budget", arguments: ["flops_budget", "compute_budget", "Budget"])
    func budgetColumnByName(name: String) throws {
        let directory = try CLIRunner.temporaryDirectory()
        var text = try String(contentsOf: CLIRunner.root.appendingPathComponent(Self.sweep), encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        lines[0] = lines[0].replacingOccurrences(of: "budget", with: name)
        text = lines.joined(separator: "\n") + "\n"
        try Fixtures.write(text, to: "runs.csv", in: directory)
        let file = directory.appendingPathComponent("runs.csv").path
        let found = try CLIRunner.run(["isoflop", file, "--format", "csv", "--no-approach3"])
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.stderrLines.contains("budget: column '\(name)' (found by name; --budget-column names another)"))
        let named = try CLIRunner.run(["isoflop", file, "--budget-column", name, "--format", "csv", "--no-approach3"])
        #expect(found.stdout == named.stdout)
        // Exact budget values from the column (grouping by 6ND gives 1e18 only to ~1e-7).
        #expect(Fixtures.csv(found.stdout).rows.map(\.[0]).prefix(2) == ["1e+18", "1e+19"])
    }

    @Test("sources that cannot answer refuse with one line saying what they can do")
    func refusals() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let artifact = directory.appendingPathComponent("iso.json").path
        #expect(try CLIRunner.run(["isoflop", Self.sweep, "--no-approach3", "--output", artifact]).status == 0)
        let can = "it gives the compute-optimal frontier N*(C), D*(C) with intervals ('optimal', 'forecast', 'plot --kind isoflop|isoflop-frontier'), and no loss"
        let cases: [([String], String)] = [
            (["predict", "--fit", artifact, "--n", "7e10", "--d", "1.4e12"], "error: iso-FLOP \(artifact) cannot give a loss prediction ('predict'): \(can)"),
            (["optimal", "--fit", artifact, "--budget", "1e22", "--cost", "6ND"],
             "error: iso-FLOP \(artifact) cannot give --cost, --cost-from, --fixed-n, --fixed-d, --unique-tokens or --target-loss (they need a loss law): \(can)"),
            (["forecast", "--fit", artifact, "--budgets", "1e22", "--hardware", "H100"], "error: iso-FLOP \(artifact) cannot give --hardware: \(can)"),
            (["plot", artifact, "--kind", "curves"], "error: iso-FLOP \(artifact) cannot give a '--kind curves' figure: \(can)"),
            (["score", "--fit", artifact, "--compute", "1e24"],
             "error: \(artifact): an iso-FLOP artifact written by 'scaling-laws isoflop --output', but this needs a fit artifact written by 'scaling-laws fit --output'"),
        ]
        for (arguments, message) in cases {
            let result = try CLIRunner.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderrLines == [message])
            #expect(result.stdout.isEmpty)
        }
        let svg = directory.appendingPathComponent("frontier.svg").path
        let plot = try CLIRunner.run(["plot", artifact, "--kind", "isoflop-frontier", "--output", svg])
        #expect(plot.status == 0, "\(plot.stderr)")
        #expect(try String(contentsOfFile: svg, encoding: .utf8).contains("<svg"))
    }

    @Test("--law with --param: a law given by value predicts and allocates as the same constants")
    func lawGivenByValue() throws {
        let constants = ["E=1.69", "A=406.4", "B=410.7", "alpha=0.34", "beta=0.28"].flatMap { ["--param", $0] }
        let predicted = try CLIRunner.run(["predict", "--law", "E + A/N^alpha + B/D^beta", "--n", "7e10", "--d", "1.4e12", "--format", "csv"] + constants)
        #expect(predicted.status == 0, "\(predicted.stderr)")
        let expected = 1.69 + 406.4 / pow(7e10, 0.34) + 410.7 / pow(1.4e12, 0.28)
        #expect(isClose(try Self.column(Fixtures.csv(predicted.stdout), "loss_predicted"), expected, rel: 1e-12))
        let optimal = try CLIRunner.run(["optimal", "--law", "chinchilla", "--budget", "1e22", "--format", "csv"] + constants)
        #expect(optimal.status == 0, "\(optimal.stderr)")
        let g = pow(0.34 * 406.4 / (0.28 * 410.7), 1 / 0.62)
        #expect(isClose(try Self.column(Fixtures.csv(optimal.stdout), "n_opt"), g * pow(1e22 / 6, 0.28 / 0.62), rel: 1e-10))
        let missing = try CLIRunner.run(["optimal", "--law", "chinchilla", "--param", "E=1.69", "--budget", "1e22"])
        #expect(missing.stderrLines == ["error: --law chinchilla needs --param A=VALUE (its parameters: E, A, B, alpha, beta)"])
        let unknown = try CLIRunner.run(["predict", "--law", "chinchilla", "--param", "gamma=1", "--n", "1", "--d", "1"])
        #expect(unknown.stderrLines == ["error: invalid --param 'gamma': law chinchilla has no such parameter (its parameters: E, A, B, alpha, beta)"])
        let two = try CLIRunner.run(["optimal", "--law", "chinchilla", "--preset", "epoch2024", "--budget", "1e22"])
        #expect(two.status == 64)
        #expect(two.stderr.contains("give exactly one of --fit <file>, --preset <name> and --law <law>"))
    }
}
