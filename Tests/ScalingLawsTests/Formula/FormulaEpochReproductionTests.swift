import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// A user-written Chinchilla reaches the built-in law's optimum on the Epoch data (Besiroglu et
/// al. 2024, arXiv:2404.10102): 240 rows after dropping the 5 highest losses, Huber (δ = 1e-3)
/// on log residuals, default starts, no declarations.
@Suite("formula law: Epoch Chinchilla reproduction", .enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/datasets/epoch_chinchilla"))
struct FormulaEpochReproductionTests {
    static func epochData() throws -> Dataset {
        guard let url = RepositoryPaths.sharedDataset("epoch_chinchilla/chinchilla_N_D_loss.csv") else {
            throw DataError.noSuchFile(path: "epoch_chinchilla/chinchilla_N_D_loss.csv")
        }
        let table = try CSVTable.read(contentsOf: url)
        let roles = try ColumnRoleResolver().resolve(["N", "D", "loss"], in: table)
        return try roles.dataset(from: table).filtered(by: .dropHighest(column: "loss", count: 5))
    }

    /// Published "replicate exactly" values (Besiroglu et al. 2024), as in EpochReproductionTests.
    static let published = (a: 477.84, b: 2143.86, e: 1.8172, alpha: 0.34731, beta: 0.36718, objective: 1.0183e-3)

    static func check(_ fit: LawFit) throws {
        let p = published
        let e = try #require(fit.value("E"))
        let a = try #require(fit.value("A"))
        let b = try #require(fit.value("B"))
        let alpha = try #require(fit.value("alpha"))
        let beta = try #require(fit.value("beta"))
        #expect(isClose(e, p.e, rel: 0.002), "E = \(e)")
        #expect(isClose(alpha, p.alpha, rel: 0.002), "alpha = \(alpha)")
        #expect(isClose(beta, p.beta, rel: 0.002), "beta = \(beta)")
        #expect(abs(log(a) - log(p.a)) <= 0.01, "log A = \(log(a)) vs \(log(p.a))")
        #expect(abs(log(b) - log(p.b)) <= 0.01, "log B = \(log(b)) vs \(log(p.b))")
        #expect(isClose(fit.statistics.objective, p.objective, rel: 0.001), "objective = \(fit.statistics.objective)")
    }

    @Test("'E + A/N^alpha + B/D^beta' with default starts reaches the built-in optimum")
    func defaultStarts() throws {
        let law = try FormulaLaw("E + A/N^alpha + B/D^beta")
        #expect(law.parameterNames == ["E", "A", "alpha", "B", "beta"])
        #expect(law.linearParameters == ["E", "A", "B"])
        let data = try Self.epochData()
        #expect(data.count == 240)
        let fit = try LawFitter.fit(law, to: data, options: LawFitOptions(objective: .logHuber(delta: 1e-3)))
        try Self.check(fit)

        let builtIn = try LawFitter.fit(ChinchillaLaw(), to: data, options: LawFitOptions(objective: .logHuber(delta: 1e-3)))
        #expect(isClose(fit.statistics.objective, builtIn.statistics.objective, rel: 1e-6))
        for parameter in builtIn.parameters {
            let value = try #require(fit.value(parameter.name))
            #expect(isClose(value, parameter.value, rel: 1e-3), "\(parameter.name): formula \(value), built-in \(parameter.value)")
        }
    }

    @Test("with positive coefficients declared, they are fitted as logarithms and reach the same optimum")
    func declaredPositive() throws {
        let law = try FormulaLaw(
            "E + A/N^alpha + B/D^beta",
            declarations: try ["E in [0, inf]", "A in [0, inf]", "B in [0, inf]"].map(FormulaParameterDeclaration.parse))
        #expect(law.parameters.filter(\.fitsInLogSpace).map(\.name) == ["E", "A", "B"])
        let fit = try LawFitter.fit(law, to: Self.epochData(), options: LawFitOptions(objective: .logHuber(delta: 1e-3)))
        #expect(fit.fittedNames == ["log_E", "log_A", "alpha", "log_B", "beta"])
        try Self.check(fit)
    }
}
