// Bhagia et al. 2024, "Establishing Task Scaling Laws via Compute-Efficient Model Ladders"
// (arXiv:2412.04403): the OLMo 2 ladder (190M–1B at 0.5–10× Chinchilla tokens) fitted straight
// from its training logs, step 1 of the ladder method, L(N, D) = E + A/N^α + B/D^β (Hoffmann et
// al. 2022, eq. 2). Points from the cosine runs' ends and, separately, from the WSD decay
// branches' ends (Hu et al. 2024; Hägele et al. 2024, arXiv:2405.18392: a short cooldown of a
// constant-rate run matches a cosine run of the same length), side by side.
//
//     swift run bhagia2024-ladder [--quick]
//
// Needs ../shared/datasets/olmo_ladder_bhagia2024/{cosine,constant,wsd-decay,model_sizes.csv}.
import Foundation
import NotebookSupport
import ScalingLaws

Notebook.run(name: "bhagia2024-ladder",
             title: "Bhagia et al. 2024, OLMo 2 model ladder: the ladder fit from training logs, cosine ends vs WSD branch ends",
             scriptPath: #filePath) { nb in
    let folder = "olmo_ladder_bhagia2024/"
    let metric = "eval/c4_en-validation/CrossEntropyLoss"
    let urls = try SharedData.locate([folder + "model_sizes.csv", folder + "cosine", folder + "constant", folder + "wsd-decay"])
    let sizes = try SizesTable.read(contentsOf: urls[0])
    var options = LogReadOptions(metric: metric)
    options.namePattern = try RunNamePattern(parsing: "{size}-{mult}xC")
    let cosine = try LogLadder.read(files: LogFiles.expand([urls[1].path]), sizes: sizes, options: options)
    let branched = try LogLadder.read(files: LogFiles.expand([urls[2].path, urls[3].path]), sizes: sizes, options: options)
    let branchLadder = branched.filtered { if case .decayBranch? = $0.schedule?.shape { true } else { false } }
    let branches = branchLadder.runs
    nb.say("""
        Data: `\(folder)`, one W&B export per run (97 columns). \(cosine.runs.count) cosine runs; \(branches.count) WSD \
        decay branches of the 4 constant-rate runs. Each run becomes one point: N from `model_sizes.csv` (the authors' \
        parameter counts) joined by the size in the file name, D = `throughput/total_tokens` and the C4 validation loss \
        at the run's last logged step. Law: Chinchilla, Huber (δ = 1e-3) on log residuals (the library default).
        """)

    // 1. What the logs say about the runs.
    var reading = Comparison(digits: 4)
    let shapes = cosine.runs.compactMap(\.schedule?.shape)
    reading.add("cosine runs recognised as cosine", ours: Double(shapes.filter { $0 == .cosine }.count), published: 20, .same,
                reason: "20 cosine runs in the export")
    reading.add("decay branches linked to their constant run", ours: Double(branches.filter { $0.branchOf != nil }.count),
                published: 20, .same, reason: "5 branches per constant run")
    for size in ["190M", "370M", "760M", "1B"] {
        guard let entry = sizes.entry(named: size), let perToken = entry.flopsPerToken,
              let run = cosine.runs.first(where: { $0.fields["size"] == size && $0.fields["mult"] == "1" }) else {
            throw NotebookError.failed("no \(size)-1xC run or flops_per_token")
        }
        reading.add("\(size): logged C/D (FLOP per token)", ours: run.compute / run.tokens, published: perToken, .relative(1e-3),
                    reason: "authors' flops_per_token (attention and embeddings counted)")
        reading.context("\(size): 6N / logged FLOP per token", ours: reading.format(6 * entry.parameters * run.tokens / run.compute),
                        published: "—", reason: "6N undercounts small models")
    }
    try nb.show(reading, title: "Runs read from the logs", csvName: "runs.csv")

    // 2. Two fits, one per kind of point.
    let cosineData = try cosine.dataset()
    let branchData = try branchLadder.dataset()
    let law = ChinchillaLaw()
    let settings = LawFitOptions(objective: law.defaultObjective)
    let cosineFit = try LawFitter.fit(law, to: cosineData, options: settings)
    let branchFit = try LawFitter.fit(law, to: branchData, options: settings)
    var fits = Comparison(digits: 4)
    for name in ["E", "A", "B", "alpha", "beta"] {
        guard let k = law.parameterIndex(name) else { continue }
        fits.context(name, ours: "\(fits.format(branchFit.values[k])) (WSD ends)", published: "\(fits.format(cosineFit.values[k])) (cosine ends)",
                     reason: "four sizes within 7×: α and A are weakly identified")
    }
    try nb.show(fits, title: "Chinchilla fits: WSD branch ends beside cosine ends", csvName: "fits.csv")

    // 3. The WSD-branch fit predicts the cosine runs' final losses.
    var predictions = Comparison(digits: 5)
    var worst = 0.0
    var csv = "run,N,D,cosine_loss,cosine_fit,wsd_fit,branch_end_loss\n"
    for run in cosine.runs {
        let x = [run.parameters, run.tokens]
        let fromBranches = law.evaluate(x, branchFit.values)
        let fromCosine = law.evaluate(x, cosineFit.values)
        worst = max(worst, abs(fromBranches / run.value - 1))
        let branchEnd = branches.first { $0.fields == run.fields }?.value ?? .nan
        csv += "\(run.run),\(run.parameters),\(run.tokens),\(run.value),\(fromCosine),\(fromBranches),\(branchEnd)\n"
        predictions.context("\(run.run): WSD fit (cosine fit)", ours: "\(predictions.format(fromBranches)) (\(predictions.format(fromCosine)))",
                            published: predictions.format(run.value), reason: "logged final loss of the cosine run")
    }
    predictions.add("largest |relative error| of the WSD fit at the cosine runs", ours: worst, published: 0, .absolute(0.02),
                    reason: "Hägele et al. 2024: WSD with a 10–20% cooldown matches cosine; 2% of the loss")
    try nb.show(predictions, title: "Cosine runs' final losses predicted from the WSD-branch fit", csvName: "predictions.csv")
    try nb.writeCSV(csv, named: "predictions-all.csv")
    nb.say("""
        One constant-rate run per size plus its decay branches stands in for five cosine runs: the ladder fitted on the \
        branch ends predicts every cosine run's final C4 loss within \(String(format: "%.2f", worst * 100))%. Branch \
        ends sit slightly below cosine ends of the same length (1B-1xC: \
        \(predictions.format(branches.first { $0.run == "1B-1xC" }?.value ?? .nan)) against \
        \(predictions.format(cosine.runs.first { $0.run == "1B-1xC" }?.value ?? .nan))).
        """)
}
