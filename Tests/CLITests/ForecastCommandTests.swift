import Foundation
import Testing
import TestSupport

/// `scaling-laws forecast`.
@Suite("forecast command")
struct ForecastCommandTests {
    @Test("epoch2024 at 5.76e23 FLOP: N_opt 7.236e10, D_opt 1.327e12 (Besiroglu et al. 2024)")
    func epochPoint() throws {
        let csv = try CLIRunner.run(["forecast", "--preset", "epoch2024", "--budgets", "5.76e23", "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stderr.isEmpty)
        let parsed = Fixtures.csv(csv.stdout)
        // A preset has no covariance: no interval columns (the header promised five that were
        // empty in every row).
        #expect(parsed.header == ["budget_flop", "n_opt", "d_opt", "tokens_per_parameter", "loss"])
        #expect(parsed.rows.count == 1)
        let row = try #require(parsed.rows.first)
        #expect(isClose(try #require(Double(row[0])), 5.76e23, rel: 1e-12))
        #expect(isClose(try #require(Double(row[1])), 7.236e10, rel: 1e-3))
        #expect(isClose(try #require(Double(row[2])), 1.327e12, rel: 1e-3))
        #expect(isClose(try #require(Double(row[3])), 18.3, rel: 3e-3))
        #expect(row.count == 5)

        let table = try CLIRunner.run(["forecast", "--preset", "epoch2024", "--budgets", "5.76e23"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("72.4B"))
        #expect(table.stdout.contains("1.33T"))
        #expect(table.stdout.contains("N_opt (params)"))
        #expect(table.stdout.contains("D_opt (tokens)"))
    }

    @Test("epoch2024 over 1e21…1e27, every decade: table snapshot, and the other formats")
    func epochRange() throws {
        let result = try CLIRunner.run(["forecast", "--preset", "epoch2024", "--budgets", "1e21:1e27:x10"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        Snapshot.check(result.stdout, named: "forecast-epoch2024.txt")

        let latex = try CLIRunner.run(["forecast", "--preset", "epoch2024", "--budgets", "1e21:1e27:x10", "--format", "latex"])
        #expect(latex.status == 0)
        Snapshot.check(latex.stdout, named: "forecast-epoch2024.tex")

        let markdown = try CLIRunner.run(["forecast", "--preset", "epoch2024", "--budgets", "1e21:1e27:x10", "--format", "markdown"])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("| budget (FLOP) | N_opt (params) |"))
        // The budgets table: a header, its rule and one row per budget (the fields are a table of their own).
        let budgetsTable = markdown.stdout.components(separatedBy: "### Budgets").last ?? ""
        #expect(budgetsTable.split(separator: "\n").filter { $0.hasPrefix("|") }.count == 9)

        let json = try CLIRunner.run(["forecast", "--preset", "epoch2024", "--budgets", "1e21:1e27:x10", "--format", "json"])
        #expect(json.status == 0)
        let object = try Fixtures.object(json.stdout)
        #expect(object["cost"] as? String == "C = 6ND")
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.count == 7)
        // Besiroglu et al.: 21.5 tokens per parameter at 1e21, 17.1 at 1e25.
        #expect(isClose(try #require(rows[0]["tokensPerParameter"] as? Double), 21.5, rel: 3e-3))
        #expect(isClose(try #require(rows[4]["tokensPerParameter"] as? Double), 17.1, rel: 3e-3))
    }

    @Test("inference-inclusive cost shifts the optimum to smaller models")
    func inferenceCost() throws {
        func n(_ cost: String) throws -> Double {
            let result = try CLIRunner.run(["forecast", "--preset", "epoch2024", "--budgets", "5.76e23", "--cost", cost, "--format", "csv"])
            #expect(result.status == 0, "\(result.stderr)")
            let row = try #require(Fixtures.csv(result.stdout).rows.first)
            return try #require(Double(row[1]))
        }
        let training = try n("6ND")
        let served = try n("inference:10T")
        #expect(isClose(training, 7.236e10, rel: 1e-3))
        #expect(served < 0.8 * training)
        let table = try CLIRunner.run(["forecast", "--preset", "epoch2024", "--budgets", "5.76e23", "--cost", "inference:1e13"])
        #expect(table.stdout.contains("cost:     C = 6ND + 2N·T (T = 1e+13 tokens served)"))
    }

    @Test("--fit: losses carry the confidence interval of the mean curve")
    func fromFit() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let artifact = directory.appendingPathComponent("fit.json").path
        let fit = try CLIRunner.run(["fit", Fixtures.syntheticData, "--output", artifact])
        #expect(fit.status == 0)
        let result = try CLIRunner.run(["forecast", "--fit", "fit.json", "--budgets", "1e21,5.76e23", "--format", "csv"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = Fixtures.csv(result.stdout).rows
        #expect(rows.count == 2)
        for row in rows {
            let loss = try #require(Double(row[4]))
            let se = try #require(Double(row[5]))
            let lower = try #require(Double(row[6]))
            let upper = try #require(Double(row[7]))
            let predictionLower = try #require(Double(row[8]))
            let predictionUpper = try #require(Double(row[9]))
            #expect(se > 0)
            #expect(lower < loss && loss < upper)
            // A new run scatters about the mean curve: the PI contains the CI.
            #expect(predictionLower < lower && upper < predictionUpper)
        }
        // The synthetic data come from the Epoch constants.
        #expect(isClose(try #require(Double(rows[1][1])), 7.236e10, rel: 0.1))
        let table = try CLIRunner.run(["forecast", "--fit", "fit.json", "--budgets", "1e21"], in: directory)
        #expect(table.stdout.contains("% CI low"))
        #expect(table.stdout.contains("% PI low"))
        #expect(table.stdout.contains("of the mean curve at (N_opt, D_opt) and 95% PI of a new run there (adds the fit's residual scatter); delta method"))
    }

    @Test("bad budget and cost specs: one line on stderr, exit 1", arguments: [
        (["--budgets", "1e21:1e27"], "error: invalid budgets '1e21:1e27': expected START:STOP:xFACTOR (e.g. 1e21:1e27:x10) or a comma list (e.g. 1e21,5.76e23)"),
        (["--budgets", "1e21:1e27:10"], "error: invalid budgets '1e21:1e27:10': step '10' must be a factor written xFACTOR, e.g. x10"),
        (["--budgets", "1e27:1e21:x10"], "error: invalid budgets '1e27:1e21:x10': start 1e27 is above stop 1e21"),
        (["--budgets", "1e21:1e27:x1"], "error: invalid budgets '1e21:1e27:x1': factor x1 must be greater than 1"),
        (["--budgets", "1e21,lots"], "error: invalid budgets '1e21,lots': 'lots' is not a number"),
        (["--budgets", "1e21,0"], "error: invalid budgets '1e21,0': '0' is not a positive number of FLOP"),
        (["--budgets", "5"], "error: budget 5 FLOP is too small: no allocation with N ≥ 1 parameter and D ≥ 1 token fits under C = 6ND"),
        (["--budgets", "1e21", "--cost", "8ND"], "error: invalid cost model '8ND': expected 6ND or inference:TOKENS, e.g. inference:1e13"),
    ])
    func badSpecs(_ arguments: [String], _ message: String) throws {
        let result = try CLIRunner.run(["forecast", "--preset", "epoch2024"] + arguments)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines == [message])
    }

    @Test("an unknown preset, and neither --fit nor --preset")
    func badSource() throws {
        let unknown = try CLIRunner.run(["forecast", "--preset", "nope", "--budgets", "1e21"])
        #expect(unknown.status == 1)
        #expect(unknown.stderrLines.count == 1)
        #expect(unknown.stderr.hasPrefix("error: unknown preset 'nope'"))
        let neither = try CLIRunner.run(["forecast", "--budgets", "1e21"])
        #expect(neither.status == 64)
        #expect(neither.stderr.contains("give exactly one of --fit <file>, --preset <name> and --law <law>"))
    }

    @Test("--help")
    func help() throws {
        let result = try CLIRunner.run(["forecast", "--help"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        Snapshot.check(result.stdout, named: "help-forecast.txt")
    }
}

/// `scaling-laws forecast --hardware …`, `--numbers`, `--from-csv`.
@Suite("forecast command: training cost columns")
struct ForecastTrainingCostTests {
    @Test("--hardware H100 --chips 10000: time to train and cost per budget (snapshot), exact in CSV")
    func h100() throws {
        let arguments = ["forecast", "--preset", "epoch2024", "--budgets", "1e23:1e26:x10", "--hardware", "H100", "--chips", "10000"]
        let table = try CLIRunner.run(arguments)
        #expect(table.status == 0, "\(table.stderr)")
        Snapshot.check(table.stdout, named: "forecast-epoch2024-h100.txt")
        let scientific = try CLIRunner.run(arguments + ["--numbers", "scientific"])
        #expect(scientific.status == 0)
        Snapshot.check(scientific.stdout, named: "forecast-epoch2024-h100-scientific.txt")

        let csv = try CLIRunner.run(arguments + ["--mfu", "0.4", "--format", "csv"])
        let parsed = Fixtures.csv(csv.stdout)
        #expect(parsed.header.suffix(4) == ["chip_hours", "training_hours", "cost_usd", "rental_usd"])
        // 1e25 FLOP at MFU 0.4 on 10,000 H100: 7,018,134.86 chip-hours, 29.24 days.
        let row = try #require(parsed.rows.dropFirst(2).first)
        let chipHours = try #require(parsed.header.firstIndex(of: "chip_hours"))
        let trainingHours = try #require(parsed.header.firstIndex(of: "training_hours"))
        let rentalUSD = try #require(parsed.header.firstIndex(of: "rental_usd"))
        #expect(isClose(try #require(Double(row[chipHours])), 7_018_134.86047948, rel: 1e-12))
        #expect(isClose(try #require(Double(row[trainingHours])) / 24, 29.242228585331166, rel: 1e-12))
        let rental: Double = 5.0 * 7_018_134.86047948
        #expect(isClose(try #require(Double(row[rentalUSD])), rental, rel: 1e-12))
        // The table with no hardware is unchanged: the original columns only (a preset has no
        // interval columns).
        let plain = try CLIRunner.run(["forecast", "--preset", "epoch2024", "--budgets", "1e23", "--format", "csv"])
        #expect(Fixtures.csv(plain.stdout).header.count == 5)
    }

    @Test("--from-csv reads budgets from a column; bad cells name file, line and column")
    func fromCSV() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.write("name,flop\na,1e21\nb,5.76e23\n", to: "budgets.csv", in: directory)
        let result = try CLIRunner.run(["forecast", "--preset", "epoch2024", "--from-csv", "budgets.csv", "--budget-column", "flop", "--format", "csv"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = Fixtures.csv(result.stdout).rows
        #expect(rows.count == 2)
        #expect(isClose(try #require(Double(rows[1][1])), 7.236e10, rel: 1e-3))
        try Fixtures.write("flop\n1e21\n-3\n", to: "bad.csv", in: directory)
        let bad = try CLIRunner.run(["forecast", "--preset", "epoch2024", "--from-csv", "bad.csv", "--budget-column", "flop"], in: directory)
        #expect(bad.status == 1)
        #expect(bad.stderrLines.count == 1)
        #expect(bad.stderr.hasPrefix("error: bad.csv, line 3, column 'flop'"))
        let both = try CLIRunner.run(["forecast", "--preset", "epoch2024", "--budgets", "1e21", "--from-csv", "bad.csv"], in: directory)
        #expect(both.status == 64)
        #expect(both.stderr.contains("give exactly one of --budgets <spec> and --from-csv <file>"))
        let chipsOnly = try CLIRunner.run(["forecast", "--preset", "epoch2024", "--budgets", "1e21", "--chips", "10"])
        #expect(chipsOnly.status == 64)
        #expect(chipsOnly.stderr.contains("--chips and --mfu need --hardware <name> or --hardware-file <file>"))
    }
}
