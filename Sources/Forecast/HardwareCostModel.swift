import Foundation
import ScalingLaws

/// The bottom-up cost of a training run from its hardware (Cottier et al. 2024, "The rising costs
/// of training frontier AI models", arXiv:2405.21015, §2.2): amortized hardware
/// capital expense, cluster interconnect and energy, with up-front acquisition and cloud rental
/// as alternatives.
///
/// ```
/// chip_hours   = chips × hours                    or  FLOP/(peak FLOP/s × MFU)/3600
/// P0           = chip price × server overhead
/// P_start      = P0 · 10^(−d·years from acquisition to training start)      d = 0.14 OOM/yr
/// r            = d·ln 10 per year                                          (depreciation)
/// hw_amortized = P_start · r / 8766 · chip_hours                           (8766 h per year)
/// interconnect = hw_amortized · f/(1 − f)                                  f = 0.19
/// energy       = TDP_kW × server power factor × utilisation × PUE × chip_hours × $/kWh
/// cost         = hw_amortized + interconnect + energy
/// acquisition  = chips × P0/(1 − f)
/// rental       = price per chip-hour × chip_hours
/// time         = FLOP/(chips × peak FLOP/s × MFU)
/// ```
/// Test vector (computed from the formulas above): 10,000 H100 for 90 days (2.16e7 chip-hours), P0 = $30k × 1.64, no
/// price decay, PUE 1.1, $0.0806/kWh: $1.809 per chip-hour, hw_amortized $3.908e7, interconnect
/// $9.17e6, energy $1.83e6 (1.052 kW per chip), total $5.008e7.
public struct HardwareCostModel: Sendable, Equatable, Codable {
    /// `d`, the fall of ML GPU price-performance in orders of magnitude per year (0.14: Epoch,
    /// "Trends in machine learning hardware"); sets both the price decay and the depreciation.
    public var depreciationOOMPerYear: Double
    /// Years from hardware acquisition to the start of training (0: new hardware).
    public var yearsSinceAcquisition: Double
    /// `f`, the interconnect's share of total cluster cost (0.19).
    public var interconnectFraction: Double
    /// Data-centre power usage effectiveness: 1.1 for hyperscalers (Google, Microsoft, Meta,
    /// Amazon), 1.25 otherwise (Epoch `energy.py`).
    public var powerUsageEffectiveness: Double
    /// Electricity price, USD per kWh (US industrial average; 2023: 0.0806).
    public var energyPricePerKWh: Double

    /// Hours per year, 365.25 × 24.
    public static let hoursPerYear = 8766.0

    /// US average industrial electricity prices, USD per kWh (EIA annual averages as compiled in
    /// Epoch's `energy.py` for Cottier et al. 2024, arXiv:2405.21015; 2024 added).
    public static let energyPrices: [Int: Double] = [
        2015: 0.0691, 2016: 0.0676, 2017: 0.0688, 2018: 0.0692, 2019: 0.0681,
        2020: 0.0667, 2021: 0.0718, 2022: 0.0832, 2023: 0.0806, 2024: 0.0771,
    ]

    /// A cost model; the defaults are Cottier et al. 2024's (arXiv:2405.21015).
    /// - Parameters:
    ///   - depreciationOOMPerYear: `d`, the fall of price-performance in orders of magnitude per year (default 0.14).
    ///   - yearsSinceAcquisition: Years from acquisition to the start of training (default 0).
    ///   - interconnectFraction: The interconnect's share of total cluster cost (default 0.19).
    ///   - powerUsageEffectiveness: Data-centre PUE (default 1.1, hyperscalers).
    ///   - energyPricePerKWh: Electricity price, USD per kWh (default 0.0806, the 2023 US industrial average).
    public init(
        depreciationOOMPerYear: Double = 0.14, yearsSinceAcquisition: Double = 0, interconnectFraction: Double = 0.19,
        powerUsageEffectiveness: Double = 1.1, energyPricePerKWh: Double = 0.0806
    ) {
        self.depreciationOOMPerYear = depreciationOOMPerYear
        self.yearsSinceAcquisition = yearsSinceAcquisition
        self.interconnectFraction = interconnectFraction
        self.powerUsageEffectiveness = powerUsageEffectiveness
        self.energyPricePerKWh = energyPricePerKWh
    }

    /// How ``yearsSinceAcquisition`` was set, for reports: `nil` when given or left at 0, else
    /// the release and training dates it was derived from.
    public var acquisitionBasis: AcquisitionBasis? = nil

    /// The hardware's age at the start of training, from its release date and the training date.
    public struct AcquisitionBasis: Sendable, Equatable, Codable {
        /// The hardware's release date, ISO `YYYY-MM-DD`.
        public let releaseDate: String
        /// The training start date, ISO `YYYY-MM-DD`.
        public let trainingDate: String
    }

    /// Sets ``yearsSinceAcquisition`` to the years from the hardware's release date to
    /// `trainingDate` (both as decimal years, `ScalingLaws/DecimalYear`): Cottier et al. 2024
    /// (arXiv:2405.21015, §2.2) depreciate a chip's value from the date the hardware became
    /// available to the start of training.
    /// - Throws: ``CostForecastError/invalidDate(option:text:)``,
    ///   ``CostForecastError/noReleaseDate(hardware:)``,
    ///   ``CostForecastError/trainingBeforeRelease(hardware:release:training:)``.
    public mutating func deriveAge(of hardware: Hardware, trainingDate: String) throws {
        guard let training = DecimalYear.parse(trainingDate) else {
            throw CostForecastError.invalidDate(option: "--training-date", text: trainingDate)
        }
        guard let releaseText = hardware.releaseDate else { throw CostForecastError.noReleaseDate(hardware: hardware.name) }
        guard let release = DecimalYear.parse(releaseText) else {
            throw CostForecastError.invalidDate(option: "--release-date", text: releaseText)
        }
        guard training >= release else {
            throw CostForecastError.trainingBeforeRelease(hardware: hardware.name, release: releaseText, training: trainingDate)
        }
        yearsSinceAcquisition = training - release
        acquisitionBasis = AcquisitionBasis(releaseDate: releaseText, trainingDate: trainingDate)
    }

    /// `r = d·ln 10`, the depreciation rate per year (0.3224 for d = 0.14).
    public var depreciationRate: Double { depreciationOOMPerYear * log(10) }

    /// The energy price of `year`.
    /// - Throws: ``CostForecastError/invalidValue(name:value:expected:)`` for a year without one.
    public static func energyPrice(year: Int) throws -> Double {
        guard let price = energyPrices[year] else {
            let years = energyPrices.keys.sorted()
            throw CostForecastError.invalidValue(
                name: "energy year", value: Double(year), expected: "a year from \(years[0]) to \(years[years.count - 1])")
        }
        return price
    }

    /// Checks the model's own parameters.
    /// - Throws: ``CostForecastError/invalidValue(name:value:expected:)``.
    public func validate() throws {
        func check(_ name: String, _ value: Double, _ ok: Bool, _ expected: String) throws {
            guard value.isFinite, ok else { throw CostForecastError.invalidValue(name: name, value: value, expected: expected) }
        }
        try check("depreciation", depreciationOOMPerYear, depreciationOOMPerYear > 0, "a positive number of OOM per year")
        try check("years since acquisition", yearsSinceAcquisition, yearsSinceAcquisition >= 0, "a number of years >= 0")
        try check("interconnect fraction", interconnectFraction, interconnectFraction >= 0 && interconnectFraction < 1, "a fraction in [0, 1)")
        try check("PUE", powerUsageEffectiveness, powerUsageEffectiveness >= 1, "a number >= 1")
        try check("energy price", energyPricePerKWh, energyPricePerKWh >= 0, "a price per kWh >= 0")
    }

    /// Chip-hours and wall-clock hours of a workload on `hardware`.
    /// - Throws: ``CostForecastError/invalidValue(name:value:expected:)`` for chips, hours, FLOP
    ///   or MFU outside their domain.
    static func time(of workload: TrainingWorkload, on hardware: Hardware) throws -> (chipHours: Double, hours: Double?) {
        func positive(_ name: String, _ value: Double) throws {
            guard value.isFinite, value > 0 else {
                throw CostForecastError.invalidValue(name: name, value: value, expected: "a positive number")
            }
        }
        switch workload {
        case let .cluster(chips, hours):
            try positive("chips", chips)
            try positive("hours", hours)
            return (chips * hours, hours)
        case let .compute(flop, mfu, chips):
            try positive("FLOP", flop)
            guard mfu.isFinite, mfu > 0, mfu <= 1 else {
                throw CostForecastError.invalidValue(name: "MFU", value: mfu, expected: "a fraction in (0, 1]")
            }
            if let chips { try positive("chips", chips) }
            let chipHours = flop / (hardware.peakFLOPPerSecond * mfu) / 3600
            return (chipHours, chips.map { chipHours / $0 })
        }
    }

    /// The cost of `workload` on `hardware`.
    /// - Throws: ``CostForecastError/invalidValue(name:value:expected:)``,
    ///   ``CostForecastError/invalidHardwareField(source:field:value:expected:)``.
    public func estimate(_ workload: TrainingWorkload, on hardware: Hardware) throws -> TrainingCostEstimate {
        try validate()
        try hardware.validate()
        let (chipHours, hours) = try Self.time(of: workload, on: hardware)
        let p0 = hardware.priceWithServer
        let startPrice = p0 * pow(10, -depreciationOOMPerYear * yearsSinceAcquisition)
        let perChipHour = startPrice * depreciationRate / Self.hoursPerYear
        let amortized = perChipHour * chipHours
        let interconnect = amortized * interconnectFraction / (1 - interconnectFraction)
        let kW = hardware.serverPowerPerChipKW * powerUsageEffectiveness
        let kWh = kW * chipHours
        let energy = kWh * energyPricePerKWh
        var chips: Double?
        var flop: Double?
        var mfu: Double?
        switch workload {
        case let .cluster(n, _): chips = n
        case let .compute(f, u, n): flop = f; mfu = u; chips = n
        }
        return TrainingCostEstimate(
            hardware: hardware.name, chips: chips, trainingHours: hours, chipHours: chipHours, flop: flop, mfu: mfu,
            startPrice: startPrice, amortizedPricePerChipHour: perChipHour, hardwareAmortized: amortized,
            interconnect: interconnect, powerPerChipKW: kW, energyKWh: kWh, energy: energy,
            total: amortized + interconnect + energy,
            acquisition: chips.map { $0 * p0 / (1 - interconnectFraction) },
            rental: hardware.rentalPricePerChipHour.map { $0 * chipHours })
    }
}
