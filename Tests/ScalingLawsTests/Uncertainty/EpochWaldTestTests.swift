import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// Besiroglu et al. 2024 (arXiv:2404.10102) test Hoffmann et al.'s constants against their
/// 240 points with a Wald-type statistic from the bootstrap covariance of their estimates,
/// `χ² = (θ̂ − θ_H)ᵀ Σ*⁻¹ (θ̂ − θ_H) ≈ 238` with 5 degrees of freedom. Reproduced with our
/// own bootstrap covariance (row resamples, seed 2024) in the fitted parameterization
/// (log E, log A, log B, α, β), where it matches; in the law's units (E, A, B, α, β) the same
/// draws give a far smaller statistic (measured 67 with 1,000 resamples), so that is not the
/// statistic Epoch computed. Measured with 1,000 resamples: 212.7 with our Huber fit as θ̂,
/// 217.1 with Epoch's published estimates as θ̂. The gap to 238 is within what differs:
/// Epoch refit each resample by maximum likelihood with a fitted Huber scale (we refit the
/// summed Huber objective) and drew 4,000 resamples.
@Suite("Epoch's Wald test of Hoffmann's constants", .enabled(if: RepositoryPaths.hasSharedData))
struct EpochWaldTestTests {
    @Test("Wald statistic of Hoffmann's constants with a bootstrap covariance is about 238")
    func hoffmannConstants() throws {
        let data = try EpochChinchilla.data()
        let law = ChinchillaLaw()
        let fitOptions = LawFitOptions(objective: law.defaultObjective)
        var options = LawComparisonOptions()
        options.hypothesis = Dictionary(uniqueKeysWithValues: zip(law.parameters.map(\.name), ChinchillaParameters.hoffmann.vector))
        options.hypothesisName = "hoffmann"
        options.bootstrapResamples = 400
        options.seed = 2024
        let comparison = try LawComparison.run(laws: [law], data: data, fitOptions: fitOptions, options: options)
        let fitted = try #require(comparison.tests.first { $0.statistic == "Wald (bootstrap covariance, 400 resamples, fitted parameters)" })
        let lawUnits = try #require(comparison.tests.first { $0.statistic == "Wald (bootstrap covariance, 400 resamples, law units)" })
        #expect(fitted.degreesOfFreedom == 5)
        #expect(abs(fitted.value - 238) <= 0.2 * 238, "Wald (log parameters) = \(fitted.value), Epoch 238")
        #expect(lawUnits.value < 0.5 * 238, "Wald (law units) = \(lawUnits.value)")
        #expect(fitted.pValue < 1e-30)
    }
}
