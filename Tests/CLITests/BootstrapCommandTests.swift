import Foundation
import Testing
import TestSupport

/// `scaling-laws fit --bootstrap N …`.
@Suite("fit --bootstrap")
struct BootstrapCommandTests {
    static let command = ["fit", Fixtures.syntheticData, "--bootstrap", "200", "--bootstrap-seed", "7", "--format", "json"]

    @Test("json: bootstrap object, SE within a factor 2 of the linearised SE, intervals bracket the estimate, deterministic")
    func jsonBootstrap() throws {
        let first = try CLIRunner.run(Self.command)
        #expect(first.status == 0, "\(first.stderr)")
        let object = try Fixtures.object(first.stdout)
        let bootstrap = try #require(object["bootstrap"] as? [String: Any])
        #expect(bootstrap["resamples"] as? Int == 200)
        #expect(bootstrap["seed"] as? Int == 7)
        #expect(bootstrap["kind"] as? String == "rows")
        #expect(bootstrap["confidenceLevel"] as? Double == 0.95)
        let converged = try #require(bootstrap["converged"] as? Int)
        #expect(converged >= 190)
        #expect(bootstrap["nonConverged"] as? Int == 200 - converged)
        let draws = try #require(bootstrap["draws"] as? [[Double]])
        #expect(draws.count == converged)
        #expect(draws.allSatisfy { $0.count == 5 })
        #expect(bootstrap["parameterNames"] as? [String] == ["E", "A", "B", "alpha", "beta"])

        let parameters = try #require(object["parameters"] as? [[String: Any]])
        let summaries = try #require(bootstrap["parameters"] as? [[String: Any]])
        #expect(summaries.count == 5)
        for (parameter, summary) in zip(parameters, summaries) {
            let name = try #require(parameter["name"] as? String)
            #expect(summary["name"] as? String == name)
            let value = try #require(parameter["value"] as? Double)
            let linearised = try #require(parameter["standardError"] as? Double)
            let se = try #require(summary["standardError"] as? Double)
            let lower = try #require(summary["lower"] as? Double)
            let upper = try #require(summary["upper"] as? Double)
            #expect(se > linearised / 2 && se < linearised * 2, "\(name): bootstrap SE \(se), linearised \(linearised)")
            #expect(lower < value && value < upper, "\(name) = \(value) not in [\(lower), \(upper)]")
        }

        let second = try CLIRunner.run(Self.command)
        #expect(second.status == 0)
        #expect(second.stdout == first.stdout)
    }

    @Test("the full-data fit stays the reported fit")
    func sameFit() throws {
        let plain = try CLIRunner.run(["fit", Fixtures.syntheticData, "--format", "csv"])
        let boot = try CLIRunner.run(["fit", Fixtures.syntheticData, "--format", "csv", "--bootstrap", "20"])
        #expect(plain.status == 0 && boot.status == 0, "\(boot.stderr)")
        let a = Fixtures.csv(plain.stdout), b = Fixtures.csv(boot.stdout)
        #expect(b.header == a.header + ["bootstrap_standard_error", "bootstrap_lower", "bootstrap_upper", "bootstrap_confidence_level"])
        #expect(b.rows.map { Array($0.prefix(a.header.count)) } == a.rows)
        #expect(b.rows.allSatisfy { Double($0[a.header.count]).map { $0 > 0 } == true })
    }

    @Test("table and markdown gain a bootstrap section after the correlations")
    func tableSection() throws {
        let table = try CLIRunner.run(["fit", Fixtures.syntheticData, "--bootstrap", "20", "--bootstrap-seed", "3"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stderr.isEmpty)
        let correlations = try #require(table.stdout.range(of: "[[Correlations]]"))
        let section = try #require(table.stdout.range(of: "[[Bootstrap]] (95% percentile intervals)\n"))
        let warnings = try #require(table.stdout.range(of: "[[Warnings]]"))
        #expect(correlations.upperBound < section.lowerBound && section.upperBound < warnings.lowerBound)
        let body = table.stdout[section.upperBound..<warnings.lowerBound]
        #expect(body.contains("    resamples: 20\n"))
        #expect(body.contains("    kind:      rows\n"))
        #expect(body.contains("    seed:      3\n"))
        #expect(body.contains(" converged, "))
        for name in ["E:", "A:", "B:", "alpha (α):", "beta (β):"] {
            #expect(body.contains("    \(name)"), "missing \(name)")
        }

        let markdown = try CLIRunner.run(["fit", Fixtures.syntheticData, "--bootstrap", "20", "--format", "markdown"])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("### Bootstrap (95% percentile intervals)\n"))
        #expect(markdown.stdout.contains("bootstrap std. error"))
    }

    @Test("plain fits have no bootstrap section or key")
    func absentWithoutFlag() throws {
        let json = try CLIRunner.run(["fit", Fixtures.syntheticData, "--format", "json"])
        #expect(json.status == 0)
        #expect(try Fixtures.object(json.stdout)["bootstrap"] == nil)
        let table = try CLIRunner.run(["fit", Fixtures.syntheticData])
        #expect(!table.stdout.contains("[[Bootstrap]]"))
    }

    @Test("groups: resamples whole groups of a CSV column")
    func groups() throws {
        let result = try CLIRunner.run([
            "fit", Fixtures.syntheticData, "--bootstrap", "20", "--bootstrap-groups", "N", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let bootstrap = try #require(try Fixtures.object(result.stdout)["bootstrap"] as? [String: Any])
        #expect(bootstrap["kind"] as? String == "groups of 'N'")
    }

    @Test("--bootstrap 1 is a usage error")
    func tooFewResamples() throws {
        let result = try CLIRunner.run(["fit", Fixtures.syntheticData, "--bootstrap", "1"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines.first == "Error: --bootstrap needs at least 2 resamples, got 1")
    }

    @Test("--bootstrap-seed without --bootstrap is a usage error")
    func seedWithoutBootstrap() throws {
        let result = try CLIRunner.run(["fit", Fixtures.syntheticData, "--bootstrap-seed", "3"])
        #expect(result.status == 64)
        #expect(result.stderrLines.first == "Error: --bootstrap-groups and --bootstrap-seed apply only with --bootstrap <n>")
    }

    @Test("--bootstrap-groups with a missing column is a one-line data error")
    func missingGroupColumn() throws {
        let result = try CLIRunner.run(["fit", Fixtures.syntheticData, "--bootstrap", "20", "--bootstrap-groups", "nosuch"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: data.csv: --bootstrap-groups: no column named 'nosuch' (columns: N, D, C, loss)\n")
    }

    @Test("optimal --fit: intervals of N_opt, D_opt and D/N from the artifact's bootstrap draws")
    func optimalIntervals() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let boot = directory.appendingPathComponent("boot.json").path
        let plain = directory.appendingPathComponent("plain.json").path
        #expect(try CLIRunner.run(["fit", Fixtures.syntheticData, "--bootstrap", "50", "--output", boot]).status == 0)
        #expect(try CLIRunner.run(["fit", Fixtures.syntheticData, "--output", plain]).status == 0)

        let json = try CLIRunner.run(["optimal", "--fit", boot, "--budget", "1e21", "--budget", "5.76e23", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let points = try #require(try Fixtures.object(json.stdout)["points"] as? [[String: Any]])
        #expect(points.count == 2)
        for point in points {
            let interval = try #require(point["interval"] as? [String: Any])
            #expect(interval["draws"] as? Int ?? 0 >= 45)
            for (key, bounds) in [("parameters", "parameters"), ("tokens", "tokens"), ("tokensPerParameter", "tokensPerParameter")] {
                let value = try #require(point[key] as? Double)
                let range = try #require(interval[bounds] as? [String: Double])
                let lower = try #require(range["lower"]), upper = try #require(range["upper"])
                #expect(lower < value && value < upper, "\(key) = \(value) not in [\(lower), \(upper)]")
            }
        }

        let table = try CLIRunner.run(["optimal", "--fit", boot, "--budget", "5.76e23"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("Bootstrap 95% percentile intervals ("))
        let csv = Fixtures.csv(try CLIRunner.run(["optimal", "--fit", boot, "--budget", "5.76e23", "--format", "csv"]).stdout)
        #expect(csv.header.contains("n_opt_lower") && csv.header.contains("tokens_per_parameter_upper"))

        // An artifact without a bootstrap decodes and gives no intervals.
        let noBoot = try CLIRunner.run(["optimal", "--fit", plain, "--budget", "5.76e23", "--format", "json"])
        #expect(noBoot.status == 0, "\(noBoot.stderr)")
        let point = try #require((try Fixtures.object(noBoot.stdout)["points"] as? [[String: Any]])?.first)
        #expect(point["interval"] == nil)
    }

    @Test("predict, optimal and forecast: CI (mean curve) and PI (new run) from the draws, distinctly labelled")
    func predictionIntervalsFromDraws() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let boot = directory.appendingPathComponent("boot.json").path
        let plain = directory.appendingPathComponent("plain.json").path
        #expect(try CLIRunner.run(["fit", Fixtures.syntheticData, "--bootstrap", "400", "--bootstrap-seed", "5", "--output", boot]).status == 0)
        #expect(try CLIRunner.run(["fit", Fixtures.syntheticData, "--output", plain]).status == 0)

        func point(_ path: String) throws -> (method: String, values: [String: Double]) {
            let result = try CLIRunner.run(["predict", "--fit", path, "--n", "7e10", "--d", "1.4e12", "--format", "json"])
            #expect(result.status == 0, "\(result.stderr)")
            let object = try Fixtures.object(result.stdout)
            let first = try #require((object["points"] as? [[String: Any]])?.first)
            var values: [String: Double] = [:]
            for key in ["predicted", "lower", "upper", "predictionLower", "predictionUpper"] {
                values[key] = try #require(first[key] as? Double, "missing \(key)")
            }
            return (try #require(object["intervalMethod"] as? String), values)
        }
        let b = try point(boot)
        let d = try point(plain)
        #expect(b.method == "bootstrap percentiles (400 draws, rows, seed 5)")
        #expect(d.method == "delta method on the fit's covariance (row bootstrap (1000 resamples, seed 0))")
        for v in [b.values, d.values] {
            let p = v["predicted"]!
            #expect(v["predictionLower"]! < v["lower"]! && v["lower"]! < p && p < v["upper"]! && v["upper"]! < v["predictionUpper"]!)
        }
        // Two independent methods, same data. The CI is the parameters' uncertainty carried to
        // the point: within the factor 2 the parameter SEs are held to above (measured: bootstrap
        // half-width 0.0053, delta 0.0042 in log space, at this extrapolated point). The PI is
        // dominated by the residual scatter both share: within 25%.
        func half(_ v: [String: Double], _ lo: String, _ hi: String) -> Double { log(v[hi]! / v[lo]!) / 2 }
        let ciRatio = half(b.values, "lower", "upper") / half(d.values, "lower", "upper")
        #expect(ciRatio > 0.5 && ciRatio < 2, "CI half-width ratio bootstrap/delta \(ciRatio)")
        #expect(isClose(half(b.values, "predictionLower", "predictionUpper"), half(d.values, "predictionLower", "predictionUpper"), rel: 0.25))

        let table = try CLIRunner.run(["predict", "--fit", boot, "--n", "7e10", "--d", "1.4e12"])
        #expect(table.stdout.contains("95% CI (mean curve)") && table.stdout.contains("95% PI (new run)"))
        #expect(table.stdout.contains("intervals: bootstrap percentiles (400 draws, rows, seed 5); CI = the mean curve, PI = a new run"))

        let optimal = try CLIRunner.run(["optimal", "--fit", boot, "--budget", "5.76e23"])
        #expect(optimal.status == 0, "\(optimal.stderr)")
        #expect(optimal.stdout.contains("a = β/(α+β) bootstrap 95% interval ["))
        #expect(optimal.stdout.contains("Loss at the optimum: CI = the mean curve, PI = a new run (adds the fit's residual scatter); bootstrap percentiles (400 draws"))
        let optimalCSV = Fixtures.csv(try CLIRunner.run(["optimal", "--fit", boot, "--budget", "5.76e23", "--format", "csv"]).stdout)
        #expect(optimalCSV.header.suffix(5) == ["loss_lower", "loss_upper", "loss_prediction_lower", "loss_prediction_upper", "loss_confidence_level"])

        let forecast = try CLIRunner.run(["forecast", "--fit", boot, "--budgets", "5.76e23", "--format", "csv"])
        #expect(forecast.status == 0, "\(forecast.stderr)")
        let row = try #require(Fixtures.csv(forecast.stdout).rows.first).compactMap(Double.init)
        #expect(row.count == 10)
        #expect(row[8] < row[6] && row[6] < row[4] && row[4] < row[7] && row[7] < row[9])
        let forecastTable = try CLIRunner.run(["forecast", "--fit", boot, "--budgets", "5.76e23"])
        #expect(forecastTable.stdout.contains("bootstrap percentiles, 400 draws"))
    }

    @Test("no progress bar or carriage returns when stderr is not a terminal")
    func noProgressInPipes() throws {
        let result = try CLIRunner.run(["fit", Fixtures.syntheticData, "--bootstrap", "300"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(!result.stdout.contains("\r"))
    }
}
