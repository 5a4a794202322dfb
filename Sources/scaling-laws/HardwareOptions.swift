import ArgumentParser
import Forecast
import Foundation
import Reports
import ScalingLaws

/// Options shared by commands that price training on hardware (`cost`, `forecast --hardware`):
/// a preset, a JSON description, overrides of every hardware field, and the cost model's
/// parameters.
struct HardwareOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Hardware preset: \(Hardware.presets.map(\.name).joined(separator: ", ")).",
            valueName: "name"))
    var hardware: String?

    @Option(
        name: .customLong("hardware-file"),
        help: ArgumentHelp(
            "JSON object of hardware fields (optionally \"preset\"), e.g. {\"preset\": \"H100\", \"chipPrice\": 25000}.",
            valueName: "file"))
    var hardwareFile: String?

    @Option(name: .customLong("peak-flops"), help: ArgumentHelp("Override: peak dense BF16 FLOP/s per chip.", valueName: "flop/s"))
    var peakFLOPs: String?

    @Option(name: .customLong("tdp"), help: ArgumentHelp("Override: chip TDP, watts.", valueName: "watts"))
    var tdp: String?

    @Option(name: .customLong("chip-price"), help: ArgumentHelp("Override: price of one chip, USD.", valueName: "usd"))
    var chipPrice: String?

    @Option(name: .customLong("server-overhead"), help: ArgumentHelp("Override: server cost per chip over chip price.", valueName: "factor"))
    var serverOverhead: String?

    @Option(name: .customLong("server-power"), help: ArgumentHelp("Override: server power per chip over chip TDP.", valueName: "factor"))
    var serverPower: String?

    @Option(name: .customLong("power-utilisation"), help: ArgumentHelp("Override: average over peak server power, in (0, 1].", valueName: "fraction"))
    var powerUtilisation: String?

    @Option(name: .customLong("rental-price"), help: ArgumentHelp("Override: cloud price per chip-hour, USD.", valueName: "usd"))
    var rentalPrice: String?

    @Option(name: .customLong("pue"), help: ArgumentHelp("Data-centre PUE (default 1.1, hyperscaler; 1.25 otherwise).", valueName: "x"))
    var pue: String?

    @Option(
        name: .customLong("energy-price"),
        help: ArgumentHelp("Electricity price, USD per kWh (default 0.0806, the 2023 US industrial average).", valueName: "usd"))
    var energyPrice: String?

    @Option(
        name: .customLong("energy-year"),
        help: ArgumentHelp("Use the US industrial electricity price of this year (2015–2024).", valueName: "year"))
    var energyYear: Int?

    @Option(
        name: .customLong("interconnect-fraction"),
        help: ArgumentHelp("Interconnect share of cluster cost (default 0.19).", valueName: "fraction"))
    var interconnectFraction: String?

    @Option(
        name: .customLong("depreciation"),
        help: ArgumentHelp("Hardware price-performance decline, OOM per year (default 0.14).", valueName: "oom/yr"))
    var depreciation: String?

    @Option(
        name: .customLong("years-since-acquisition"),
        help: ArgumentHelp("Years from buying the hardware to the start of training (default 0).", valueName: "years"))
    var yearsSinceAcquisition: String?

    @Option(
        name: .customLong("release-date"),
        help: ArgumentHelp("Override: the date the hardware became available, YYYY-MM-DD (presets carry one).", valueName: "date"))
    var releaseDate: String?

    @Option(
        name: .customLong("training-date"),
        help: ArgumentHelp(
            "Start of training, YYYY-MM-DD: the years since acquisition are the years from the hardware's release date to it.",
            valueName: "date"))
    var trainingDate: String?

    func validate() throws {
        if energyYear != nil, energyPrice != nil {
            throw ValidationError("give at most one of --energy-price and --energy-year")
        }
        if trainingDate != nil, yearsSinceAcquisition != nil {
            throw ValidationError("give at most one of --training-date and --years-since-acquisition")
        }
    }

    /// Whether any hardware was asked for.
    var isRequested: Bool { hardware != nil || hardwareFile != nil }

    /// The hardware: preset, then the JSON file's fields, then the command-line overrides.
    /// - Throws: ``Forecast/CostForecastError``, ``ScalingLaws/DataError`` for an unreadable
    ///   file, ``CLIError/invalidNumber(option:text:expected:)``.
    func resolvedHardware() throws -> Hardware {
        let file = try hardwareFile.map { (data: try Self.read($0), source: $0) }
        let flags = HardwareOverrides(
            peakFLOPPerSecond: try Self.number(peakFLOPs, "--peak-flops", "a positive number of FLOP/s, e.g. 989e12"),
            tdpWatts: try Self.number(tdp, "--tdp", "a positive number of watts"),
            chipPrice: try Self.number(chipPrice, "--chip-price", "a positive price in USD"),
            serverCostOverhead: try Self.number(serverOverhead, "--server-overhead", "a positive factor"),
            serverPowerFactor: try Self.number(serverPower, "--server-power", "a positive factor"),
            powerUtilisation: try Self.number(powerUtilisation, "--power-utilisation", "a fraction in (0, 1]", upTo: 1),
            rentalPricePerChipHour: try Self.number(rentalPrice, "--rental-price", "a positive price in USD"),
            releaseDate: try releaseDate.map { text in
                guard DecimalYear.parse(text) != nil else { throw CostForecastError.invalidDate(option: "--release-date", text: text) }
                return text
            })
        return try HardwareOverrides.resolve(preset: hardware, file: file, flags: flags)
    }

    /// The cost model of the options (``Forecast/HardwareCostSettings``); with `--training-date`,
    /// the years since acquisition derived from `hardware`'s release date.
    /// - Throws: ``CLIError/invalidNumber(option:text:expected:)``, ``Forecast/CostForecastError``.
    func costModel(for hardware: Hardware) throws -> HardwareCostModel {
        try settings().model(for: hardware)
    }

    /// The cost-model settings the flags give, each number checked against its option's range.
    /// - Throws: ``CLIError/invalidNumber(option:text:expected:)``.
    func settings() throws -> HardwareCostSettings {
        HardwareCostSettings(
            powerUsageEffectiveness: try Self.number(pue, "--pue", "a number >= 1", atLeastOne: true),
            energyPricePerKWh: try Self.number(energyPrice, "--energy-price", "a price per kWh >= 0", allowZero: true),
            energyYear: energyYear,
            interconnectFraction: try Self.number(interconnectFraction, "--interconnect-fraction", "a fraction in [0, 1)", allowZero: true, below: 1),
            depreciationOOMPerYear: try Self.number(depreciation, "--depreciation", "a positive number of OOM per year"),
            yearsSinceAcquisition: try Self.number(yearsSinceAcquisition, "--years-since-acquisition", "a number of years >= 0", allowZero: true),
            trainingDate: trainingDate)
    }

    /// A number option: `nil` when absent; else positive (or ≥ 0 with `allowZero`), at most
    /// `upTo`, below `below`, ≥ 1 with `atLeastOne`.
    static func number(
        _ text: String?, _ option: String, _ expected: String, allowZero: Bool = false, upTo: Double? = nil,
        below: Double? = nil, atLeastOne: Bool = false
    ) throws -> Double? {
        guard let text else { return nil }
        guard let value = Syntax.number(text), value.isFinite, allowZero ? value >= 0 : value > 0,
              upTo.map({ value <= $0 }) ?? true, below.map({ value < $0 }) ?? true, !atLeastOne || value >= 1 else {
            throw CLIError.invalidNumber(option: option, text: text, expected: expected)
        }
        return value
    }

    /// The bytes of a file (`ScalingLaws/DataFile/read(_:)`).
    static func read(_ path: String) throws -> Data { try DataFile.read(path) }
}
