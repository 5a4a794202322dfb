import Foundation
import Forecast
import ScalingLaws
import Testing
import TestSupport

/// Library pieces behind issue 20's decisions: the compute-frontier law set, the critical-batch
/// conversions, the Kaplan eq. 1.5 exponent note and the hardware's age from its release date.
@Suite("seed-family decisions (library)")
struct SeedFamilyLibraryTests {
    @Test("liang2024 law set at 1.5e21 FLOP: the paper's four power laws, 6·N·D/C = 1.009, one range warning")
    func liangSet() throws {
        let forecast = try ComputeFrontierSet.liang2024.forecast(budgets: [1.5e21, 1e18])
        #expect(forecast.set.members.map(\.role) == ["N_opt", "D_opt", "loss", "FID"])
        let row = try #require(forecast.rows.first)
        // 0.0009·C^0.5681, 186.8535·C^0.4319, 2.3943·C^−0.0273, 2.2566e6·C^−0.234 at C = 1.5e21.
        let expected = [9.646726e8, 2.614900e11, 0.6325156, 25.01781]
        for (value, truth) in zip(row.values, expected) {
            #expect(isClose(value.value, truth, rel: 1e-6))
            #expect(value.lower == nil)
        }
        // 6·0.0009·186.8535 = 1.00900, and the exponents sum to 1.
        #expect(isClose(try #require(ComputeFrontierSet.liang2024.costRatio(budget: 1.5e21)), 6 * 0.0009 * 186.8535, rel: 1e-9))
        #expect(forecast.warnings == [.outsideFittedRange(roles: ["N_opt", "D_opt", "loss", "FID"], budget: 1.5e21, range: 1e17...6e18)])
    }

    @Test("a law set needs N_opt and D_opt, and laws of one variable")
    func setValidation() throws {
        let fid = try LawSource.preset("liang2024-fid")
        #expect(throws: ComputeFrontierError.missingMember(set: "s", role: "N_opt", have: ["FID"])) {
            try ComputeFrontierSet(name: "s", detail: "", members: [.init(role: "FID", unit: "", source: fid, fittedRange: nil)])
        }
        let kaplan = try LawSource.preset("kaplan2020-nd")
        #expect(throws: ComputeFrontierError.notALawOfCompute(role: "N_opt", source: "preset kaplan2020-nd", law: "kaplan-nd")) {
            try ComputeFrontierSet(name: "s", detail: "", members: [
                .init(role: "N_opt", unit: "", source: kaplan, fittedRange: nil), .init(role: "D_opt", unit: "", source: fid, fittedRange: nil),
            ])
        }
        #expect(ComputeFrontierSet.role("n") == "N_opt" && ComputeFrontierSet.role("tokens") == "D_opt" && ComputeFrontierSet.role("FID") == "FID")
    }

    @Test("every family's preset resolves to its law; the data-constrained muennighoff-c4 only when asked")
    func presets() throws {
        #expect(try LawSource.preset("kaplan2020-nd").law?.name == "kaplan-nd")
        #expect(try LawSource.preset("kaplan2020-cmin").values == [3.1e8, 0.050])
        #expect(try LawSource.preset("liang2024-n-opt").values == [0.0009, -0.5681])
        #expect(try LawSource.preset("muennighoff-c4").law?.name == "chinchilla")
        #expect(try LawSource.preset("muennighoff-c4", dataConstrained: true).law?.name == "data-constrained")
        #expect(try LawSource.preset("LIANG2024").lawSet?.name == "liang2024")
        #expect(throws: LawSourceError.self) { try LawSource.preset("kaplan") }
    }

    @Test("Kaplan eq. 1.5 under C = 6ND: N_opt ∝ C^(α_D/(α_N+α_D)) = 0.5754, the numeric optimum's slope agrees")
    func kaplanExponent() throws {
        #expect(isClose(KaplanConstants.jointParameterExponent(), 0.103 / 0.179, rel: 1e-12))
        let law = KaplanJointLaw()
        let values = KaplanConstants.jointND.values
        let notes = AllocationNote.notes(law: law, values: values)
        #expect(notes == [.kaplanImpliedExponent(implied: 0.103 / 0.179, alphaN: 0.076, alphaD: 0.103, published: 0.73)])
        // The slope of log N_opt between two budgets from the numeric optimiser.
        let optimizer = try ComputeOptimizer(law: law, parameters: values, cost: .sixND)
        let a = try optimizer.allocation(budget: 1e19), b = try optimizer.allocation(budget: 1e23)
        #expect(isClose(log(b.parameters / a.parameters) / log(1e4), 0.5754190, rel: 1e-4))
        #expect(AllocationNote.notes(law: ChinchillaLaw(), values: ChinchillaParameters.epoch2024.vector).isEmpty)
    }

    @Test("critical batch: eq. 1.4 and 5.3–5.5 at L = 3 with B = 1M tokens, S = 250k, N = 1.5B")
    func criticalBatch() throws {
        let plan = try CriticalBatchPlan(losses: [3], batchSize: 1e6, steps: 250_000, parameters: 1.5e9)
        let row = try #require(plan.rows.first)
        let bCrit = 2e8 / pow(3, 1 / 0.21)
        #expect(isClose(row.criticalBatch, bCrit, rel: 1e-12))
        #expect(isClose(try #require(row.minimumSteps), 250_000 / (1 + bCrit / 1e6), rel: 1e-12))
        #expect(isClose(try #require(row.minimumCompute), 6 * 1.5e9 * 1e6 * 250_000 / (1 + 1e6 / bCrit), rel: 1e-12))
        #expect(plan.computeDerived)
        #expect(throws: CriticalBatchError.needsBatchSize(option: "--steps")) { try CriticalBatchPlan(losses: [3], steps: 10) }
        #expect(throws: CriticalBatchError.notPositive(option: "--target-loss", value: 0)) { try CriticalBatchPlan(losses: [0]) }
    }

    @Test("hardware age from the release date: H100 (2022-03-22) trained from 2024-03-01 is 1.944756 years old")
    func hardwareAge() throws {
        var model = HardwareCostModel()
        try model.deriveAge(of: .h100, trainingDate: "2024-03-01")
        // 2024 + 60/366 − (2022 + 80/365).
        let training: Double = 2024 + 60.0 / 366
        let release: Double = 2022 + 80.0 / 365
        #expect(isClose(model.yearsSinceAcquisition, training - release, rel: 1e-12))
        #expect(model.acquisitionBasis?.releaseDate == "2022-03-22")
        #expect(model.acquisitionBasis?.trainingDate == "2024-03-01")
        var custom = HardwareCostModel()
        var device = Hardware.h100
        device.releaseDate = nil
        #expect(throws: CostForecastError.noReleaseDate(hardware: "H100")) { try custom.deriveAge(of: device, trainingDate: "2024-01-01") }
        #expect(throws: CostForecastError.invalidDate(option: "--training-date", text: "March 2024")) {
            try custom.deriveAge(of: .h100, trainingDate: "March 2024")
        }
        for preset in Hardware.presets { #expect(preset.releaseDate.flatMap(DecimalYear.parse) != nil, "\(preset.name)") }
    }
}
