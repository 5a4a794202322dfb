import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport

/// `scaling-laws plot` and `scaling-laws report`.
@Suite("plot and report commands")
struct PlotCommandTests {
    static func parsesAsXML(_ text: String) -> Bool {
        XMLParser(data: Data(text.utf8)).parse()
    }

    /// A fit of the bundled Chinchilla data written into `directory`.
    static func chinchillaFit(in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("fit.json").path
        let fit = try CLIRunner.run(["fit", Fixtures.syntheticData, "--output", path, "--format", "csv"])
        #expect(fit.status == 0)
        return path
    }

    @Test("every N,D kind of a Chinchilla fit writes parseable SVG; the data file is found from the artifact")
    func chinchillaKinds() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fit = try Self.chinchillaFit(in: directory)
        for kind in ["curves", "residuals", "isoflop", "frontier", "forecast"] {
            let out = directory.appendingPathComponent("\(kind).svg").path
            // The artifact records the file name 'data.csv': found when run beside the data.
            let result = try CLIRunner.run(
                ["plot", fit, "--kind", kind, "--output", out],
                in: CLIRunner.root.appendingPathComponent("Datasets/chinchilla-synthetic"))
            #expect(result.status == 0, "\(kind): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderrLines == ["wrote \(out)"])
            let svg = try String(contentsOfFile: out, encoding: .utf8)
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"480\""))
            #expect(Self.parsesAsXML(svg), "\(kind)")
        }
    }

    @Test("kinds that do not apply, and a data file that cannot be found, fail with one exact line and write nothing")
    func errors() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fit = try Self.chinchillaFit(in: directory)
        let out = directory.appendingPathComponent("x.svg").path
        let pareto = try CLIRunner.run(["plot", fit, "--kind", "pareto", "--data", Fixtures.syntheticData, "--output", out])
        #expect(pareto.status == 1)
        #expect(pareto.stderrLines == ["error: plot kind 'pareto' needs a fit of 'utd-data' or 'utd-data-sigma0' (steps to a threshold vs UTD ratio σ), but law 'chinchilla' is another law"])
        #expect(!FileManager.default.fileExists(atPath: out))

        // Fitted in a directory whose data file is then removed: neither the recorded path nor
        // the absolute path exists.
        let gone = directory.appendingPathComponent("gone")
        try FileManager.default.createDirectory(at: gone, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLIRunner.root.appendingPathComponent(Fixtures.syntheticData), to: gone.appendingPathComponent("data.csv"))
        let goneFit = gone.appendingPathComponent("fit.json").path
        #expect(try CLIRunner.run(["fit", "data.csv", "--output", goneFit], in: gone).status == 0)
        try FileManager.default.removeItem(at: gone.appendingPathComponent("data.csv"))
        let missing = try CLIRunner.run(["plot", goneFit, "--kind", "curves", "--output", out], in: directory)
        #expect(missing.status == 1)
        #expect(missing.stderrLines == ["error: \(goneFit): cannot find the data file 'data.csv' recorded in the fit (looked in the current directory and beside the fit); give it with --data FILE"])
        #expect(!FileManager.default.fileExists(atPath: out))

        let floorFit = directory.appendingPathComponent("floor.json").path
        #expect(try CLIRunner.run(["fit", "Datasets/compute-floor-synthetic/data.csv", "--law", "power-law-floor", "--x", "x=C", "--x", "y=loss", "--output", floorFit]).status == 0)
        let frontier = try CLIRunner.run(["plot", floorFit, "--kind", "frontier", "--data", "Datasets/compute-floor-synthetic/data.csv", "--x", "x=C", "--x", "y=loss"])
        #expect(frontier.status == 1)
        #expect(frontier.stderrLines == ["error: plot kind 'frontier' needs a law of N and D (a compute-optimal split), but law 'power-law-floor' takes x"])

        let noFit = try CLIRunner.run(["plot", "--kind", "curves"])
        #expect(noFit.status == 64)
        #expect(noFit.stderr.contains("--kind curves needs a fit artifact"))
    }

    @Test("trend from dates and costs: small figure snapshot (5 runs, 520×340)")
    func trendSnapshot() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.write("""
            system,date,cost
            a,2018-01-01,1000
            b,2019-07-02,30000
            c,2020-01-01,20000
            d,2021-06-15,400000
            e,2022-12-31,2000000

            """, to: "costs.csv", in: directory)
        let result = try CLIRunner.run(
            ["plot", "--kind", "trend", "--data", "costs.csv", "--x", "year=date", "--width", "520", "--height", "340"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.parsesAsXML(result.stdout))
        Snapshot.check(result.stdout, named: "plot-trend-small.svg")
    }

    @Test("rsvg-convert renders the figures to PNGs of the figure's size that are not blank")
    func rasterize() throws {
        guard let rsvg = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert", "/opt/homebrew/bin/rsvg-convert"]
            .first(where: FileManager.default.isExecutableFile(atPath:)) else {
            print("skipped: rsvg-convert is not installed (apt-get install librsvg2-bin)")
            return
        }
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fit = try Self.chinchillaFit(in: directory)
        // A blank figure of the same size: the size of its PNG is the floor for "one colour".
        let blank = directory.appendingPathComponent("blank.svg")
        try Data("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"480\"><rect width=\"760\" height=\"480\" fill=\"#ffffff\"/></svg>\n".utf8).write(to: blank)
        let blankPNG = try Self.rasterize(blank.path, with: rsvg)
        for kind in ["curves", "isoflop", "forecast"] {
            let svg = directory.appendingPathComponent("\(kind).svg").path
            let result = try CLIRunner.run(["plot", fit, "--kind", kind, "--data", Fixtures.syntheticData, "--output", svg])
            #expect(result.status == 0)
            let png = try Self.rasterize(svg, with: rsvg)
            #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            // IHDR: width and height, big-endian, at bytes 16…23.
            let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
            let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
            #expect(width == 760 && height == 480)
            // A one-colour PNG compresses to almost nothing; a drawn figure does not.
            #expect(png.count > 10 * blankPNG.count, "\(kind): \(png.count) bytes vs blank \(blankPNG.count)")
        }
    }

    static func rasterize(_ svg: String, with rsvg: String) throws -> [UInt8] {
        let out = svg + ".png"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: rsvg)
        process.arguments = [svg, "-o", out]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return Array(try Data(contentsOf: URL(fileURLWithPath: out)))
    }

    @Test("report: one self-contained HTML file with every applicable figure and the forecast table")
    func report() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("report.html").path
        let result = try CLIRunner.run(["report", Fixtures.syntheticData, "--output", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderrLines == ["wrote \(out) (5 figures)"])
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(Self.parsesAsXML(html))
        #expect(html.components(separatedBy: "<svg ").count - 1 == 5)
        for id in ["plot-curves", "plot-residuals", "plot-isoflop", "plot-frontier", "plot-forecast"] {
            #expect(html.contains("id=\"\(id)-clip\""))
        }
        #expect(html.contains("<h2>Forecast: confidence vs prediction intervals</h2>"))
        // One diagnostics section, holding the fit diagnostics' findings as a table.
        #expect(html.components(separatedBy: "Diagnostics</h2>").count - 1 == 1)
        #expect(html.contains("<caption>Fit diagnostics</caption>") || html.contains("<h3>Fit diagnostics</h3>"))
        // Not an iso-FLOP sweep: no iso-FLOP section.
        #expect(!html.contains("Iso-FLOP analysis"))
        // Parameters are an HTML table, not preformatted text.
        #expect(html.contains("<h2>Variables"))
        #expect(html.contains("<th>parameter</th><th>value</th><th>std. error</th>"))
        #expect(!html.contains("<pre") && !html.contains("[[Variables]]"))
        // Self-contained: no scripts, no external resources.
        #expect(!html.contains("<script"))
        #expect(!html.contains("src="))
        #expect(!html.contains("href="))
        #expect(!html.contains("https://"))

        let bad = try CLIRunner.run(["report", Fixtures.syntheticData, "--output", directory.appendingPathComponent("no/such/dir/r.html").path])
        #expect(bad.status == 1)
        #expect(bad.stderrLines.last?.hasPrefix("error: cannot write") == true)
    }

    @Test("report of the RL data includes the Pareto figure; of a trend, the trend figure")
    func reportKinds() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let rl = directory.appendingPathComponent("rl.html").path
        let rlResult = try CLIRunner.run(["report", "Datasets/rl-utd/data.csv", "--law", "utd-data", "--output", rl])
        #expect(rlResult.status == 0, "\(rlResult.stderr)")
        #expect(try String(contentsOfFile: rl, encoding: .utf8).contains("Data–compute Pareto frontier"))
        let cost = directory.appendingPathComponent("cost.html").path
        let costResult = try CLIRunner.run(["report", "Datasets/frontier-cost-synthetic/data.csv", "--law", "exponential-trend", "--output", cost])
        #expect(costResult.status == 0, "\(costResult.stderr)")
        #expect(try String(contentsOfFile: cost, encoding: .utf8).contains("Cost trend: "))
    }
}
