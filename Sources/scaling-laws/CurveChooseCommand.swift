import ArgumentParser
import Foundation
import Reports
import ScalingLaws

/// `scaling-laws curve choose`: the schedule a curve fit predicts to end lowest for a step budget.
struct CurveChooseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "choose",
        abstract: "For a step budget, the WSD decay fraction and shape and the cosine final ratio that a curve fit predicts to end lowest.",
        discussion: """
            Searches WSD decays of 5–60% of the budget (linear, cosine and 1-sqrt shapes, to \
            --final × the peak) and cosine final ratios 0–0.5, and reports the gain of the best \
            WSD over the reference cosine (to --reference-final × the peak) with its interval.

            Example:
              scaling-laws curve choose --fit curve.json --steps 162694 --warmup 1000 --peak 5.154e-4
            """)

    @Option(help: ArgumentHelp("A fit written by 'curve fit --output'.", valueName: "file"))
    var fit: String

    @Option(help: ArgumentHelp("The step budget T.", valueName: "T"))
    var steps: Int

    @Option(help: ArgumentHelp("Warm-up steps.", valueName: "steps"))
    var warmup: Int

    @Option(help: ArgumentHelp("The peak learning rate (the one the fitted runs used).", valueName: "rate"))
    var peak: Double

    @Option(help: ArgumentHelp("The WSD decay's final rate as a fraction of the peak.", valueName: "ratio"))
    var final: Double = 0.1

    @Option(name: .customLong("reference-final"), help: ArgumentHelp("The reference cosine's final rate as a fraction of the peak.", valueName: "ratio"))
    var referenceFinal: Double = 0.1

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func run() throws {
        try Console.run {
            guard steps > warmup, warmup >= 0 else {
                throw ValidationError("--steps and --warmup: expected 0 ≤ warm-up < budget, got --warmup \(warmup) --steps \(steps)")
            }
            guard peak.isFinite, peak > 0 else { throw CLIError.invalidNumber(option: "--peak", text: "\(peak)", expected: "a positive learning rate") }
            let curveFit = try CurvePredictOptions.load(fit)
            let choice = try ScheduleChoice.search(fit: curveFit, steps: steps, warmup: warmup, peak: peak, wsdFinal: final,
                                                   referenceFinal: referenceFinal)
            let report = ScheduleChoiceReport.report(fit: curveFit, choice: choice, steps: steps)
            let text = try report.render(output.format.report)
            try output.emit(report: text) { Array(try report.render(RenderFormat.json).utf8) }
        }
    }
}
