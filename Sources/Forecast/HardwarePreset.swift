import Foundation
import ScalingLaws

/// An ML accelerator as the bottom-up cost model of Cottier et al. 2024 ("The rising costs of
/// training frontier AI models", arXiv:2405.21015, §2 and Appendix A) sees it: peak throughput,
/// power, price and the server overheads around one chip.
///
/// Every field is an editable default: the CLI overrides each one by an option or a JSON file
/// (``HardwareOverrides``). Units: FLOP/s, watts, US dollars, dimensionless factors.
public struct Hardware: Sendable, Equatable, Codable {
    /// The preset name (`H100`).
    public var name: String
    /// Peak dense (no sparsity) BF16 tensor throughput per chip, FLOP/s.
    public var peakFLOPPerSecond: Double
    /// Thermal design power of one chip, watts.
    public var tdpWatts: Double
    /// Purchase price of one chip, USD.
    public var chipPrice: Double
    /// Server cost per chip over chip price (`P0 = chipPrice × serverCostOverhead`): Epoch's 1.66
    /// for A100, 1.64 for other chips.
    public var serverCostOverhead: Double
    /// Server power per chip over chip TDP (CPUs, memory, fans): `(10.2 kW/8)/0.7 kW` for an
    /// H100 DGX.
    public var serverPowerFactor: Double
    /// Average server power over peak during training: 0.75 for GPUs, 0.43 for TPUs (Epoch).
    public var powerUtilisation: Double
    /// Cloud rental price per chip-hour, USD, when one is documented.
    public var rentalPricePerChipHour: Double?
    /// Which values are estimates rather than published figures, for reports.
    public var notes: String?
    /// The date the hardware became available, ISO `YYYY-MM-DD`: with a training date it gives
    /// the years from acquisition to the start of training (Cottier et al. 2024, §2.2: a chip's
    /// value at the start of training depreciates from the date the hardware became available).
    public var releaseDate: String?

    /// A hardware description (fields as documented on each property).
    /// - Parameters:
    ///   - name: The name.
    ///   - peakFLOPPerSecond: Peak dense BF16 throughput per chip, FLOP/s.
    ///   - tdpWatts: Thermal design power of one chip, watts.
    ///   - chipPrice: Purchase price of one chip, USD.
    ///   - serverCostOverhead: Server cost per chip over chip price.
    ///   - serverPowerFactor: Server power per chip over chip TDP.
    ///   - powerUtilisation: Average server power over peak during training.
    ///   - rentalPricePerChipHour: Cloud rental price per chip-hour, USD, or `nil`.
    ///   - notes: Which values are estimates, or `nil`.
    ///   - releaseDate: ISO `YYYY-MM-DD` date the hardware became available, or `nil`.
    public init(
        name: String, peakFLOPPerSecond: Double, tdpWatts: Double, chipPrice: Double, serverCostOverhead: Double,
        serverPowerFactor: Double, powerUtilisation: Double, rentalPricePerChipHour: Double? = nil, notes: String? = nil,
        releaseDate: String? = nil
    ) {
        self.name = name
        self.peakFLOPPerSecond = peakFLOPPerSecond
        self.tdpWatts = tdpWatts
        self.chipPrice = chipPrice
        self.serverCostOverhead = serverCostOverhead
        self.serverPowerFactor = serverPowerFactor
        self.powerUtilisation = powerUtilisation
        self.rentalPricePerChipHour = rentalPricePerChipHour
        self.notes = notes
        self.releaseDate = releaseDate
    }

    /// `P0 = chipPrice × serverCostOverhead`, USD per chip including its share of the server.
    public var priceWithServer: Double { chipPrice * serverCostOverhead }

    /// Server power per chip during training before PUE, kW:
    /// `tdpWatts/1000 × serverPowerFactor × powerUtilisation`.
    public var serverPowerPerChipKW: Double { tdpWatts / 1000 * serverPowerFactor * powerUtilisation }

    /// Checks every field's domain.
    /// - Throws: ``CostForecastError/invalidHardwareField(source:field:value:expected:)``.
    public func validate(source: String = "hardware") throws {
        func positive(_ field: String, _ value: Double) throws {
            guard value.isFinite, value > 0 else {
                throw CostForecastError.invalidHardwareField(source: source, field: field, value: value, expected: "a positive number")
            }
        }
        try positive("peakFLOPPerSecond", peakFLOPPerSecond)
        try positive("tdpWatts", tdpWatts)
        try positive("chipPrice", chipPrice)
        try positive("serverCostOverhead", serverCostOverhead)
        try positive("serverPowerFactor", serverPowerFactor)
        guard powerUtilisation.isFinite, powerUtilisation > 0, powerUtilisation <= 1 else {
            throw CostForecastError.invalidHardwareField(
                source: source, field: "powerUtilisation", value: powerUtilisation, expected: "a fraction in (0, 1]")
        }
        if let rentalPricePerChipHour { try positive("rentalPricePerChipHour", rentalPricePerChipHour) }
        if let releaseDate, DecimalYear.parse(releaseDate) == nil {
            throw CostForecastError.invalidHardwareDate(source: source, field: "releaseDate", text: releaseDate)
        }
    }
}

extension Hardware {
    /// NVIDIA A100 SXM4.
    /// - 312 TFLOP/s dense BF16, 400 W: NVIDIA A100 datasheet (2020).
    /// - $15,000 list price (July 2020): The Next Platform, "How much of a premium will Nvidia
    ///   charge for Hopper GPUs?" (2022-05-09), as recorded in Epoch's `Hardware prices.csv`
    ///   (epoch-research/training-cost-trends).
    /// - server overhead 1.66, server power (6.5 kW/8)/0.4 kW (DGX A100), utilisation 0.75:
    ///   Epoch `hardware.py`, `energy.py`.
    /// - $4.10 per chip-hour: AWS p4d.24xlarge on demand, US East, 2021–2023 (Epoch's price file).
    /// - Released 2020-05-14 (announced and shipping in DGX A100, NVIDIA GTC 2020).
    public static let a100 = Hardware(
        name: "A100", peakFLOPPerSecond: 312e12, tdpWatts: 400, chipPrice: 15_000, serverCostOverhead: 1.66,
        serverPowerFactor: (6.5 / 8) / 0.4, powerUtilisation: 0.75, rentalPricePerChipHour: 4.10,
        releaseDate: "2020-05-14")

    /// NVIDIA H100 SXM5.
    /// - 989.5 TFLOP/s dense BF16 (1,979 with 2:4 sparsity), 700 W: NVIDIA H100 datasheet (2022).
    /// - $30,000 per chip and the 1.64 server overhead: Cottier et al. 2024 (arXiv:2405.21015, §2.2).
    /// - server power (10.2 kW/8)/0.7 kW (DGX H100), utilisation 0.75: Epoch `energy.py`.
    /// - $5.00 per chip-hour: MosaicML reserved-cluster price quoted in Databricks' MPT-30B post
    ///   (2023-06-22), as recorded in Epoch's price file.
    /// - Released 2022-03-22 (announced at NVIDIA GTC 2022).
    public static let h100 = Hardware(
        name: "H100", peakFLOPPerSecond: 989.5e12, tdpWatts: 700, chipPrice: 30_000, serverCostOverhead: 1.64,
        serverPowerFactor: (10.2 / 8) / 0.7, powerUtilisation: 0.75, rentalPricePerChipHour: 5.00,
        releaseDate: "2022-03-22")

    /// NVIDIA H200 SXM.
    /// - 989.5 TFLOP/s dense BF16 (same Hopper tensor cores as H100), up to 700 W: NVIDIA H200
    ///   datasheet (2024).
    /// - Price: NVIDIA publishes none. **Estimate**: H100's $30,000 plus 10% for the larger HBM3e
    ///   memory, $33,000.
    /// - Server factors as H100 (HGX H200 uses the H100 board design). No rental price.
    /// - Released 2023-11-13 (announced at SC23).
    public static let h200 = Hardware(
        name: "H200", peakFLOPPerSecond: 989.5e12, tdpWatts: 700, chipPrice: 33_000, serverCostOverhead: 1.64,
        serverPowerFactor: (10.2 / 8) / 0.7, powerUtilisation: 0.75, rentalPricePerChipHour: nil,
        notes: "chip price is an estimate (no published price); no rental price",
        releaseDate: "2023-11-13")

    /// Google TPU v4.
    /// - 275 TFLOP/s BF16: Google Cloud TPU v4 documentation; Jouppi et al. 2023, "TPU v4"
    ///   (arXiv:2304.01433).
    /// - 192 W maximum chip power: Jouppi et al. 2023 (170 W mean).
    /// - $5,167 equivalent price: Epoch's `TPU_EQUIVALENT_RELEASE_PRICES` (training-cost-trends
    ///   `constants.py`); Google does not sell TPUs.
    /// - server overhead 1.64, server power 1.56 (average of TPU v2, v3, v4i), utilisation 0.43:
    ///   Epoch `hardware.py`, `energy.py`.
    /// - $3.22 per chip-hour: Google Cloud on demand, us-central2, 2023-06 (Epoch's price file).
    /// - Released 2021-05-18 (announced at Google I/O 2021).
    public static let tpuV4 = Hardware(
        name: "TPU-v4", peakFLOPPerSecond: 275e12, tdpWatts: 192, chipPrice: 5_167, serverCostOverhead: 1.64,
        serverPowerFactor: 1.56, powerUtilisation: 0.43, rentalPricePerChipHour: 3.22,
        notes: "chip price is Epoch's TPU-equivalent estimate",
        releaseDate: "2021-05-18")

    /// Google TPU v5e.
    /// - 197 TFLOP/s BF16, $1.20 per chip-hour on demand: Google Cloud TPU v5e documentation and
    ///   pricing (2024).
    /// - TDP: Google publishes none. **Estimate**: TPU v4's FLOP per watt, 192 W × 197/275 = 137.6 W.
    /// - Price: **estimate** by Epoch's TPU-equivalent method scaled by rental price, $5,167 ×
    ///   1.20/3.22 = $1,926.
    /// - Server factors as TPU v4.
    /// - Released 2023-08-29 (announced at Google Cloud Next 2023).
    public static let tpuV5e = Hardware(
        name: "TPU-v5e", peakFLOPPerSecond: 197e12, tdpWatts: 192 * 197 / 275, chipPrice: 5_167 * 1.20 / 3.22,
        serverCostOverhead: 1.64, serverPowerFactor: 1.56, powerUtilisation: 0.43, rentalPricePerChipHour: 1.20,
        notes: "TDP and chip price are estimates scaled from TPU v4",
        releaseDate: "2023-08-29")

    /// Google TPU v5p.
    /// - 459 TFLOP/s BF16, $4.20 per chip-hour on demand: Google Cloud TPU v5p documentation and
    ///   pricing (2024).
    /// - TDP: **estimate** at TPU v4's FLOP per watt, 192 W × 459/275 = 320.5 W.
    /// - Price: **estimate** $5,167 × 4.20/3.22 = $6,739.
    /// - Server factors as TPU v4.
    /// - Released 2023-12-06 (announced with Gemini).
    public static let tpuV5p = Hardware(
        name: "TPU-v5p", peakFLOPPerSecond: 459e12, tdpWatts: 192 * 459 / 275, chipPrice: 5_167 * 4.20 / 3.22,
        serverCostOverhead: 1.64, serverPowerFactor: 1.56, powerUtilisation: 0.43, rentalPricePerChipHour: 4.20,
        notes: "TDP and chip price are estimates scaled from TPU v4",
        releaseDate: "2023-12-06")

    /// Every preset, in the order `--help` lists them.
    public static let presets: [Hardware] = [a100, h100, h200, tpuV4, tpuV5e, tpuV5p]

    /// The preset called `name`, ignoring case, spaces, `-` and `_` (`h100`, `TPU v5e`, `tpu_v5e`).
    /// - Throws: ``CostForecastError/unknownHardware(name:known:)``.
    public static func preset(named name: String) throws -> Hardware {
        func key(_ s: String) -> String { s.lowercased().filter { $0 != " " && $0 != "-" && $0 != "_" } }
        guard let match = presets.first(where: { key($0.name) == key(name) }) else {
            throw CostForecastError.unknownHardware(name: name, known: presets.map(\.name))
        }
        return match
    }
}
