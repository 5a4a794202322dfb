import Foundation
import Forecast
import ScalingLaws
import Testing
import TestSupport

/// The bottom-up training-cost model of Cottier et al. 2024 (laws.md §9).
@Suite("Hardware cost model")
struct HardwareCostModelTests {
    /// laws.md §9: P0 = $30k × 1.64, no price decay, PUE 1.1, $0.0806/kWh.
    static let h100 = Hardware.h100

    @Test("laws.md §9 test vector: 10,000 H100 for 90 days")
    func testVector() throws {
        let estimate = try HardwareCostModel().estimate(.cluster(chips: 10_000, hours: 90 * 24), on: Self.h100)
        #expect(estimate.chipHours == 2.16e7)
        #expect(isClose(estimate.amortizedPricePerChipHour, 1.809, abs: 5e-4))
        #expect(isClose(estimate.hardwareAmortized, 3.908e7, abs: 5e3))
        #expect(isClose(estimate.interconnect, 9.17e6, abs: 5e3))
        #expect(isClose(estimate.energy, 1.83e6, abs: 5e3))
        #expect(isClose(estimate.powerPerChipKW, 1.052, abs: 5e-4))
        #expect(isClose(estimate.total, 5.008e7, abs: 5e3))
        // The formulas by hand: P0·r/8766, ×f/(1−f), kW × chip-hours × $/kWh.
        let p0: Double = 30_000 * 1.64
        let perChipHour: Double = p0 * 0.14 * log(10.0) / 8766
        #expect(isClose(estimate.amortizedPricePerChipHour, perChipHour, rel: 1e-14))
        let interconnect: Double = estimate.hardwareAmortized * 0.19 / 0.81
        #expect(isClose(estimate.interconnect, interconnect, rel: 1e-14))
        let kW: Double = 0.7 * (10.2 / 8) / 0.7 * 0.75 * 1.1
        let kWh: Double = kW * 2.16e7
        #expect(isClose(estimate.energyKWh, kWh, rel: 1e-14))
        #expect(estimate.trainingHours == 2160)
        #expect(estimate.trainingDays == 90)
        // Alternatives: buying the cluster, chips × P0/(1 − f); renting at $5.00 per chip-hour.
        let acquisition: Double = 10_000 * p0 / 0.81
        #expect(isClose(try #require(estimate.acquisition), acquisition, rel: 1e-14))
        #expect(isClose(try #require(estimate.rental), 1.08e8, rel: 1e-14))
    }

    @Test("0.38198 OOM/yr is 2.410×/yr and a doubling time of 9.46 months (laws.md §9)")
    func conversions() {
        #expect(isClose(pow(10, 0.38198), 2.410, abs: 5e-4))
        #expect(isClose(12 * log10(2.0) / 0.38198, 9.46, abs: 5e-3))
    }

    @Test("chip-hours and time to train from FLOP: FLOP/(peak × MFU)")
    func fromFLOP() throws {
        let estimate = try HardwareCostModel().estimate(.compute(flop: 1e25, mfu: 0.4, chips: 10_000), on: Self.h100)
        // 1e25/(989.5e12 × 0.4)/3600 = 7,018,134.86 chip-hours; /10,000 chips = 29.24 days.
        #expect(isClose(estimate.chipHours, 7_018_134.86047948, rel: 1e-12))
        #expect(isClose(try #require(estimate.trainingDays), 29.242228585331166, rel: 1e-12))
        // Without chips: the chip-hours and the cost, but no time and no acquisition.
        let unsized = try HardwareCostModel().estimate(.compute(flop: 1e25, mfu: 0.4, chips: nil), on: Self.h100)
        #expect(unsized.trainingHours == nil)
        #expect(unsized.acquisition == nil)
        #expect(isClose(unsized.total, estimate.total, rel: 1e-14))
        // The same chip-hours as a cluster run cost the same.
        let cluster = try HardwareCostModel().estimate(.cluster(chips: 10_000, hours: estimate.chipHours / 10_000), on: Self.h100)
        #expect(isClose(cluster.total, estimate.total, rel: 1e-12))
    }

    @Test("price decay: hardware bought two years before training costs 10^(−0.28) as much per chip-hour")
    func priceDecay() throws {
        let model = HardwareCostModel(yearsSinceAcquisition: 2)
        let old = try model.estimate(.cluster(chips: 1, hours: 1000), on: Self.h100)
        let new = try HardwareCostModel().estimate(.cluster(chips: 1, hours: 1000), on: Self.h100)
        #expect(isClose(old.hardwareAmortized / new.hardwareAmortized, pow(10, -0.28), rel: 1e-12))
        #expect(old.energy == new.energy)
        // Acquisition is what was paid, P0, not the decayed value.
        #expect(old.acquisition == new.acquisition)
    }

    @Test("presets: documented values, lookup by loose name, editable fields")
    func presets() throws {
        #expect(Hardware.presets.map(\.name) == ["A100", "H100", "H200", "TPU-v4", "TPU-v5e", "TPU-v5p"])
        #expect(try Hardware.preset(named: "h100") == .h100)
        #expect(try Hardware.preset(named: "TPU v5e") == .tpuV5e)
        #expect(try Hardware.preset(named: "tpu_v4").peakFLOPPerSecond == 275e12)
        #expect(Hardware.a100.peakFLOPPerSecond == 312e12 && Hardware.a100.serverCostOverhead == 1.66)
        #expect(isClose(Hardware.a100.serverPowerFactor, 2.03125, rel: 1e-15))
        #expect(isClose(Hardware.h100.serverPowerFactor, 1.8214285714285714, rel: 1e-15))
        #expect(Hardware.tpuV4.powerUtilisation == 0.43)
        for hardware in Hardware.presets { try hardware.validate() }
        #expect(throws: CostForecastError.unknownHardware(name: "B300", known: Hardware.presets.map(\.name))) {
            try Hardware.preset(named: "B300")
        }
        #expect(CostForecastError.unknownHardware(name: "B300", known: ["A100", "H100"]).description
            == "unknown hardware 'B300' (presets: A100, H100)")
    }

    @Test("JSON overrides: a preset with changed fields, a full custom description, and errors")
    func overrides() throws {
        let cheaper = try HardwareOverrides.decode(Data(#"{"preset": "H100", "chipPrice": 25000}"#.utf8), source: "h.json").resolve()
        #expect(cheaper.chipPrice == 25_000)
        #expect(cheaper.tdpWatts == 700)
        #expect(cheaper.notes == "overridden: chipPrice")
        let custom = try HardwareOverrides.decode(Data(#"""
            {"name": "X1", "peakFLOPPerSecond": 1e15, "tdpWatts": 1000, "chipPrice": 20000,
             "serverCostOverhead": 1.5, "serverPowerFactor": 1.8, "powerUtilisation": 0.8}
            """#.utf8), source: "x.json").resolve(source: "x.json")
        #expect(custom == Hardware(name: "X1", peakFLOPPerSecond: 1e15, tdpWatts: 1000, chipPrice: 20_000, serverCostOverhead: 1.5,
                                   serverPowerFactor: 1.8, powerUtilisation: 0.8))
        // Command-line flags win over the file.
        let file = HardwareOverrides(preset: "A100", tdpWatts: 450)
        #expect(try file.merged(with: HardwareOverrides(tdpWatts: 500)).resolve().tdpWatts == 500)

        let cases: [(String, String)] = [
            (#"{"preset": "H100", "tdp": 5}"#, "h.json: unknown field 'tdp' (fields: preset, name, peakFLOPPerSecond, tdpWatts, chipPrice, serverCostOverhead, serverPowerFactor, powerUtilisation, rentalPricePerChipHour, releaseDate)"),
            (#"{"preset": "H100", "chipPrice": "cheap"}"#, "h.json: 'chipPrice' must be a number"),
            (#"[1, 2]"#, "h.json: expected a JSON object of hardware fields"),
            (#"{"preset": "#, "h.json: not valid JSON"),
            (#"{"tdpWatts": 700}"#, "h.json: no preset given, so these fields are required: peakFLOPPerSecond, chipPrice, serverCostOverhead, serverPowerFactor, powerUtilisation"),
            (#"{"preset": "H100", "tdpWatts": -700}"#, "h.json: 'tdpWatts' must be a positive number, got -700"),
            (#"{"preset": "H100", "powerUtilisation": 1.5}"#, "h.json: 'powerUtilisation' must be a fraction in (0, 1], got 1.5"),
        ]
        for (json, message) in cases {
            do {
                _ = try HardwareOverrides.decode(Data(json.utf8), source: "h.json").resolve(source: "h.json")
                Issue.record("\(json) was accepted")
            } catch {
                #expect("\(error)" == message)
            }
        }
    }

    @Test("bad workloads name the quantity and what was expected")
    func badWorkloads() {
        let model = HardwareCostModel()
        #expect(throws: CostForecastError.invalidValue(name: "chips", value: 0, expected: "a positive number")) {
            try model.estimate(.cluster(chips: 0, hours: 10), on: .h100)
        }
        #expect(throws: CostForecastError.invalidValue(name: "MFU", value: 1.2, expected: "a fraction in (0, 1]")) {
            try model.estimate(.compute(flop: 1e24, mfu: 1.2, chips: nil), on: .h100)
        }
        #expect(CostForecastError.invalidValue(name: "MFU", value: 1.2, expected: "a fraction in (0, 1]").description
            == "invalid MFU: expected a fraction in (0, 1], got 1.2")
        #expect(throws: CostForecastError.invalidValue(name: "PUE", value: 0.9, expected: "a number >= 1")) {
            try HardwareCostModel(powerUsageEffectiveness: 0.9).estimate(.cluster(chips: 1, hours: 1), on: .h100)
        }
        #expect(throws: CostForecastError.invalidValue(name: "energy year", value: 2012, expected: "a year from 2015 to 2024")) {
            try HardwareCostModel.energyPrice(year: 2012)
        }
        #expect(HardwareCostModel.energyPrices[2023] == 0.0806)
    }

    @Test("forecast table pricing: one estimate per budget at FLOP/(chips × peak × MFU)")
    func forecastPricing() throws {
        let table = try ForecastTable.make(optimizer: ComputeOptimizer(chinchilla: .epoch2024), budgets: [1e24, 1e25], label: "preset", detail: "")
        let priced = try table.pricing(on: .h100, chips: 10_000, mfu: 0.4)
        let cost = try #require(priced.trainingCost)
        #expect(cost.estimates.count == 2)
        #expect(isClose(try #require(cost.estimates[1].trainingDays), 29.242228585331166, rel: 1e-12))
        #expect(isClose(cost.estimates[0].chipHours * 10, cost.estimates[1].chipHours, rel: 1e-12))
        #expect(table.trainingCost == nil)
    }
}
