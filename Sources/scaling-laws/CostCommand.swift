import ArgumentParser
import Forecast
import Reports

/// `scaling-laws cost --hardware H100 (--chips N --days D | --flop C [--mfu U] [--chips N])`:
/// the bottom-up cost of one training run (Cottier et al. 2024).
struct CostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cost",
        abstract: "Estimate the cost of a training run from its hardware (amortized hardware, interconnect, energy).",
        discussion: """
            Cottier et al. 2024: chip-hours = chips × hours, or FLOP/(peak FLOP/s × MFU)/3600; \
            amortized hardware = P0·r/8766 per chip-hour (P0 = chip price × server overhead, \
            r = 0.14·ln 10 per year); interconnect = 19/81 of that; energy = TDP × server power \
            factor × utilisation × PUE × chip-hours × $/kWh. Alternatives: buying the cluster \
            (chips × P0/0.81) and renting it (price per chip-hour × chip-hours). Time to train = \
            FLOP/(chips × peak FLOP/s × MFU).

            Every hardware field can be overridden by an option or a JSON file (--hardware-file).

            Examples:
              scaling-laws cost --hardware H100 --chips 10000 --days 90
              scaling-laws cost --hardware H100 --flop 1e25 --mfu 0.4 --chips 10000
            """
    )

    @OptionGroup(title: "Hardware")
    var hardware: HardwareOptions

    @Option(help: ArgumentHelp("Number of chips in the cluster.", valueName: "n"))
    var chips: String?

    @Option(help: ArgumentHelp("Wall-clock training time, days.", valueName: "days"))
    var days: String?

    @Option(help: ArgumentHelp("Wall-clock training time, hours.", valueName: "hours"))
    var hours: String?

    @Option(help: ArgumentHelp("Training compute, FLOP (e.g. 1e25).", valueName: "flop"))
    var flop: String?

    @Option(help: ArgumentHelp("Model FLOP/s utilisation with --flop (default 0.375, Epoch's median).", valueName: "fraction"))
    var mfu: String?

    @Option(help: "How to write numbers in the table: human (50.1M, 90.0 days) or scientific (5.008e+07).")
    var numbers: NumberStyle = .human

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func validate() throws {
        guard hardware.isRequested else {
            throw ValidationError("give the hardware with --hardware <name> or --hardware-file <file>")
        }
        guard days == nil || hours == nil else { throw ValidationError("give at most one of --days and --hours") }
        let time = days != nil || hours != nil
        guard time != (flop != nil) else {
            throw ValidationError("give either --chips with --days or --hours, or --flop (with --mfu and optionally --chips)")
        }
        if time, chips == nil { throw ValidationError("--days and --hours need --chips") }
        if mfu != nil, flop == nil { throw ValidationError("--mfu applies only with --flop") }
    }

    func run() throws {
        try Console.run {
            let device = try hardware.resolvedHardware()
            let model = try hardware.costModel(for: device)
            let chipCount = try HardwareOptions.number(chips, "--chips", "a positive number of chips")
            let workload: TrainingWorkload
            if let flop {
                let compute = try HardwareOptions.number(flop, "--flop", "a positive number of FLOP, e.g. 1e25") ?? 0
                let utilisation = try HardwareOptions.number(mfu, "--mfu", "a fraction in (0, 1]", upTo: 1) ?? TrainingWorkload.defaultMFU
                workload = .compute(flop: compute, mfu: utilisation, chips: chipCount)
            } else if let days {
                let value = try HardwareOptions.number(days, "--days", "a positive number of days") ?? 0
                workload = .cluster(chips: chipCount ?? 0, hours: value * 24)
            } else {
                let value = try HardwareOptions.number(hours, "--hours", "a positive number of hours") ?? 0
                workload = .cluster(chips: chipCount ?? 0, hours: value)
            }
            let estimate = try model.estimate(workload, on: device)
            let report = try TrainingCostRenderer.render(estimate, hardware: device, model: model, format: output.format.report, numbers: numbers)
            try output.emit(report: report) {
                Array(try TrainingCostRenderer.render(estimate, hardware: device, model: model, format: .json).utf8)
            }
        }
    }
}
