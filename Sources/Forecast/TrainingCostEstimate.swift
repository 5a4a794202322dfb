import Foundation

/// The cost of one training run on one kind of hardware, broken down as Cottier et al. 2024
/// (arXiv:2405.21015) do (see ``HardwareCostModel``). Money in US dollars, time in hours.
public struct TrainingCostEstimate: Sendable, Equatable, Codable {
    /// The hardware's name.
    public let hardware: String
    /// The number of chips, when known.
    public let chips: Double?
    /// Wall-clock training time, hours, when known.
    public let trainingHours: Double?
    /// Chip-hours.
    public let chipHours: Double
    /// Training FLOP, when the workload gave them.
    public let flop: Double?
    /// Model FLOP/s utilisation, when the workload gave it.
    public let mfu: Double?
    /// `P_start = P0·10^(−d·years)`: the price per chip (with server) at the start of training.
    public let startPrice: Double
    /// `P_start·r/8766`, USD per chip-hour of amortized hardware.
    public let amortizedPricePerChipHour: Double
    /// `P_start·r/8766 × chip_hours`.
    public let hardwareAmortized: Double
    /// `hardwareAmortized × f/(1 − f)`, `f` the interconnect share of cluster cost.
    public let interconnect: Double
    /// Power per chip including server overhead, utilisation and PUE, kW.
    public let powerPerChipKW: Double
    /// `powerPerChipKW × chip_hours`, kWh.
    public let energyKWh: Double
    /// `energyKWh × $/kWh`.
    public let energy: Double
    /// `hardwareAmortized + interconnect + energy`: Cottier et al.'s amortized cost.
    public let total: Double
    /// Buying the cluster up front, `chips × P0/(1 − f)`, when the chips are known.
    public let acquisition: Double?
    /// Renting, `price per chip-hour × chip_hours`, when the hardware has a rental price.
    public let rental: Double?

    /// `trainingHours/24`.
    public var trainingDays: Double? { trainingHours.map { $0 / 24 } }
}
