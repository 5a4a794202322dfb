import Foundation
import ScalingLaws

/// The cost model's parameters as a user sets them, every one optional (``HardwareCostModel``'s
/// default where absent): the value struct behind `cost` and `forecast --hardware`, so a library
/// user builds the same model as the tool from the same settings.
///
/// The model (Cottier et al. 2024, arXiv:2405.21015, §2.2) amortises hardware bought
/// `yearsSinceAcquisition` years before training, depreciating at `depreciationOOMPerYear`
/// orders of magnitude a year, and adds energy at `energyPricePerKWh` times the PUE and the
/// interconnect share of cluster cost.
public struct HardwareCostSettings: Sendable, Equatable {
    /// Data-centre power usage effectiveness, ≥ 1.
    public var powerUsageEffectiveness: Double?
    /// Electricity price, USD per kWh (wins over ``energyYear`` when both are set).
    public var energyPricePerKWh: Double?
    /// The year whose US industrial electricity price to use (``HardwareCostModel/energyPrice(year:)``).
    public var energyYear: Int?
    /// Interconnect share of cluster cost, in [0, 1).
    public var interconnectFraction: Double?
    /// Hardware price-performance decline, orders of magnitude per year.
    public var depreciationOOMPerYear: Double?
    /// Years from buying the hardware to the start of training.
    public var yearsSinceAcquisition: Double?
    /// Start of training, `YYYY-MM-DD`: the years since acquisition are derived from the
    /// hardware's release date (``HardwareCostModel/deriveAge(of:trainingDate:)``).
    public var trainingDate: String?

    /// Settings with every field given or left at the model's default.
    /// - Parameters:
    ///   - powerUsageEffectiveness: PUE, ≥ 1.
    ///   - energyPricePerKWh: USD per kWh.
    ///   - energyYear: a year with a tabulated energy price.
    ///   - interconnectFraction: share of cluster cost, in [0, 1).
    ///   - depreciationOOMPerYear: OOM per year.
    ///   - yearsSinceAcquisition: years, ≥ 0.
    ///   - trainingDate: `YYYY-MM-DD`.
    public init(
        powerUsageEffectiveness: Double? = nil, energyPricePerKWh: Double? = nil, energyYear: Int? = nil,
        interconnectFraction: Double? = nil, depreciationOOMPerYear: Double? = nil, yearsSinceAcquisition: Double? = nil,
        trainingDate: String? = nil
    ) {
        self.powerUsageEffectiveness = powerUsageEffectiveness
        self.energyPricePerKWh = energyPricePerKWh
        self.energyYear = energyYear
        self.interconnectFraction = interconnectFraction
        self.depreciationOOMPerYear = depreciationOOMPerYear
        self.yearsSinceAcquisition = yearsSinceAcquisition
        self.trainingDate = trainingDate
    }

    /// The cost model with these settings over the defaults, validated; with ``trainingDate``
    /// and `hardware`, its years since acquisition derived from the hardware's release date.
    /// - Parameter hardware: the hardware priced, or `nil` (then ``trainingDate`` is not applied).
    /// - Returns: the model.
    /// - Throws: ``CostForecastError`` for a value out of range, an energy year without a
    ///   price, or a training date that does not read or precedes the release date.
    public func model(for hardware: Hardware? = nil) throws -> HardwareCostModel {
        var model = HardwareCostModel()
        if let powerUsageEffectiveness { model.powerUsageEffectiveness = powerUsageEffectiveness }
        if let energyYear { model.energyPricePerKWh = try HardwareCostModel.energyPrice(year: energyYear) }
        if let energyPricePerKWh { model.energyPricePerKWh = energyPricePerKWh }
        if let interconnectFraction { model.interconnectFraction = interconnectFraction }
        if let depreciationOOMPerYear { model.depreciationOOMPerYear = depreciationOOMPerYear }
        if let yearsSinceAcquisition { model.yearsSinceAcquisition = yearsSinceAcquisition }
        try model.validate()
        if let hardware, let trainingDate { try model.deriveAge(of: hardware, trainingDate: trainingDate) }
        return model
    }
}
