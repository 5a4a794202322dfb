// Tissue et al. 2024, "Scaling Law with Learning Rate Annealing" (arXiv:2408.11029), beside Luo
// et al. 2025, "A Multi-Power Law for Loss Curve Prediction Across Learning Rate Schedules"
// (arXiv:2503.12811): whole loss curves as functions of the learning-rate schedule, fitted on
// the OLMo 2 ladder's logs (Bhagia et al. 2024, arXiv:2412.04403). For each size, both laws are
// fitted on the constant-rate and cosine 10×C curves; they then predict the 10×C WSD decay
// branch's final loss (a schedule they never saw) and the cosine runs of other lengths.
//
//     swift run tissue2024-lr-annealing [--quick]
//
// Needs ../shared/datasets/olmo_ladder_bhagia2024/{cosine,constant,wsd-decay,model_sizes.csv}.
import Foundation
import NotebookSupport
import ScalingLaws

Notebook.run(name: "tissue2024-lr-annealing",
             title: "Tissue et al. 2024 and Luo et al. 2025: loss curves from the learning-rate schedule on the OLMo ladder",
             scriptPath: #filePath) { nb in
    let folder = "olmo_ladder_bhagia2024/"
    let metric = "eval/c4_en-validation/CrossEntropyLoss"
    let urls = try SharedData.locate([folder + "model_sizes.csv", folder + "cosine", folder + "constant", folder + "wsd-decay"])
    let sizes = try SizesTable.read(contentsOf: urls[0])
    let cosineFolder = urls[1], constantFolder = urls[2], branchFolder = urls[3]
    let sizeNames = ["190M", "370M", "760M", "1B"]
    let laws: [CurveLaw] = nb.quick ? [.lrAnnealing(lambda: 0.999)] : [.lrAnnealing(lambda: 0.999), .multiPower]
    nb.say("""
        Data: `\(folder)`, C4 validation loss (`\(metric)`) logged every 50–1,000 steps with the learning rate \
        (`optim/learning_rate_group0`). Schedules are rebuilt step by step from the logged rates (straight lines \
        between logged steps, warm-up from 0 at step 0); a decay branch continues its constant run up to the branch. \
        Each law is fitted by least squares on the steps after the warm-up of the constant and cosine 10×C curves \
        of one size. Laws: \(laws.map(\.description).joined(separator: "; ")).
        """)

    // 1. The reconstruction against the generating schedule (linear warm-up over N/B steps, then
    //    cosine to 0.1× the peak at the last step).
    var reconstruction = Comparison(digits: 3)
    var worstRate = 0.0, worstArea = 0.0, worstHinted = 0.0, worstGenerator = 0.0
    for size in sizeNames {
        for mult in ["0.5", "1", "2", "5", "10"] {
            let url = cosineFolder.appendingPathComponent("\(size)-\(mult)xC.csv")
            let log = try TrainingLog.read(contentsOf: url, columns: ["optim/learning_rate_group0", "learning_rate_peak", "batch_size_in_tokens"])
            guard let n = sizes.entry(named: size)?.parameters, let batch = log.series["batch_size_in_tokens"]?.last,
                  let peak = log.series["learning_rate_peak"]?.last, let last = log.steps.last else { throw NotebookError.failed("\(url.path): columns") }
            let warmup = Int((n / batch).rounded())
            // The cosine reaches 0.1× the peak 10 steps before the last logged step (the offset
            // that matches the logged rates; the run then stays at 0.1×).
            let decayed = try ScheduleSpecification(shape: .cosine, warmup: warmup, peak: peak, final: 0.1, steps: Int(last) - 10).schedule()
            let truth = StepSchedule(rates: decayed.rates + Array(repeating: 0.1 * peak, count: 10), warmupSteps: warmup)
            let rates = log.series["optim/learning_rate_group0"] ?? []
            for (s, r) in zip(log.steps, rates) where r.isFinite { worstGenerator = max(worstGenerator, abs(truth.rate(at: Int(s)) - r) / peak) }
            let rebuilt = try StepSchedule.interpolating(steps: log.steps, rates: rates, source: url.lastPathComponent)
            let hinted = try StepSchedule.interpolating(steps: log.steps, rates: rates, source: url.lastPathComponent, warmup: warmup)
            for s in (warmup + 1)...truth.lastStep where s >= Int(log.steps[0]) {
                worstRate = max(worstRate, abs(rebuilt.rates[s] - truth.rates[s]) / peak)
            }
            let b = ScheduleAreas.forwardArea(truth).last ?? .nan
            worstArea = max(worstArea, abs((ScheduleAreas.forwardArea(rebuilt).last ?? .nan) / b - 1))
            worstHinted = max(worstHinted, abs((ScheduleAreas.forwardArea(hinted).last ?? .nan) / b - 1))
        }
    }
    reconstruction.add("generator vs logged rates: largest |Δη|/peak (20 cosine runs)", ours: worstGenerator, published: 0, .absolute(5e-5),
                       reason: "warm-up N/B steps, cosine to 0.1× peak at T − 10: the schedule that generated the logs")
    reconstruction.add("interpolated vs generator: largest |Δη|/peak after warm-up", ours: worstRate, published: 0, .absolute(5e-4),
                       reason: "straight lines between logged steps")
    reconstruction.add("interpolated vs generator: largest relative error of S1(T)", ours: worstArea, published: 0, .absolute(8e-3),
                       reason: "forward area at the last step; runs first logged after the warm-up get a warm-up to that step")
    reconstruction.add("… with the warm-up length N/B given: largest relative error of S1(T)", ours: worstHinted, published: 0, .absolute(1e-5),
                       reason: "the recipe's warm-up")
    try nb.show(reconstruction, title: "Per-step schedules rebuilt from logged rates", csvName: "reconstruction.csv")

    // 2. Fit per size, predict the 10×C branch end and the other cosine lengths.
    var table = Comparison(digits: 4)
    var csv = "size,law,target,observed,predicted,relative_error\n"
    var branchErrors: [String: [String: Double]] = [:]
    var otherErrors: [String: [String: Double]] = [:]
    var fitsBySize: [String: CurveFit] = [:]
    for size in sizeNames {
        let constantURL = constantFolder.appendingPathComponent("\(size)-10xC.csv")
        let constant = try LossCurve.read(constantURL, metric: metric)
        let cosine = try LossCurve.read(cosineFolder.appendingPathComponent("\(size)-10xC.csv"), metric: metric)
        let branch = try LossCurve.read(branchFolder.appendingPathComponent("\(size)-10xC.csv"), metric: metric, branchOf: constantURL)
        guard let branchEnd = branch.finalLoss, let constantEnd = constant.finalLoss else { throw NotebookError.failed("\(size): empty curve") }
        table.context("\(size): constant run's end above the branch's", ours: table.format(100 * (constantEnd / branchEnd - 1)) + "%",
                      published: "≈ 3.5%", reason: "what a schedule-blind law misses by")
        for law in laws {
            let started = Date()
            // lr-annealing with its held-out-end model error (the prediction interval of the CLI).
            let fit = law == .multiPower ? try CurveFitter.fit([constant, cosine], law: law)
                : try CurveFitter.fitCalibrated([constant, cosine], law: law)
            nb.progress("\(size) \(law.name): \(fit.points) points, \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
            if case .lrAnnealing = law { fitsBySize[size] = fit }
            let predicted = fit.predictFinal(branch.schedule)
            let error = predicted / branchEnd - 1
            branchErrors[law.name, default: [:]][size] = error
            csv += "\(size),\(law.name),10xC WSD branch,\(branchEnd),\(predicted),\(error)\n"
            for mult in ["0.5", "1", "2", "5"] {
                let other = try LossCurve.read(cosineFolder.appendingPathComponent("\(size)-\(mult)xC.csv"), metric: metric)
                guard let end = other.finalLoss else { continue }
                let p = fit.predictFinal(other.schedule)
                otherErrors[law.name, default: [:]][size + "-" + mult] = p / end - 1
                csv += "\(size),\(law.name),\(mult)xC cosine,\(end),\(p),\(p / end - 1)\n"
            }
        }
    }
    try nb.writeCSV(csv, named: "predictions.csv")

    // 2b. Intervals at the 36 ends (five WSD branches and four other cosine lengths per size):
    //     the delta-method prediction interval against the held-out-end calibrated one.
    var intervals = Comparison(digits: 4)
    var intervalCSV = "size,run,observed,predicted,delta_lower,delta_upper,lower,upper\n"
    var deltaIn = 0, calibratedIn = 0, ends = 0
    var halfWidths: [Double] = []
    for size in sizeNames {
        guard let fit = fitsBySize[size] else { continue }
        let constantURL = constantFolder.appendingPathComponent("\(size)-10xC.csv")
        var targets: [LossCurve] = []
        for mult in ["0.5", "1", "2", "5", "10"] {
            targets.append(try LossCurve.read(branchFolder.appendingPathComponent("\(size)-\(mult)xC.csv"), metric: metric, branchOf: constantURL))
        }
        for mult in ["0.5", "1", "2", "5"] {
            targets.append(try LossCurve.read(cosineFolder.appendingPathComponent("\(size)-\(mult)xC.csv"), metric: metric))
        }
        for target in targets {
            guard let step = target.finalStep, let y = target.finalLoss,
                  let p = fit.predictions(target.schedule, at: [step]).first, let d = fit.deltaPredictions(target.schedule, at: [step]).first,
                  let lo = p.predictionLower, let hi = p.predictionUpper, let dlo = d.predictionLower, let dhi = d.predictionUpper else { continue }
            ends += 1
            if lo <= y && y <= hi { calibratedIn += 1 }
            if dlo <= y && y <= dhi { deltaIn += 1 }
            halfWidths.append((hi - lo) / 2 / p.predicted)
            intervalCSV += "\(size),\(target.run),\(y),\(p.predicted),\(dlo),\(dhi),\(lo),\(hi)\n"
        }
        if let error = fit.modelError {
            intervals.context("\(size): model error σ_m (held-out run ends)", ours: intervals.format(100 * error.relativeStandardDeviation) + "%",
                              published: "—", reason: "6 held-out ends: each fitted run cut at 25/50/75% of its steps")
        }
    }
    try nb.writeCSV(intervalCSV, named: "intervals.csv")
    intervals.context("ends inside the delta-method 95% PI", ours: "\(deltaIn) of \(ends)", published: "—",
                      reason: "the law is not exact and a curve's residuals are correlated")
    intervals.add("ends inside the held-out-end calibrated 95% PI", ours: Double(calibratedIn), within: (0.9 * Double(ends)).rounded(.up)...Double(ends),
                  published: "≥ 90% of the ends (the issue's aim)", reason: "\(calibratedIn) of \(ends)")
    let medianHalfWidth = halfWidths.sorted()[halfWidths.count / 2]
    intervals.context("median relative half-width of the calibrated PI", ours: intervals.format(100 * medianHalfWidth) + "%", published: "—",
                      reason: "the price of coverage: errors are 0.01–1.7%")
    try nb.show(intervals, title: "Prediction intervals at the 36 run ends", csvName: "intervals-coverage.csv")
    for law in laws {
        let name = law.name
        for size in sizeNames {
            let e = branchErrors[name]?[size] ?? .nan
            let others = ["0.5", "1", "2", "5"].map { otherErrors[name]?[size + "-" + $0] ?? .nan }
            table.context("\(size) \(name): branch end; cosine 0.5/1/2/5×C", ours: ([e] + others).map { table.format(100 * $0) + "%" }.joined(separator: "; "),
                          published: "—", reason: "relative error of the predicted final loss")
        }
    }
    let annealingBranch = sizeNames.map { abs(branchErrors["lr-annealing"]?[$0] ?? .infinity) }.max() ?? .infinity
    let annealingOther = otherErrors["lr-annealing"]?.values.map(abs).max() ?? .infinity
    table.add("lr-annealing: largest |error| at the 10×C branch end (4 sizes)", ours: annealingBranch, published: 0, .absolute(0.0042),
              reason: "measured 0.42% (1B); the issue's aim is under 0.5%")
    table.add("lr-annealing: largest |error| at the cosine 0.5–5×C ends", ours: annealingOther, published: 0, .absolute(0.0075),
              reason: "measured 0.73% (190M-0.5xC): other horizons from the same fit")
    if laws.contains(.multiPower) {
        let mpBranch = sizeNames.map { abs(branchErrors["multi-power"]?[$0] ?? .infinity) }.max() ?? .infinity
        let mpOther = otherErrors["multi-power"]?.values.map(abs).max() ?? .infinity
        table.add("multi-power: largest |error| at the 10×C branch end (4 sizes)", ours: mpBranch, published: 0, .absolute(0.002),
                  reason: "measured 0.19% (1B); the issue's aim is under 0.5%")
        table.add("multi-power: largest |error| at the cosine 0.5–5×C ends", ours: mpOther, published: 0, .absolute(0.009),
                  reason: "measured 0.87% (1B-0.5xC)")
    }
    table.context("Tissue et al. 2024: momentum λ", ours: "0.999 (fixed)", published: "0.99–0.999",
                  reason: "the paper's range for the annealing momentum")
    try nb.show(table, title: "Final losses predicted from the constant and cosine 10×C curves", csvName: "errors.csv")

    // 3. Choosing a schedule for each size's 10×C budget with the fitted lr-annealing law: the
    //    gain of the best WSD over the cosine to 0.1×, with its delta-method interval.
    var choosing = Comparison(digits: 4)
    var choiceCSV = "size,best_wsd,best_wsd_loss,best_cosine_final,best_cosine_loss,reference_cosine_loss,gain,gain_lower,gain_upper\n"
    for size in sizeNames {
        guard let fit = fitsBySize[size] else { continue }
        let cosine = try LossCurve.read(cosineFolder.appendingPathComponent("\(size)-10xC.csv"), metric: metric)
        let schedule = cosine.schedule
        let choice = try ScheduleChoice.search(fit: fit, steps: schedule.lastStep, warmup: schedule.warmupSteps, peak: schedule.peak)
        let gain = choice.gain
        choiceCSV += "\(size),\(choice.bestWSD.specification.description),\(choice.bestWSD.finalLoss),\(choice.bestCosine.specification.final),"
            + "\(choice.bestCosine.finalLoss),\(choice.reference.finalLoss),\(gain.value),\(gain.lower ?? .nan),\(gain.upper ?? .nan)\n"
        choosing.context("\(size): best WSD", ours: "\(choice.bestWSD.specification.description): \(choosing.format(choice.bestWSD.finalLoss))",
                         published: "—", reason: "grid: decay 5–60% of the steps, linear/cosine/1-sqrt, to 0.1× peak")
        choosing.context("\(size): best cosine final ratio", ours: "\(choosing.bestCosine(choice)): \(choosing.format(choice.bestCosine.finalLoss))",
                         published: "—", reason: "grid: final ratio 0–0.5")
        choosing.context("\(size): reference cosine (to 0.1×)", ours: choosing.format(choice.reference.finalLoss),
                         published: choosing.format(cosine.finalLoss ?? .nan), reason: "predicted vs logged final loss")
        choosing.add("\(size): gain of the best WSD over the reference cosine (nats)", ours: gain.value, within: 0...0.05,
                     published: "> 0 (Luo et al. 2025: an optimised WSD-like schedule beats cosine)",
                     reason: "95% CI \(choosing.format(gain.lower ?? .nan))–\(choosing.format(gain.upper ?? .nan)) (parameter uncertainty only)")
    }
    try nb.writeCSV(choiceCSV, named: "choice-by-size.csv")
    try nb.show(choosing, title: "The schedule the fitted law prefers at each size's 10×C budget", csvName: "choice.csv")

    // 4. Across sizes: each size's curve fit (constant + cosine 10×C) stands in for its five
    //    cosine runs: it predicts their final losses, and the Chinchilla law fitted to those 20
    //    predicted points is compared with the Chinchilla law fitted to the 20 logged cosine ends.
    // The library's across-sizes step (CurveLadder): each size's fit predicts its cosine
    // schedules' final losses at D = T · batch tokens.
    var ladderPoints: [CurveLadderPoint] = []
    var observedPoints: [String: [Double]] = ["N": [], "D": [], "loss": []]
    for size in sizeNames {
        guard let fit = fitsBySize[size], let n = sizes.entry(named: size)?.parameters else { continue }
        var schedules: [StepSchedule] = []
        var batchTokens = Double.nan
        for mult in ["0.5", "1", "2", "5", "10"] {
            let url = cosineFolder.appendingPathComponent("\(size)-\(mult)xC.csv")
            let run = try LossCurve.read(url, metric: metric)
            let log = try TrainingLog.read(contentsOf: url, columns: ["batch_size_in_tokens"])
            guard let end = run.finalLoss, let step = run.finalStep, let batch = log.series["batch_size_in_tokens"]?.last(where: \.isFinite) else { continue }
            batchTokens = batch
            schedules.append(run.schedule.prefix(through: step))
            observedPoints["N", default: []].append(n); observedPoints["D", default: []].append(Double(step) * batch)
            observedPoints["loss", default: []].append(end)
        }
        let ladderSize = CurveLadderSize(name: size, parameters: n, tokensPerStep: batchTokens, warmup: 0, peak: 0, fit: fit)
        ladderPoints += CurveLadder.finalLosses(of: ladderSize, schedules: schedules)
    }
    let predictedPoints = try CurveLadder.dataset(ladderPoints, source: "curve predictions")
    let fromCurves = try LawFitter.fit(ChinchillaLaw(), to: predictedPoints)
    let fromEnds = try LawFitter.fit(ChinchillaLaw(), to: Dataset(source: "cosine ends", columns: observedPoints))
    var across = Comparison(digits: 4)
    for name in ["E", "A", "B", "alpha", "beta"] {
        guard let ours = fromCurves.parameters.first(where: { $0.name == name })?.value,
              let reference = fromEnds.parameters.first(where: { $0.name == name })?.value else { continue }
        across.context("Chinchilla \(name): from 8 curves vs from 20 cosine ends", ours: across.format(ours), published: across.format(reference),
                       reason: "published column: the fit to the logged cosine ends (the logs issue's fit)")
    }
    let law = ChinchillaLaw()
    var worst = 0.0
    for i in observedPoints["loss", default: []].indices {
        let x = [observedPoints["N", default: []][i], observedPoints["D", default: []][i]]
        worst = max(worst, abs(law.evaluate(x, fromCurves.values) / law.evaluate(x, fromEnds.values) - 1))
    }
    across.add("largest relative difference of the two Chinchilla fits at the 20 runs", ours: worst, published: 0, .absolute(0.01),
               reason: "measured 0.73%: the curve-law ladder (4 constant + 4 cosine runs) against the 20-run cosine ladder; both fits put E near its bound, the N range (190M–1B) is narrow")
    if let n3 = sizes.entry(named: "3B")?.parameters {
        let x = [n3, 20 * n3]
        across.context("both fits at 3B, 20 tokens per parameter (extrapolated)", ours: across.format(law.evaluate(x, fromCurves.values)),
                       published: across.format(law.evaluate(x, fromEnds.values)), reason: "a size the ladder does not hold")
    }
    try nb.show(across, title: "Across sizes: the Chinchilla fit from curve-law predictions against the fit to cosine ends", csvName: "across-sizes.csv")
}

extension Comparison {
    /// The best cosine's final ratio, printed.
    func bestCosine(_ choice: ScheduleChoice) -> String { String(describing: choice.bestCosine.specification.final) }
}
