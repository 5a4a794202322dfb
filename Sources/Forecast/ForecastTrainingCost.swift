import Foundation

/// Training time and cost columns of a forecast: each budget's FLOP priced on one kind of
/// hardware with ``HardwareCostModel`` (time to train = FLOP/(chips × peak FLOP/s × MFU)).
public struct ForecastTrainingCost: Sendable, Equatable {
    /// The hardware priced.
    public let hardware: Hardware
    /// The cluster size, when given (without it there is no training time).
    public let chips: Double?
    /// The model FLOP/s utilisation assumed.
    public let mfu: Double
    /// The cost model.
    public let model: HardwareCostModel
    /// One estimate per row of the table, in order.
    public let estimates: [TrainingCostEstimate]

    /// Prices every budget of `budgets`.
    /// - Throws: the errors of ``HardwareCostModel/estimate(_:on:)``.
    public init(budgets: [Double], hardware: Hardware, chips: Double?, mfu: Double = TrainingWorkload.defaultMFU,
                model: HardwareCostModel = HardwareCostModel()) throws {
        self.hardware = hardware
        self.chips = chips
        self.mfu = mfu
        self.model = model
        self.estimates = try budgets.map { try model.estimate(.compute(flop: $0, mfu: mfu, chips: chips), on: hardware) }
    }
}

extension ForecastTable {
    /// The same table with training time and cost columns on `hardware`.
    /// - Throws: the errors of ``HardwareCostModel/estimate(_:on:)``.
    public func pricing(on hardware: Hardware, chips: Double?, mfu: Double = TrainingWorkload.defaultMFU,
                        model: HardwareCostModel = HardwareCostModel()) throws -> ForecastTable {
        var copy = self
        copy.trainingCost = try ForecastTrainingCost(budgets: rows.map(\.budget), hardware: hardware, chips: chips, mfu: mfu, model: model)
        return copy
    }
}
