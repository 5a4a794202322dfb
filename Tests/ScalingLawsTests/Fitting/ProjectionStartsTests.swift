import Foundation
import NonlinearFit
@testable import ScalingLaws
import Testing
import TestSupport

/// The variable-projection start grid with a declared factorised basis (each distinct basis
/// column once, normal-equation screen, exact solves of the best) against the full grid.
@Suite("Projection starts: factorised basis", .enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/datasets/epoch_chinchilla"))
struct ProjectionStartsTests {
    /// Chinchilla without its declaration: the start grid computes every column at every point.
    struct UndeclaredChinchilla: ScalingLaw {
        let law = ChinchillaLaw()
        var name: String { "chinchilla-undeclared" }
        var title: String { law.title }
        var formula: String { law.formula }
        var citation: String { law.citation }
        var inputs: [LawVariable] { law.inputs }
        var response: LawVariable { law.response }
        var parameters: [LawParameter] { law.parameters }
        func evaluate(_ x: [Double], _ p: [Double]) -> Double { law.evaluate(x, p) }
        func gradient(_ x: [Double], _ p: [Double], into g: inout [Double]) { law.gradient(x, p, into: &g) }
        func initialGuess(inputs: [[Double]], response: [Double]) -> [Double] { law.initialGuess(inputs: inputs, response: response) }
    }

    static func points(_ law: any ScalingLaw, data: Dataset, options: LawFitOptions) throws -> [[String: Double]]? {
        let inputs = try law.inputs.map { try data.column($0.role) }
        let y = try data.column(law.response.role)
        return try ProjectionStarts.points(
            law: law, parameterization: LawParameterization(law: law, objective: options.objective), inputs: inputs,
            response: y, guess: law.initialGuess(inputs: inputs, response: y), options: options)
    }

    @Test("Epoch's 240 rows: the same starts, bit for bit, as the full grid", arguments: [
        [String: Double](), ["E": 1.8], ["alpha": 0.34], ["B": 2000],
    ])
    func sameStartsAsFullGrid(fixed: [String: Double]) throws {
        let data = try EpochChinchilla.data()
        for objective in [LawObjective.logHuber(delta: 1e-3), .leastSquares] {
            var options = LawFitOptions(objective: objective)
            options.fixed = fixed
            let declared = try #require(try Self.points(ChinchillaLaw(), data: data, options: options))
            let full = try #require(try Self.points(UndeclaredChinchilla(), data: data, options: options))
            #expect(declared == full, "fixed \(String(describing: fixed)), \(String(describing: objective))")
            // Six grid starts and the guess.
            #expect(declared.count == ProjectionStarts.kept + 1)
        }
    }

    @Test("a declared basis dependency holds bit for bit: other parameters leave the column alone")
    func declaredDependenciesHold() {
        for law in LawRegistry.all {
            guard let declared = law.linearBasisDependencies else { continue }
            let specs = law.parameters
            for (name, dependencies) in declared {
                guard let k = law.parameterIndex(name) else {
                    Issue.record("\(law.name) declares a basis for unknown parameter \(name)")
                    continue
                }
                #expect(specs[k].isLinear, "\(law.name).\(name) is not linear")
                for dependency in dependencies { #expect(law.parameterIndex(dependency) != nil) }
                let x = law.inputs.indices.map { 3e8 * pow(7, Double($0)) }
                let base = specs.map { $0.isLinear ? 1.5 : 0.3 }
                var reference = [Double](repeating: 0, count: specs.count)
                law.gradient(x, base, into: &reference)
                for (j, spec) in specs.enumerated() where !dependencies.contains(spec.name) {
                    var moved = base
                    moved[j] = spec.isLinear ? 7.25 : 0.55
                    var g = [Double](repeating: 0, count: specs.count)
                    law.gradient(x, moved, into: &g)
                    #expect(g[k].bitPattern == reference[k].bitPattern, "\(law.name): ∂f/∂\(name) moved with \(spec.name)")
                }
            }
        }
    }
}
