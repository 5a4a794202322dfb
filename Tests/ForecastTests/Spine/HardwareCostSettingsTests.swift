import Forecast
import Foundation
import ScalingLaws
import Testing
import TestSupport

/// ``HardwareCostSettings`` and ``HardwareOverrides/resolve(preset:file:flags:)``: the cost
/// model and hardware `scaling-laws cost` builds from its flags, built by the library, give the
/// numbers the tool prints (Tests/CLITests/CostCommandTests.swift, Cottier et al. 2024's model).
@Suite("hardware and cost model from plain settings")
struct HardwareCostSettingsTests {
    @Test("H100 × 10,000 for 90 days with default settings: $1.809/chip-hour, $50.08M total, as `cost` prints")
    func defaults() throws {
        let device = try HardwareOverrides.resolve(preset: "H100", file: nil, flags: HardwareOverrides())
        let model = try HardwareCostSettings().model(for: device)
        let estimate = try model.estimate(.cluster(chips: 10_000, hours: 90 * 24), on: device)
        #expect(estimate.chipHours == 2.16e7)
        #expect(isClose(estimate.amortizedPricePerChipHour, 1.809, abs: 5e-4))
        #expect(isClose(estimate.hardwareAmortized, 3.908e7, abs: 5e3))
        #expect(isClose(estimate.interconnect, 9.17e6, abs: 5e3))
        #expect(isClose(estimate.energy, 1.83e6, abs: 5e3))
        #expect(isClose(estimate.total, 5.008e7, abs: 5e3))
    }

    @Test("layers: preset, then the JSON file, then single fields; settings over the defaults")
    func layers() throws {
        let file = Data(#"{"preset": "H100", "chipPrice": 25000, "rentalPricePerChipHour": 2}"#.utf8)
        let device = try HardwareOverrides.resolve(
            preset: nil, file: (file, "h.json"), flags: HardwareOverrides(rentalPricePerChipHour: 2.5))
        #expect(device.chipPrice == 25_000)
        #expect(device.rentalPricePerChipHour == 2.5)
        let model = try HardwareCostSettings(powerUsageEffectiveness: 1.25, energyYear: 2020, interconnectFraction: 0).model(for: device)
        #expect(model.powerUsageEffectiveness == 1.25)
        #expect(model.interconnectFraction == 0)
        #expect(model.energyPricePerKWh == (try HardwareCostModel.energyPrice(year: 2020)))
        // An explicit price wins over the year.
        let priced = try HardwareCostSettings(energyPricePerKWh: 0.1, energyYear: 2020).model()
        #expect(priced.energyPricePerKWh == 0.1)
    }

    @Test("--training-date derives the age from the release date; a date before release is refused")
    func trainingDate() throws {
        let device = try HardwareOverrides.resolve(preset: "H100", file: nil, flags: HardwareOverrides())
        let model = try HardwareCostSettings(trainingDate: "2024-03-22").model(for: device)
        #expect(isClose(model.yearsSinceAcquisition, 2.0, abs: 0.01))
        #expect(model.acquisitionBasis?.releaseDate == device.releaseDate)
        #expect(throws: CostForecastError.self) { try HardwareCostSettings(trainingDate: "2020-01-01").model(for: device) }
        #expect(throws: CostForecastError.self) { try HardwareCostSettings(powerUsageEffectiveness: 0.5).model() }
    }
}
