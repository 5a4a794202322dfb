import Foundation
import Forecast
import ScalingLaws
import Testing
import TestSupport

/// laws.md §5 test vectors (Liang et al. 2024, diffusion transformers) through the forecasting
/// API: ``PowerLawFrontier/liang2024`` built from the catalog's power-law presets.
@Suite("DiT compute-optimal frontier (Liang et al. 2024)")
struct DiTFrontierTests {
    struct Vector: Sendable {
        let budget: Double
        let parameters: Double
        let tokens: Double
        let loss: Double
        let fid: Double
    }

    /// Whether `value` rounds to `printed` at `digits` significant digits.
    static func roundsTo(_ value: Double, _ printed: Double, digits: Int) -> Bool {
        let unit = pow(10, floor(log10(Swift.abs(printed))) - Double(digits - 1))
        return Swift.abs(value - printed) <= 0.5 * unit
    }

    @Test("N_opt, D_opt, L and FID at 1e17 and 1.5e21 FLOP", arguments: [
        Vector(budget: 1e17, parameters: 4.09e6, tokens: 4.11e9, loss: 0.8224, fid: 237.4),
        Vector(budget: 1.5e21, parameters: 9.65e8, tokens: 2.61e11, loss: 0.6325, fid: 25.02),
    ])
    func vectors(_ v: Vector) throws {
        let frontier = PowerLawFrontier.liang2024
        let point = try frontier.point(budget: v.budget)
        // Printed to 3 significant digits (N, D) and 4 (loss, FID): our value must round to it.
        #expect(Self.roundsTo(point.parameters, v.parameters, digits: 3))
        #expect(Self.roundsTo(point.tokens, v.tokens, digits: 3))
        #expect(Self.roundsTo(try #require(point.metric("loss", in: frontier)), v.loss, digits: 4))
        #expect(Self.roundsTo(try #require(point.metric("FID", in: frontier)), v.fid, digits: 4))
        #expect(isClose(point.tokensPerParameter, point.tokens / point.parameters))
    }

    @Test("an invalid budget is an error")
    func invalid() {
        #expect(throws: ForecastError.invalidBudget(0)) { try PowerLawFrontier.liang2024.point(budget: 0) }
    }
}
