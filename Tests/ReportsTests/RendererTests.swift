import Foundation
import Testing
import TestSupport
import ScalingLaws
@testable import Reports

/// One fit of the bundled synthetic dataset, shared by the renderer tests (the renderers only
/// format it).
enum SyntheticFit {
    static let fit: LawFit? = {
        let url = RepositoryPaths.root.appendingPathComponent("Datasets/chinchilla-synthetic/data.csv")
        guard let table = try? CSVTable.read(contentsOf: url),
              let roles = try? ColumnRoleResolver().resolve(["N", "D", "loss"], in: table),
              let data = try? roles.dataset(from: table)
        else { return nil }
        return try? LawFitter.fit(ChinchillaLaw(), to: data, options: LawFitOptions(objective: .logHuber(delta: 1e-3)))
    }()
}

@Suite("fit report")
struct FitReportRendererTests {
    @Test("table: lmfit sections in order, one line per variable, correlations sorted")
    func table() throws {
        let fit = try #require(SyntheticFit.fit)
        let text = try FitReportRenderer.render(fit, format: .table)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let sections = lines.filter { $0.hasPrefix("[[") }.map { $0.components(separatedBy: "]]")[0] + "]]" }
        #expect(sections == ["[[Law]]", "[[Data]]", "[[Fit Statistics]]", "[[Variables]]", "[[Correlations]]", "[[Warnings]]"])
        #expect(text.contains("formula: L(N, D) = E + A/N^α + B/D^β"))
        #expect(text.contains("rows:     120"))
        #expect(text.contains("digest:   fnv1a64:\(fit.data.digest)"))
        for label in ["objective", "# function evals", "# data points", "# variables", "chi-square", "reduced chi-square",
                      "Akaike info crit", "Bayesian info crit", "R-squared", "RMSE", "condition number", "termination"] {
            #expect(lines.contains { $0.hasPrefix("    " + label + " ") }, "missing \(label)")
        }
        let start = try #require(lines.firstIndex { $0.hasPrefix("[[Variables]]") })
        let variables = Array(lines[(start + 1)...(start + 5)])
        for (line, p) in zip(variables, fit.parameters) {
            #expect(line.trimmingCharacters(in: .whitespaces).hasPrefix(p.name))
            #expect(line.contains("+/- "))
            #expect(line.contains("%)"))
            #expect(line.contains("[") && line.hasSuffix("]"))
        }
        let pairs = FitReportRenderer.correlations(fit)
        #expect(!pairs.isEmpty)
        #expect(pairs.allSatisfy { Swift.abs($0.r) > 0.1 })
        #expect(zip(pairs, pairs.dropFirst()).allSatisfy { Swift.abs($0.r) >= Swift.abs($1.r) })
        #expect(text.hasSuffix("\n"))
        #expect(!lines.contains { $0.hasSuffix(" ") })
    }

    @Test("markdown has a section per part and a variables table")
    func markdown() throws {
        let fit = try #require(SyntheticFit.fit)
        let text = try FitReportRenderer.render(fit, format: .markdown)
        for heading in ["### Law", "### Data", "### Fit Statistics", "### Variables", "### Correlations", "### Warnings"] {
            #expect(text.contains(heading))
        }
        #expect(text.contains("| parameter | value | std. error | relative | lower 95% | upper 95% | note |"))
    }

    @Test("csv: one row per parameter at full precision")
    func csv() throws {
        let fit = try #require(SyntheticFit.fit)
        let lines = try FitReportRenderer.render(fit, format: .csv).split(separator: "\n").map(String.init)
        #expect(lines.count == 1 + fit.parameters.count)
        #expect(lines[0] == "parameter,symbol,unit,value,standard_error,relative_error,lower,upper,confidence_level,fixed,at_bound,interval_method")
        for (line, p) in zip(lines.dropFirst(), fit.parameters) {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(fields[0] == p.name)
            #expect(Double(fields[3]) == p.value)
        }
    }

    @Test("json is the artifact: sorted keys, and it reads back equal")
    func json() throws {
        let fit = try #require(SyntheticFit.fit)
        let text = try FitReportRenderer.render(fit, format: .json)
        #expect(text.hasPrefix("{\n  \"citation\""))
        let back = try FitArtifact.decode(try FitArtifact.encode(fit), source: "fit.json")
        #expect(back == fit)
        #expect(text == String(decoding: try FitArtifact.encode(fit), as: UTF8.self))
    }

    @Test("a file that is not an artifact gets one clear message")
    func notAnArtifact() {
        #expect(throws: FitArtifactError.notAnArtifact(source: "x.json", reason: "not valid JSON")) {
            try FitArtifact.decode(Data("N,D\n".utf8), source: "x.json")
        }
        #expect(throws: FitArtifactError.notAnArtifact(source: "x.json", reason: "missing key 'tool'")) {
            try FitArtifact.decode(Data("{}".utf8), source: "x.json")
        }
    }
}

@Suite("allocation, prediction and catalog renderers")
struct OtherRendererTests {
    let epoch = AllocationTable(
        label: "preset epoch2024", detail: "Besiroglu et al. 2024", parameters: .epoch2024,
        points: [ChinchillaLaw.computeOptimal(budget: 5.76e23, parameters: .epoch2024)])

    @Test("allocation table shows human and raw sizes")
    func allocationTable() throws {
        let text = try AllocationRenderer.render(epoch, format: .table)
        let row = try #require(text.split(separator: "\n").last.map(String.init))
        let cells = row.split(separator: " ").map(String.init)
        #expect(cells == ["5.76e+23", "72.4B", "7.23565e+10", "1.33T", "1.32676e+12", "18.34", "1.97396"])
        #expect(text.contains("source:    preset epoch2024: Besiroglu et al. 2024"))
    }

    @Test("allocation csv and json carry full precision")
    func allocationMachineFormats() throws {
        let csv = try AllocationRenderer.render(epoch, format: .csv).split(separator: "\n").map(String.init)
        #expect(csv[0] == "budget_flop,n_opt,d_opt,tokens_per_parameter,loss")
        let n = try #require(Double(csv[1].split(separator: ",")[1]))
        #expect(isClose(n, 7.236e10, rel: 1e-3))
        let json = try AllocationRenderer.render(epoch, format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let point = try #require((object["points"] as? [[String: Any]])?.first)
        #expect(point["parameters"] as? Double == epoch.points[0].parameters)
        #expect(point["tokensPerParameter"] as? Double == epoch.points[0].tokensPerParameter)
    }

    @Test("prediction table adds the observed column only when known")
    func predictions() throws {
        var table = PredictionTable(
            label: "preset epoch2024", law: "chinchilla", formula: "L", inputs: ["N", "D"], response: "loss",
            rows: [.init(inputs: [7e10, 1.4e12], predicted: 1.9734)])
        #expect(try !PredictionRenderer.render(table, format: .table).contains("observed"))
        table.rows.append(.init(inputs: [1e9, 2e10], predicted: 2.5, observed: 2.58))
        let text = try PredictionRenderer.render(table, format: .table)
        #expect(text.contains("loss (observed)"))
        // A point without an observed value has `nan` there, so the column re-reads as numbers.
        #expect(try PredictionRenderer.render(table, format: .csv).hasPrefix("N,D,loss_predicted,loss_observed\n70000000000.0,1400000000000.0,1.9734,nan\n"))
    }

    @Test("catalog lists formula, citation and presets")
    func catalog() throws {
        let presets = ["chinchilla": [LawCatalogRenderer.Preset(name: "epoch2024", source: "Epoch")]]
        let text = try LawCatalogRenderer.render(LawRegistry.all, presets: presets, format: .table)
        #expect(text.hasPrefix("[[Laws]] (\(LawRegistry.all.count) in the catalog)\n    chinchilla  "))
        #expect(text.contains("formula:    L(N, D) = E + A/N^α + B/D^β"))
        #expect(text.contains("presets:    epoch2024"))
        let csv = try LawCatalogRenderer.render(LawRegistry.all, presets: presets, format: .csv)
        #expect(csv.hasPrefix("name,title,formula,inputs,response,parameters,citation,presets\nchinchilla,"))
    }
}
