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
    static func epochData() throws -> Dataset { try EpochChinchilla.data() }
    static func check(_ fit: LawFit) throws { try EpochChinchilla.check(fit) }

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
