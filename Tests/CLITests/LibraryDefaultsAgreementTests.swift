import Foundation
import ScalingLaws
import Testing
import TestSupport

/// A library user who calls ``Backtest``, ``CrossValidation`` (through ``LawComparison``) and
/// ``LawBootstrap`` without fit options gets the command line's answer: both start from
/// ``LawFitOptions/defaults(for:)`` (Chinchilla: Huber on log residuals, δ = 10⁻³). Before the
/// shared default, the library fitted least squares in linear space and its backtest error on
/// these rows differed from the CLI's.
///
/// Data: Besiroglu et al. 2024 (arXiv:2404.10102), the 240 rows left after dropping the 5
/// highest losses.
@Suite("library defaults equal the CLI's", .enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/datasets/epoch_chinchilla"))
struct LibraryDefaultsAgreementTests {
    static let relativePath = "epoch_chinchilla/chinchilla_N_D_loss.csv"

    static func file() throws -> URL {
        try #require(RepositoryPaths.sharedDataset(relativePath))
    }

    /// The rows the CLI reads with `--drop-highest loss:5`, read by the library.
    static func data() throws -> Dataset {
        let table = try CSVTable.read(contentsOf: try file())
        let roles = try ColumnRoleResolver().resolve(["N", "D", "loss"], in: table)
        return try roles.dataset(from: table).filtered(by: .dropHighest(column: "loss", count: 5))
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(type, from: Data(text.utf8))
    }

    @Test("the default fit options are the law's own objective")
    func defaults() {
        #expect(LawFitOptions.defaults(for: ChinchillaLaw()).objective == .logHuber(delta: 1e-3))
        #expect(LawFitOptions.defaults(for: PowerLaw()).objective == .logLeastSquares)
    }

    @Test("backtest: Backtest.run without fit options gives the CLI's folds and errors")
    func backtest() throws {
        let cli = try CLIRunner.run([
            "backtest", try Self.file().path, "--law", "chinchilla", "--drop-highest", "loss:5",
            "--holdout", "largest:24", "--format", "json",
        ])
        #expect(cli.status == 0, "\(cli.stderr)")
        let fromCLI = try Self.decode(BacktestResult.self, cli.stdout)
        let library = try Backtest.run(law: ChinchillaLaw(), data: try Self.data(), rule: .largest(count: 24))
        #expect(fromCLI.predictions.count == 24 && library.predictions.count == 24)
        #expect(isClose(library.overall.meanAbsoluteRelativeError, fromCLI.overall.meanAbsoluteRelativeError, rel: 1e-9),
                "library \(library.overall.meanAbsoluteRelativeError), CLI \(fromCLI.overall.meanAbsoluteRelativeError)")
        let ours = try #require(library.folds.first?.parameters)
        let theirs = try #require(fromCLI.folds.first?.parameters)
        for (a, b) in zip(ours, theirs) { #expect(isClose(a, b, rel: 1e-9), "fold parameter \(a) vs \(b)") }

        // The old library default (least squares in linear space) is a different fit.
        let linear = try Backtest.run(law: ChinchillaLaw(), data: try Self.data(), rule: .largest(count: 24), fitOptions: LawFitOptions())
        #expect(!isClose(linear.overall.meanAbsoluteRelativeError, fromCLI.overall.meanAbsoluteRelativeError, rel: 1e-3))
    }

    @Test("compare: LawComparison.run without fit options gives the CLI's objective, AIC and cross-validation error")
    func comparison() throws {
        let cli = try CLIRunner.run([
            "compare", try Self.file().path, "--law", "chinchilla", "--drop-highest", "loss:5", "--format", "json",
        ])
        #expect(cli.status == 0, "\(cli.stderr)")
        let fromCLI = try Self.decode(LawComparison.self, cli.stdout)
        let library = try LawComparison.run(laws: [ChinchillaLaw()], data: try Self.data())
        #expect(library.objective == fromCLI.objective)
        #expect(library.objective == .logHuber(delta: 1e-3))
        let a = try #require(library.entries.first), b = try #require(fromCLI.entries.first)
        #expect(isClose(a.aic, b.aic, rel: 1e-9), "AIC \(a.aic) vs \(b.aic)")
        #expect(isClose(a.crossValidation.rmse, b.crossValidation.rmse, rel: 1e-9), "CV \(a.crossValidation.rmse) vs \(b.crossValidation.rmse)")
        #expect(isClose(a.backtestError ?? .nan, b.backtestError ?? .nan, rel: 1e-9))
    }

    @Test("bootstrap: LawBootstrap.run without fit options gives the standard errors of fit --bootstrap")
    func bootstrap() throws {
        let cli = try CLIRunner.run([
            "fit", try Self.file().path, "--law", "chinchilla", "--drop-highest", "loss:5", "--bootstrap", "200", "--format", "json",
        ])
        #expect(cli.status == 0, "\(cli.stderr)")
        let object = try Fixtures.object(cli.stdout)
        let summary = try #require(object["bootstrap"] as? [String: Any])
        let parameters = try #require(summary["parameters"] as? [[String: Any]])
        var cliErrors: [String: Double] = [:]
        for p in parameters {
            cliErrors[try #require(p["name"] as? String)] = try #require(p["standardError"] as? Double)
        }
        let library = try LawBootstrap.run(law: ChinchillaLaw(), data: try Self.data(), options: BootstrapOptions(resamples: 200))
        #expect(library.fit.objective == .logHuber(delta: 1e-3))
        let libraryErrors = LawFit.BootstrapSummary(library).parameters
        #expect(libraryErrors.count == 5)
        for p in libraryErrors {
            let theirs = try #require(cliErrors[p.name], "CLI lacks \(p.name)")
            #expect(isClose(p.standardError, theirs, rel: 1e-9), "\(p.name): library \(p.standardError), CLI \(theirs)")
        }
    }
}
