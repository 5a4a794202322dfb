// Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models" (arXiv:2203.15556),
// Approach 2 (iso-FLOP profiles): per compute budget, the loss-minimising model size N*; then
// N* ∝ C^a by a log-log fit. Reproduced on Porian et al. 2024's iso-FLOP runs ("Resolving
// Discrepancies in Compute-Optimal Scaling of Language Models", arXiv:2406.19146), per
// configuration against the authors' stored fits, and the parabola bias of Approach 2 on the
// noiseless rounded-Hoffmann surface (laws.md §2, §10).
//
//     swift run hoffmann2022-approach2 [--quick]
//
// Needs ../shared/datasets/porian2024_resolving_discrepancies/{isoflop_points.csv,fits.json}.
import Forecast
import Foundation
import NotebookSupport
import ScalingLaws

/// The paper's labels for the RefinedWeb configurations (datasets README §3, from `configs.py`).
let paperLabels: [String: String] = [
    "summary_df|rw|base|long|kaplan|kaplan|train": "Reproducing Kaplan et al.",
    "summary_df|rw|base|long|kaplan|standard|val": "Counting last layer FLOPs",
    "summary_df|rw|base|short|kaplan|standard|val": "Correcting warmup",
    "summary_df|rw|base|short|chinchilla|standard|val": "Cosine decay",
    "summary_df|rw|tuned|short|const|standard|val": "Optimizer tuning (no decay)",
]

Notebook.run(name: "hoffmann2022-approach2",
             title: "Hoffmann et al. 2022 (Chinchilla), Approach 2: iso-FLOP profiles on Porian et al.'s runs",
             scriptPath: #filePath) { nb in
    let folder = "porian2024_resolving_discrepancies/"
    let urls = try SharedData.locate([folder + "isoflop_points.csv", folder + "fits.json"])
    let table = try CSVTable.read(contentsOf: urls[0])
    let id = try table.columnIndex(named: "config_id")
    let budget = try table.columnIndex(named: "flops_budget")
    let size = try table.columnIndex(named: "n_params")
    let tokens = try table.columnIndex(named: "tokens")
    let loss = try table.columnIndex(named: "loss")
    var order: [String] = []
    var runs: [String: [IsoFlopRun]] = [:]
    for (k, row) in table.rows.enumerated() {
        func value(_ column: Int) throws -> Double {
            guard let v = Double(row[column]), v.isFinite else {
                throw NotebookError.failed("\(urls[0].lastPathComponent) line \(table.lineNumbers[k]), column '\(table.header[column])': "
                    + "expected a number, got '\(row[column])'")
            }
            return v
        }
        let key = row[id]
        if runs[key] == nil { order.append(key) }
        runs[key, default: []].append(IsoFlopRun(parameters: try value(size), tokens: try value(tokens), loss: try value(loss),
                                                 compute: try value(budget), line: table.lineNumbers[k]))
    }
    guard let json = try JSONSerialization.jsonObject(with: Data(contentsOf: urls[1])) as? [[String: Any]] else {
        throw NotebookError.failed("\(urls[1].lastPathComponent): expected a JSON array of configurations")
    }
    nb.say("""
        Data: `\(folder)isoflop_points.csv`, \(table.rows.count) runs in \(order.count) configurations (dataset, \
        hyperparameters, warm-up, decay, FLOP convention, loss); the authors' own fits in `fits.json`. Per budget, N* is \
        the minimum of an Akima interpolation of log loss in log N (the authors' `interpolation`; library \
        `IsoFlopAnalysis`, shape `interpolated`); then log N* on log C by least squares. Tolerance: the authors' \
        bootstrap 5–95% range of the exponent.
        """)

    // 1. Per configuration: our exponent vs the authors' (basic.n_exponent), within their
    // bootstrap 5–95% range.
    var exponents = Comparison(digits: 4)
    var parabolaMisses = 0
    var csv = "config_id,label,budgets,exponent_interpolated,exponent_parabola_window1,exponent_parabola_all,published,p5,p95\n"
    for key in order {
        guard let entry = json.first(where: { ($0["config_id"] as? String) == key }),
              let basic = entry["basic"] as? [String: Any], let published = basic["n_exponent"] as? Double,
              let boot = entry["bootstrap_percentiles_5_50_95"] as? [String: Any], let q = boot["n_exponent"] as? [Double],
              q.count == 3, let configRuns = runs[key] else {
            throw NotebookError.failed("fits.json: no basic.n_exponent and bootstrap n_exponent percentiles for '\(key)'")
        }
        func exponent(_ shape: IsoFlopProfileShape, neighbours: Int? = nil) throws -> IsoFlopAnalysis {
            try IsoFlopAnalysis.run(configRuns, options: IsoFlopOptions(shape: shape, grouping: .exactBudget, neighbours: neighbours,
                                                                         compareApproach3: false))
        }
        let ours = try exponent(.interpolated)
        let window = try exponent(.parabola, neighbours: 1).parameterLaw.exponent
        let all = try exponent(.parabola).parameterLaw.exponent
        if !(all >= q[0] && all <= q[2]) { parabolaMisses += 1 }
        let parts = key.split(separator: "|").dropFirst().joined(separator: ",")
        let label = paperLabels[key].map { "\(parts) (\($0))" } ?? parts
        exponents.add("a, \(label)", ours: ours.parameterLaw.exponent, published: published, .range(lower: q[0], upper: q[2]),
                      reason: "authors' bootstrap 5–95% (\(ours.accepted.count) budgets)")
        csv += "\"\(key)\",\"\(paperLabels[key] ?? "")\",\(ours.accepted.count),\(ours.parameterLaw.exponent),\(window),\(all),\(published),\(q[0]),\(q[2])\n"
        if paperLabels[key] != nil {
            exponents.context("  same, parabola through ±1 size / all runs", ours: "\(exponents.format(window)) / \(exponents.format(all))",
                              published: exponents.format(published), reason: "a parabola is not the authors' estimator")
        }
    }
    try nb.show(exponents, title: "N* ∝ C^a per configuration (ours vs Porian et al.'s fits.json)", csvName: "exponents.csv")
    try nb.writeCSV(csv, named: "exponents-all-shapes.csv")
    nb.say("""
        From Kaplan's setting (a ≈ 0.83) to tuned AdamW without decay (a ≈ 0.50), the same iso-FLOP analysis moves the \
        compute-optimal exponent towards Chinchilla's: the discrepancy is in the training set-up, not the analysis. \
        The estimator matters too: a parabola through every run of a budget (shown for the five RefinedWeb steps) puts \
        \(parabolaMisses) of \(order.count) configurations outside the authors' 5–95% range, because these sweeps span up to \
        two decades of N around an asymmetric minimum.
        """)

    // 2. laws.md §2: Approach 2 on the noiseless rounded-Hoffmann surface (9 budgets 6e18–3e21,
    // 16 log-spaced sizes from N_opt/8 to 8·N_opt), a parabola per budget.
    let constants = ChinchillaParameters.hoffmannRounded
    let law = ChinchillaLaw()
    var surface: [IsoFlopRun] = []
    for k in 0..<9 {
        let c = 6e18 * pow(3e21 / 6e18, Double(k) / 8)
        let nOpt = ChinchillaLaw.computeOptimal(budget: c, parameters: constants).parameters
        for j in 0..<16 {
            let n = nOpt / 8 * pow(64, Double(j) / 15)
            let d = c / (6 * n)
            surface.append(IsoFlopRun(parameters: n, loss: law.evaluate([n, d], constants.vector), compute: 6 * n * d))
        }
    }
    let analysis = try IsoFlopAnalysis.run(surface, options: IsoFlopOptions(compareApproach3: true))
    var bias = Comparison(digits: 5)
    bias.add("budgets accepted", ours: Double(analysis.accepted.count), published: 9, .same, reason: "9 budgets, all interior")
    bias.add("fitted exponent a", ours: analysis.parameterLaw.exponent, published: 0.4516, .printed(significantDigits: 4),
             reason: "printed to 4 decimals; = β/(α+β) = 0.28/0.62")
    var ratios: [Double] = []
    for profile in analysis.profiles {
        guard let optimum = profile.optimum else { throw NotebookError.failed("budget \(profile.budget): no vertex") }
        ratios.append(optimum.parameters / ChinchillaLaw.computeOptimal(budget: profile.budget, parameters: constants).parameters)
    }
    bias.add("vertex / analytic N_opt, smallest over budgets", ours: ratios.min() ?? .nan, published: 1.030,
             .printed(significantDigits: 4), reason: "printed to 3 decimals (±5e-4)")
    bias.add("vertex / analytic N_opt, largest over budgets", ours: ratios.max() ?? .nan, published: 1.030,
             .printed(significantDigits: 4), reason: "printed to 3 decimals (±5e-4)")
    // numpy.polyfit of the same grid (measured on the iso-FLOP branch): 1.0296657490079 at every budget.
    bias.add("vertex / analytic N_opt vs numpy.polyfit on the same grid", ours: ratios.max() ?? .nan, published: 1.0296657490079,
             .relative(1e-9), reason: "an independent parabola fit (numpy), 1e-9")
    if let a3 = analysis.approach3 {
        bias.add("Approach 3 on the same runs: a = β/(α+β)", ours: a3.parametricExponent, published: 0.28 / 0.62, .relative(1e-4),
                 reason: "noiseless runs: the parametric fit recovers the constants")
    }
    bias.context("Hoffmann's Approach 2 on their own runs", ours: bias.format(analysis.parameterLaw.exponent), published: "0.49",
                 reason: "their data, not this surface (Table 2)")
    try nb.show(bias, title: "Approach-2 bias on the noiseless rounded-Hoffmann surface (laws.md §2)", csvName: "approach2-bias.csv")
    nb.say("""
        On a noiseless Chinchilla surface the exponent survives Approach 2 exactly, but every parabola vertex sits \
        \(bias.format(ratios.first ?? .nan))× above the true optimum: the loss is not a parabola in log N, and the bias is the same \
        factor at every budget, so it moves the coefficient and not the exponent.
        """)
}
