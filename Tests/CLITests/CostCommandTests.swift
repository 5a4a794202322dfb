import Foundation
import Testing
import TestSupport

/// `scaling-laws cost` and `scaling-laws cost-trend`.
@Suite("cost commands")
struct CostCommandTests {
    /// The CSV `quantity,value,unit` of `cost` as a dictionary.
    static func quantities(_ stdout: String) throws -> [String: Double] {
        var out: [String: Double] = [:]
        for row in Fixtures.csv(stdout).rows where row.count == 3 {
            out[row[0]] = Double(row[1])
        }
        return out
    }

    @Test("laws.md §9: 10,000 H100 for 90 days — table snapshot and the test vector in CSV")
    func h100Cluster() throws {
        let table = try CLIRunner.run(["cost", "--hardware", "H100", "--chips", "10000", "--days", "90"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stderr.isEmpty)
        Snapshot.check(table.stdout, named: "cost-h100-90days.txt")

        let csv = try CLIRunner.run(["cost", "--hardware", "H100", "--chips", "10000", "--days", "90", "--format", "csv"])
        #expect(csv.status == 0)
        #expect(Fixtures.csv(csv.stdout).header == ["quantity", "value", "unit"])
        let q = try Self.quantities(csv.stdout)
        #expect(q["chip_hours"] == 2.16e7)
        #expect(isClose(try #require(q["amortized_per_chip_hour"]), 1.809, abs: 5e-4))
        #expect(isClose(try #require(q["hardware_amortized"]), 3.908e7, abs: 5e3))
        #expect(isClose(try #require(q["interconnect"]), 9.17e6, abs: 5e3))
        #expect(isClose(try #require(q["energy_cost"]), 1.83e6, abs: 5e3))
        #expect(isClose(try #require(q["power_per_chip"]), 1.052, abs: 5e-4))
        #expect(isClose(try #require(q["total"]), 5.008e7, abs: 5e3))
        #expect(isClose(try #require(q["training_hours"]), 2160, rel: 1e-15))
    }

    @Test("--flop 1e25 --mfu 0.4: chip-hours FLOP/(peak × MFU)/3600 and 29.24 days on 10,000 chips (scientific numbers)")
    func fromFLOP() throws {
        let table = try CLIRunner.run(["cost", "--hardware", "H100", "--flop", "1e25", "--mfu", "0.4", "--chips", "10000", "--numbers", "scientific"])
        #expect(table.status == 0, "\(table.stderr)")
        Snapshot.check(table.stdout, named: "cost-h100-1e25-scientific.txt")
        let csv = try CLIRunner.run(["cost", "--hardware", "H100", "--flop", "1e25", "--mfu", "0.4", "--chips", "10k", "--format", "csv"])
        let q = try Self.quantities(csv.stdout)
        #expect(isClose(try #require(q["chip_hours"]), 7_018_134.86047948, rel: 1e-12))
        #expect(isClose(try #require(q["training_hours"]) / 24, 29.242228585331166, rel: 1e-12))
        #expect(q["flop"] == 1e25)
    }

    @Test("every hardware field can be overridden: by a JSON file and by options, options winning")
    func overrides() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.write(#"{"preset": "H100", "chipPrice": 25000, "rentalPricePerChipHour": 2}"#, to: "h.json", in: directory)
        let result = try CLIRunner.run(
            ["cost", "--hardware-file", "h.json", "--chips", "1000", "--hours", "100", "--rental-price", "2.5", "--format", "csv"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let q = try Self.quantities(result.stdout)
        let p0: Double = 25_000 * 1.64
        #expect(isClose(try #require(q["price_per_chip"]), p0, rel: 1e-14))
        #expect(isClose(try #require(q["rental"]), 250_000, rel: 1e-14))
        let json = try CLIRunner.run(["cost", "--hardware-file", "h.json", "--chips", "1000", "--hours", "100", "--format", "json"], in: directory)
        let object = try Fixtures.object(json.stdout)
        let hardware = try #require(object["hardware"] as? [String: Any])
        #expect(hardware["notes"] as? String == "overridden: chipPrice, rentalPricePerChipHour")
        // PUE 1.25 (not a hyperscaler) and the 2021 electricity price.
        let energy = try CLIRunner.run(["cost", "--hardware", "A100", "--chips", "100", "--hours", "10", "--pue", "1.25", "--energy-year", "2021", "--format", "csv"])
        let e = try Self.quantities(energy.stdout)
        let kW: Double = 0.4 * (6.5 / 8) / 0.4 * 0.75 * 1.25
        let dollars: Double = kW * 1000 * 0.0718
        #expect(isClose(try #require(e["energy_cost"]), dollars, rel: 1e-13))
    }

    @Test("bad cost inputs: one line on stderr naming the option, exit 1", arguments: [
        (["--hardware", "B300", "--chips", "1", "--days", "1"], "error: unknown hardware 'B300' (presets: A100, H100, H200, TPU-v4, TPU-v5e, TPU-v5p)"),
        (["--hardware", "H100", "--chips", "0", "--days", "90"], "error: invalid --chips '0': expected a positive number of chips"),
        (["--hardware", "H100", "--flop", "1e25", "--mfu", "1.5"], "error: invalid --mfu '1.5': expected a fraction in (0, 1]"),
        (["--hardware", "H100", "--chips", "10", "--days", "abc"], "error: invalid --days 'abc': expected a positive number of days"),
        (["--hardware", "H100", "--chips", "10", "--days", "9", "--energy-year", "2010"], "error: invalid energy year: expected a year from 2015 to 2024, got 2010"),
        (["--hardware", "H100", "--chips", "10", "--days", "9", "--tdp=-5"], "error: invalid --tdp '-5': expected a positive number of watts"),
        (["--hardware-file", "nope.json", "--chips", "10", "--days", "9"], "error: no such file: nope.json"),
    ])
    func badCostInputs(_ arguments: [String], _ message: String) throws {
        let result = try CLIRunner.run(["cost"] + arguments)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines == [message])
    }

    @Test("malformed cost invocations get usage and status 64", arguments: [
        (["--chips", "1", "--days", "1"], "give the hardware with --hardware <name> or --hardware-file <file>"),
        (["--hardware", "H100", "--days", "9"], "--days and --hours need --chips"),
        (["--hardware", "H100", "--chips", "9"], "give either --chips with --days or --hours, or --flop (with --mfu and optionally --chips)"),
        (["--hardware", "H100", "--chips", "9", "--days", "1", "--mfu", "0.5"], "--mfu applies only with --flop"),
    ])
    func malformed(_ arguments: [String], _ message: String) throws {
        let result = try CLIRunner.run(["cost"] + arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message))
    }

    // MARK: cost-trend

    static let synthetic = ["cost-trend", "Datasets/frontier-cost-synthetic/data.csv", "--date-column", "publication_date", "--cost-column", "cost"]

    @Test("cost-trend on Cottier et al.'s 45 runs: 0.389 OOM/yr, 2.45×/yr, R² 0.608; 2027 cost; $1B crossing",
          .enabled(if: RepositoryPaths.hasSharedData))
    func cottier() throws {
        let path = try #require(RepositoryPaths.sharedDataset("epoch_training_costs/cottier2024_frontier_costs_45.csv")).path
        let arguments = ["cost-trend", path, "--date-column", "Publication date", "--cost-column", "cost_hw_capex_energy_2023usd",
                         "--name-column", "System", "--year", "2027", "--threshold", "1e9"]
        let table = try CLIRunner.run(arguments)
        #expect(table.status == 0, "\(table.stderr)")
        Snapshot.check(table.stdout, named: "cost-trend-cottier.txt")
        let csv = try CLIRunner.run(arguments + ["--format", "csv"])
        var rows: [String: [String]] = [:]
        for row in Fixtures.csv(csv.stdout).rows { rows[row[0]] = row }
        let slope = try #require(rows["slope"])
        #expect(isClose(try #require(Double(slope[1])), 0.389, abs: 5e-4))
        #expect(isClose(try #require(Double(slope[2])), 0.293, abs: 5e-4))
        #expect(isClose(try #require(Double(slope[3])), 0.485, abs: 5e-4))
        let growth = try #require(rows["growth_factor"])
        #expect(isClose(try #require(Double(growth[1])), 2.45, abs: 5e-3))
        #expect(isClose(try #require(Double(rows["r_squared"]?[1] ?? "")), 0.608, abs: 5e-4))
        // GPT-4 at 2.45×/yr passes $1B in 2026.78: "by 2027".
        #expect(isClose(try #require(Double(rows["crossing_largest_run"]?[1] ?? "")), 2026.778547249765, abs: 1e-9))
        #expect(isClose(try #require(Double(rows["crossing_trend"]?[1] ?? "")), 2029.774657721716, abs: 1e-9))
    }

    @Test("bad cost-trend inputs: one line on stderr, exit 1", arguments: [
        (["--year", "2040"], "error: year 2040.00 is too far from the data (2016.33–2023.91): forecasts are limited to 2008.74–2031.49 (one data span either side)"),
        (["--threshold", "0"], "error: threshold must be a positive finite cost, got 0"),
        (["--threshold", "abc"], "error: invalid --threshold 'abc': expected a positive cost, e.g. 1e9"),
        (["--year", "soon"], "error: invalid --year 'soon': expected a decimal year (2027, 2027.5) or a date (2027-06-30)"),
        (["--threshold", "1e15"], "error: the trend reaches 1e+15 only in 2042.99, outside the forecast range 2008.74–2031.49 (one data span either side of the data)"),
    ])
    func badTrendInputs(_ arguments: [String], _ message: String) throws {
        let result = try CLIRunner.run(Self.synthetic + arguments)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines == [message])
    }

    @Test("cost-trend names a missing column and the nearest one")
    func missingColumn() throws {
        let result = try CLIRunner.run(["cost-trend", "Datasets/frontier-cost-synthetic/data.csv", "--date-column", "publication_date", "--cost-column", "costs"])
        #expect(result.status == 1)
        #expect(result.stderrLines == ["error: data.csv: no column named 'costs'; did you mean 'cost'? (columns: system, publication_date, year, cost)"])
    }

    @Test("--help")
    func help() throws {
        for (command, name) in [("cost", "help-cost.txt"), ("cost-trend", "help-cost-trend.txt")] {
            let result = try CLIRunner.run([command, "--help"])
            #expect(result.status == 0)
            Snapshot.check(result.stdout, named: name)
        }
    }
}
