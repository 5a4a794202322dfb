import ArgumentParser
import Foundation
import Reports
import ScalingLaws

/// The runs and schedules `plot --kind loss-curve` draws against a curve fit's predictions.
struct LossCurvePlotOptions: ParsableArguments {
    @Option(help: ArgumentHelp("--kind loss-curve: a run's log to draw beside its prediction (repeatable).", valueName: "file"))
    var curve: [String] = []

    @Option(name: .customLong("branch-of"), help: ArgumentHelp("--kind loss-curve: the constant run's log that WSD decay branches among --curve continue (default: the constant run among --curve and the fit's logs reaching the branch).", valueName: "file"))
    var branchOf: String?

    @Option(help: ArgumentHelp("--kind loss-curve: a planned schedule to draw the prediction of (repeatable), e.g. 'wsd,decay:0.2,warmup:1000,peak:5e-4,final:0.1'.", valueName: "spec"))
    var schedule: [String] = []

    @Option(help: ArgumentHelp("--kind loss-curve: the planned schedules' last step (unless a specification gives steps:).", valueName: "T"))
    var steps: Int?

    @Flag(name: .customLong("log-x"), help: ArgumentHelp("--kind loss-curve: draw the steps on a log axis."))
    var logX = false

    var isUsed: Bool { !curve.isEmpty || branchOf != nil || !schedule.isEmpty || steps != nil || logX }

    /// The figure: each --curve predicted at its logged steps, each --schedule at 400 steps;
    /// with neither, the logs the fit was made from.
    func figure(fitPath: String) throws -> Figure {
        let fit = try CurvePredictOptions.load(fitPath)
        // Without --curve or --schedule: the fit's own logs against the fitted law.
        let curve = curve.isEmpty && schedule.isEmpty ? fit.logs ?? [] : curve
        guard !curve.isEmpty || !schedule.isEmpty else {
            throw ValidationError("--kind loss-curve draws runs or schedules: give --curve LOG or --schedule SPEC")
        }
        guard let metric = fit.metric else { throw LogError.noMetric }
        var targets: [LossCurvePlot.Target] = []
        if !curve.isEmpty {
            let parents = branchOf.map { [URL(fileURLWithPath: $0)] } ?? (fit.logs ?? []).map { URL(fileURLWithPath: $0) }
            let curves = try LossCurve.readLinked(curve.map { URL(fileURLWithPath: $0) }, metric: metric,
                                                  learningRateColumn: fit.learningRateColumn, stepColumn: fit.stepColumn, parents: parents)
            for run in curves {
                // The laws describe the loss after the warm-up: the steps drawn start there.
                let kept = run.steps.indices.filter { run.steps[$0] > run.schedule.warmupSteps }
                let trimmed = LossCurve(run: run.run, schedule: run.schedule, steps: kept.map { run.steps[$0] }, losses: kept.map { run.losses[$0] })
                targets.append(LossCurvePlot.Target(name: run.run, predictions: fit.predictions(trimmed)))
            }
        } else if branchOf != nil {
            throw ValidationError("--branch-of goes with --curve")
        }
        for spec in schedule {
            let laidOut = try ScheduleSyntax.parse(spec).schedule(steps: steps)
            let first = laidOut.warmupSteps + 1, last = laidOut.lastStep
            let count = Swift.min(400, Swift.max(last - first + 1, 1))
            let at = (0..<count).map { k in first + Int((Double(k) / Double(Swift.max(count - 1, 1)) * Double(last - first)).rounded()) }
            targets.append(LossCurvePlot.Target(name: spec, predictions: fit.predictions(laidOut, at: Array(Set(at)).sorted())))
        }
        return try LossCurvePlot.figure(fit: fit, targets: targets, metric: metric, logX: logX)
    }
}
