import Foundation
import Testing
import TestSupport

/// The seed families as decisions from the command line (issue 20, items 1, 2, 6, 7): every
/// family's presets, the DiT law set, Kaplan fits under the default cost, the critical batch,
/// and the assumed prices of the cost model. Expected values are the papers' formulas evaluated
/// independently (comments give the arithmetic).
@Suite("seed families as decisions: presets, DiT, Kaplan, critical batch, costs")
struct SeedFamilyDecisionTests {
    /// The value of `column` in the first row of `csv`.
    static func value(_ csv: String, _ column: String, row: Int = 0) throws -> Double {
        let parsed = Fixtures.csv(csv)
        let k = try #require(parsed.header.firstIndex(of: column), "no column \(column) in \(parsed.header)")
        return try #require(Double(parsed.rows[row][k]), "\(column): \(parsed.rows[row][k])")
    }

    // MARK: - DiT (Liang et al. 2024)

    @Test("optimal --preset liang2024 --budget 1.5e21: N*, D*, loss, FID from the paper's four laws, with the range warning")
    func ditPreset() throws {
        let result = try CLIRunner.run(["optimal", "--preset", "liang2024", "--budget", "1.5e21", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        // N_opt = 0.0009·C^0.5681, D_opt = 186.8535·C^0.4319, L = 2.3943·C^−0.0273, FID = 2.2566e6·C^−0.234
        // at C = 1.5e21 (arXiv:2410.08184, Section 3).
        #expect(isClose(try Self.value(result.stdout, "n_opt"), 9.646726e8, rel: 1e-6))
        #expect(isClose(try Self.value(result.stdout, "d_opt"), 2.614900e11, rel: 1e-6))
        #expect(isClose(try Self.value(result.stdout, "loss"), 0.6325156, rel: 1e-6))
        #expect(isClose(try Self.value(result.stdout, "fid"), 25.01781, rel: 1e-6))
        // The paper fitted 1e17–6e18 FLOP: 1.5e21 is 250× beyond, and the command says so.
        #expect(result.stderr == "warning: N_opt, D_opt, loss, FID at 1.5e+21 FLOP extrapolate 250× beyond the budgets fitted (1e+17–6e+18 FLOP)\n")

        let forecast = try CLIRunner.run(["forecast", "--preset", "dit2024", "--budgets", "1e18,1.5e21", "--format", "csv"])
        #expect(forecast.status == 0, "\(forecast.stderr)")
        // 0.0009·1e18^0.5681 = 1.513709e7; inside the fitted range, so only the 1.5e21 row warns.
        #expect(isClose(try Self.value(forecast.stdout, "n_opt"), 1.513709e7, rel: 1e-6))
        #expect(forecast.stderrLines.count == 1)
    }

    @Test("--frontier-fit: the four DiT laws fitted to the bundled simulation give every member at 1.5e21 with 95% intervals that cover the true values")
    func ditFromFits() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = CLIRunner.root.appendingPathComponent("Datasets/dit-compute-synthetic/data.csv").path
        for role in ["N_opt", "D_opt", "loss", "FID"] {
            let fit = try CLIRunner.run(["fit", data, "--law", "power-law", "--x", "x=C", "--x", "y=\(role)", "--output", "\(role).json"], in: directory)
            #expect(fit.status == 0, "\(role): \(fit.stderr)")
        }
        let arguments = ["optimal", "--frontier-fit", "N=N_opt.json", "--frontier-fit", "D=D_opt.json",
                         "--frontier-fit", "loss=loss.json", "--frontier-fit", "FID=FID.json", "--budget", "1.5e21"]
        let csv = try CLIRunner.run(arguments + ["--format", "csv"], in: directory)
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(Fixtures.csv(csv.stdout).header == [
            "budget_flop", "n_opt", "n_opt_lower", "n_opt_upper", "d_opt", "d_opt_lower", "d_opt_upper",
            "loss", "loss_lower", "loss_upper", "fid", "fid_lower", "fid_upper",
        ])
        // The simulation's truth is the paper's laws (Datasets/dit-compute-synthetic/generate.py).
        let truth = ["n_opt": 9.646726e8, "d_opt": 2.614900e11, "loss": 0.6325156, "fid": 25.01781]
        for (key, value) in truth {
            let lower = try Self.value(csv.stdout, "\(key)_lower"), upper = try Self.value(csv.stdout, "\(key)_upper")
            #expect(lower < value && value < upper, "\(key): [\(lower), \(upper)] misses \(value)")
            #expect(isClose(try Self.value(csv.stdout, key), value, rel: 0.1))
        }
        // A single power-law fit is not a decision: the refusal says how to give the set.
        let alone = try CLIRunner.run(["optimal", "--fit", "N_opt.json", "--budget", "1.5e21"], in: directory)
        #expect(alone.status == 1)
        #expect(alone.stderr.hasPrefix("error: fit N_opt.json cannot give a compute-optimal allocation from power-law of x alone"))
        #expect(alone.stderr.contains("--frontier-fit N=N_OPT.json --frontier-fit D=D_OPT.json"))
        #expect(alone.stdout.isEmpty)
        let forecastAlone = try CLIRunner.run(["forecast", "--fit", "N_opt.json", "--budgets", "1e21"], in: directory)
        #expect(forecastAlone.status == 1)
        #expect(forecastAlone.stderrLines.count == 1)
        // A set without D_opt is refused naming the option and the missing member.
        let missing = try CLIRunner.run(["optimal", "--frontier-fit", "N=N_opt.json", "--frontier-fit", "loss=loss.json", "--budget", "1e21"], in: directory)
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: --frontier-fit: the law set frontier fits has no D_opt member (it has: N_opt, loss); give --frontier-fit D=FILE\n")
    }

    // MARK: - Presets everywhere

    @Test("laws lists every family's presets; --preset resolves each wherever a law is accepted")
    func presetsEverywhere() throws {
        let json = try CLIRunner.run(["laws", "--format", "json"])
        #expect(json.status == 0)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        var presets: [String: [String]] = [:]
        for entry in entries {
            let name = try #require(entry["name"] as? String)
            presets[name] = (entry["presets"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        }
        #expect(presets["chinchilla"] == ["hoffmann-rounded", "hoffmann", "epoch2024", "muennighoff-c4"])
        #expect(presets["kaplan-nd"] == ["kaplan2020-nd"])
        #expect(presets["kaplan-n"] == ["kaplan2020-n"])
        #expect(presets["kaplan-c"] == ["kaplan2020-cmin", "kaplan2020-c-fixed-batch"])
        #expect(presets["kaplan-ns"] == ["kaplan2020-ns"])
        #expect(presets["power-law"] == ["liang2024-n-opt", "liang2024-d-opt", "liang2024-loss", "liang2024-fid", "liang2024"])
        #expect(presets["data-constrained"] == ["muennighoff-c4"])

        // predict with a Kaplan preset: L(N) = (8.8e13/N)^0.076 = 2.375640 at N = 1e9 (eq. 1.1).
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.write("N\n1e9\n", to: "n.csv", in: directory)
        let predict = try CLIRunner.run(["predict", "--preset", "kaplan2020-n", "--points", "n.csv", "--format", "csv"], in: directory)
        #expect(predict.status == 0, "\(predict.stderr)")
        #expect(predict.stdout.contains("2.37564"))
        // An unknown preset lists them all.
        let unknown = try CLIRunner.run(["predict", "--preset", "kaplan", "--points", "n.csv"], in: directory)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("kaplan2020-nd") && unknown.stderr.contains("liang2024") && unknown.stderr.contains("epoch2024"))
    }

    // MARK: - Kaplan et al. 2020

    @Test("optimal and forecast for Kaplan's eq. 1.5 under the default cost, with the 0.575 vs 0.73 note")
    func kaplanDefaultCost() throws {
        let result = try CLIRunner.run(["optimal", "--preset", "kaplan2020-nd", "--budget", "1e21", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        // Minimising (N_c/N)^(α_N/α_D) + 6·D_c·N/C: N = (p·N_c^p·C/(6·D_c))^(1/(1+p)), p = α_N/α_D,
        // with Table 2's N_c = 6.4e13, D_c = 1.8e13, α_N = 0.076, α_D = 0.103: N = 6.231221e9,
        // D = C/(6N) = 2.674703e10, L = 2.136012.
        #expect(isClose(try Self.value(result.stdout, "n_opt"), 6.231221e9, rel: 1e-4))
        #expect(isClose(try Self.value(result.stdout, "d_opt"), 2.674703e10, rel: 1e-4))
        #expect(isClose(try Self.value(result.stdout, "loss"), 2.136012, rel: 1e-6))
        let table = try CLIRunner.run(["optimal", "--preset", "kaplan2020-nd", "--budget", "1e21"])
        #expect(table.stdout.contains("under C = 6ND eq. 1.5 implies N_opt ∝ C^0.5754"))
        #expect(table.stdout.contains("N ∝ C_min^0.73 (eq. 1.7)"))

        // A Kaplan fit: `optimal --fit kaplan_nd.json` no longer says "needs a chinchilla fit".
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = CLIRunner.root.appendingPathComponent("Datasets/kaplan-synthetic/data.csv").path
        let fit = try CLIRunner.run(["fit", data, "--law", "kaplan-nd", "--output", "kaplan_nd.json"], in: directory)
        #expect(fit.status == 0, "\(fit.stderr)")
        let optimal = try CLIRunner.run(["optimal", "--fit", "kaplan_nd.json", "--budget", "1e21"], in: directory)
        #expect(optimal.status == 0, "\(optimal.stderr)")
        #expect(optimal.stdout.contains("note:") && optimal.stdout.contains("cost:     C = 6ND"))
        let forecast = try CLIRunner.run(["forecast", "--fit", "kaplan_nd.json", "--budgets", "1e20,1e21"], in: directory)
        #expect(forecast.status == 0, "\(forecast.stderr)")
        #expect(forecast.stdout.contains("implies N_opt ∝ C^"))
    }

    @Test("critical-batch: B_crit(L) = 2e8/L^(1/0.21), S_min, E_min, C_min (eqs 1.4, 5.3–5.5)")
    func criticalBatch() throws {
        let result = try CLIRunner.run(["critical-batch", "--target-loss", "3", "--target-loss", "2.5", "--batch-size", "1M",
                                        "--steps", "250000", "--n", "1.5B", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Fixtures.csv(result.stdout).header == [
            "loss", "critical_batch_tokens", "batch_over_critical", "minimum_steps", "minimum_tokens", "minimum_compute_flop",
        ])
        // L = 3: B_crit = 2e8/3^(1/0.21) = 1.069114e6 tokens; S_min = 250000/(1 + B_crit/1e6) = 120824.7;
        // E_min = 2.5e11/(1 + 1e6/B_crit) = 1.291753e11; C_min = 6·1.5e9·2.5e11/(1 + 1e6/B_crit) = 1.162578e21.
        #expect(isClose(try Self.value(result.stdout, "critical_batch_tokens"), 1.069114e6, rel: 1e-6))
        #expect(isClose(try Self.value(result.stdout, "minimum_steps"), 120824.66, rel: 1e-6))
        #expect(isClose(try Self.value(result.stdout, "minimum_tokens"), 1.2917534e11, rel: 1e-6))
        #expect(isClose(try Self.value(result.stdout, "minimum_compute_flop"), 1.1625780e21, rel: 1e-6))
        // L = 2.5: B_crit = 2.547285e6.
        #expect(isClose(try Self.value(result.stdout, "critical_batch_tokens", row: 1), 2.547285e6, rel: 1e-6))

        let bad = try CLIRunner.run(["critical-batch", "--target-loss", "3", "--steps", "1000"])
        #expect(bad.status == 1)
        #expect(bad.stderr == "error: --steps needs --batch-size (tokens per step) to convert to S_min or C_min\n")
        let none = try CLIRunner.run(["critical-batch"])
        #expect(none.status == 1)
        #expect(none.stderr == "error: give at least one --target-loss (nats/token)\n")
    }

    // MARK: - Costs (Cottier et al. 2024)

    @Test("cost prints every assumed price and rate, and derives the hardware's age from its release date and --training-date")
    func costAssumptions() throws {
        let plain = try CLIRunner.run(["cost", "--hardware", "H100", "--chips", "10000", "--days", "90"])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.contains("rental price: $5.00 per chip-hour"))
        #expect(plain.stdout.contains("chip price:   $30.0k per chip; ×1.64 with its server share = $49.2k (P0)"))
        #expect(plain.stdout.contains("H100 was released 2022-03-22, give --training-date to derive its age"))
        let h200 = try CLIRunner.run(["cost", "--hardware", "H200", "--chips", "8", "--days", "1"])
        #expect(h200.stdout.contains("rental price: none documented for H200"))

        let dated = try CLIRunner.run(["cost", "--hardware", "H100", "--chips", "10000", "--days", "90", "--training-date", "2024-03-01", "--format", "csv"])
        #expect(dated.status == 0, "\(dated.stderr)")
        // Decimal years: 2024-03-01 = 2024 + 60/366, 2022-03-22 = 2022 + 80/365: 1.944756 years;
        // P_start = 30000·1.64·10^(−0.14·1.944756) = 26284.47 USD.
        let rows = Fixtures.csv(dated.stdout).rows
        let start = try #require(rows.first { $0[0] == "price_per_chip" })
        #expect(isClose(try #require(Double(start[1])), 26284.47, rel: 1e-6))
        let table = try CLIRunner.run(["cost", "--hardware", "H100", "--chips", "10000", "--days", "90", "--training-date", "2024-03-01"])
        #expect(table.stdout.contains("hardware age: 1.945 years since acquisition (release date 2022-03-22 to training date 2024-03-01)"))

        let bad = try CLIRunner.run(["cost", "--hardware", "H100", "--chips", "1", "--days", "1", "--training-date", "2024-13-01"])
        #expect(bad.status == 1)
        #expect(bad.stderr == "error: invalid --training-date '2024-13-01': expected a date YYYY-MM-DD (e.g. 2024-03-01) or a decimal year (2024.2)\n")
        let early = try CLIRunner.run(["cost", "--hardware", "H200", "--chips", "1", "--days", "1", "--training-date", "2023-01-01"])
        #expect(early.stderr == "error: --training-date 2023-01-01 is before H200's release date 2023-11-13\n")
        let both = try CLIRunner.run(["cost", "--hardware", "H100", "--chips", "1", "--days", "1", "--training-date", "2024-01-01", "--years-since-acquisition", "1"])
        #expect(both.status != 0)

        let forecast = try CLIRunner.run(["forecast", "--preset", "epoch2024", "--budgets", "1e24", "--hardware", "A100", "--chips", "1000", "--training-date", "2022-05-14"])
        #expect(forecast.status == 0, "\(forecast.stderr)")
        #expect(forecast.stdout.contains("rental price:") && forecast.stdout.contains("release date 2020-05-14 to training date 2022-05-14"))
    }

    // MARK: - Plots

    @Test("plot --kind forecast of a DiT power-law fit: log y axis, axes named from the columns, --x-range reaching 1.5e21")
    func ditForecastPlot() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = CLIRunner.root.appendingPathComponent("Datasets/dit-compute-synthetic/data.csv").path
        let fit = try CLIRunner.run(["fit", data, "--law", "power-law", "--x", "x=C", "--x", "y=FID", "--output", "fid.json"], in: directory)
        #expect(fit.status == 0, "\(fit.stderr)")
        let plot = try CLIRunner.run(["plot", "fid.json", "--kind", "forecast", "--x-range", "1e17:1.5e21", "--output", "fid.svg"], in: directory)
        #expect(plot.status == 0, "\(plot.stderr)")
        let svg = try String(contentsOf: directory.appendingPathComponent("fid.svg"), encoding: .utf8)
        let texts = svg.components(separatedBy: "<text").dropFirst().compactMap { piece -> String? in
            guard let open = piece.firstIndex(of: ">"), let close = piece.range(of: "</text>") else { return nil }
            return String(piece[piece.index(after: open)..<close.lowerBound])
        }
        // The x axis reaches the budget asked for (1.5e21 > 10^21); the axes name the columns.
        #expect(texts.contains("10²¹"), "\(texts)")
        #expect(texts.contains("C (FLOP)") && texts.contains("FID"), "\(texts)")
        #expect(texts.contains("Forecast: FID vs C"))
        // FID falls from ~240 to ~25 over the range: a log axis has the 1-2-5 ticks 50, 100, 200
        // (a linear axis over 20–300 would tick 50, 100, 150, 200, 250).
        #expect(texts.contains("100") && !texts.contains("150"), "\(texts)")
        let wrong = try CLIRunner.run(["plot", "fid.json", "--kind", "curves", "--x-range", "1e17:1e21"], in: directory)
        #expect(wrong.status != 0)
    }

    // MARK: - isoflop L*(C)

    @Test("isoflop fits L*(C) = k·C^e to its per-budget minima (the log-log line of the loss_star column)")
    func isoflopLossFrontier() throws {
        let data = "Datasets/isoflop-synthetic/data.csv"
        let csv = try CLIRunner.run(["isoflop", data, "--budget-column", "budget", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let parsed = Fixtures.csv(csv.stdout)
        let b = try #require(parsed.header.firstIndex(of: "budget_flop")), l = try #require(parsed.header.firstIndex(of: "loss_star"))
        let s = try #require(parsed.header.firstIndex(of: "status"))
        var x: [Double] = [], y: [Double] = []
        for row in parsed.rows where row[s] == "accepted" {
            x.append(log(try #require(Double(row[b]))))
            y.append(log(try #require(Double(row[l]))))
        }
        // Ordinary least squares of log L* on log C, written out here.
        let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
        var sxy = 0.0, sxx = 0.0
        for (xi, yi) in zip(x, y) { sxy += (xi - mx) * (yi - my); sxx += (xi - mx) * (xi - mx) }
        let slope = sxy / sxx, coefficient = exp(my - slope * mx)
        let json = try CLIRunner.run(["isoflop", data, "--budget-column", "budget", "--format", "json"])
        let object = try Fixtures.object(json.stdout)
        let loss = try #require(object["lossLaw"] as? [String: Any])
        #expect(isClose(try #require(loss["exponent"] as? Double), slope, rel: 1e-9))
        #expect(isClose(try #require(loss["coefficient"] as? Double), coefficient, rel: 1e-9))
        let table = try CLIRunner.run(["isoflop", data, "--budget-column", "budget"])
        #expect(table.stdout.contains("L* = k·C^e"))
    }
}
