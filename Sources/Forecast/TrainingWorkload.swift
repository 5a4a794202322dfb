import Foundation

/// What a training run uses, as the cost model needs it: a cluster for a time, or an amount of
/// compute at a utilisation.
///
/// ```
/// cluster(chips, hours)          chip_hours = chips × hours
/// compute(FLOP, MFU, chips?)     chip_hours = FLOP/(peak FLOP/s × MFU)/3600
///                                time to train = FLOP/(chips × peak FLOP/s × MFU)   (seconds)
/// ```
/// (Cottier et al. 2024, arXiv:2405.21015; Khandelwal et al. 2024, "$100K or 100 Days").
public enum TrainingWorkload: Sendable, Equatable {
    /// `chips` accelerators for `hours` hours of wall-clock time.
    case cluster(chips: Double, hours: Double)
    /// `flop` training FLOP at model FLOP/s utilisation `mfu`, on `chips` accelerators when known
    /// (the time to train needs them; the chip-hours do not).
    case compute(flop: Double, mfu: Double, chips: Double?)

    /// The median MFU of the 33 known values in Epoch's database, 0.375 (Cottier et al. 2024).
    public static let defaultMFU = 0.375
}
