// Ruan, Maddison and Hashimoto 2024, "Observational Scaling Laws and the Predictability of
// Language Model Performance" (arXiv:2405.10938): capabilities S_m as the top principal
// components of standard benchmark scores (Sec. 3.2), per-family log-linear compute efficiency
// S_m ≈ θ_f log C_m + ν_f (Sec. 3.1, 3.3), a sigmoid link from S_m to each benchmark, and the
// authors' backtest: fit on models at or below Llama-2 7B's compute (84e21 FLOP), predict the
// larger ones.
//
//     swift run ruan2024-observational [--quick]
//
// Needs ../shared/datasets/obsscaling_ruan2024/base_llm_benchmark_eval.csv (the authors'
// released table, 148 base models × 8 benchmarks). The paper's figures are read as round
// numbers (PC1 ≈ 80%+, top 3 PCs ≈ 97% of the variance); they are checked as ranges.
import Foundation
import NotebookSupport
import ScalingLaws

Notebook.run(name: "ruan2024-observational",
             title: "Ruan et al. 2024: observational scaling laws (capabilities from benchmarks)",
             scriptPath: #filePath) { nb in
    let path = "obsscaling_ruan2024/base_llm_benchmark_eval.csv"
    let url = try SharedData.locate(path)
    let benchmarks = ["MMLU", "ARC-C", "HellaSwag", "Winograd", "TruthfulQA", "GSM8K", "XWinograd", "HumanEval"]
    let chance = ["MMLU": 0.25, "ARC-C": 0.25, "HellaSwag": 0.25, "Winograd": 0.5, "XWinograd": 0.5]
    let (table, _) = try CapabilityTable.load(
        InputSpecification(path: url.path), columns: benchmarks, family: "Model Family", compute: "FLOPs (1E21)", model: "Model")
    nb.say("""
        Data: `\(path)` (\(table.count) base models, \(table.compute.compactMap { $0 }.count) with training FLOPs). \
        Empty benchmark cells are filled as the authors' `pca_impute` does (standardised scores, iterative rank-1 PCA); \
        the PCA itself centres the imputed scores without scaling them (their `perform_pca(standardize=False)`), \
        and predictions use K = 3 components (their default `PC_METRIC_NUM_3`).
        """)

    // 1. Principal components of the whole table.
    let all = try CapabilityModel(table: table, settings: .init(benchmarks: benchmarks, components: 3, chance: chance))
    let shares = all.components.explainedShares
    var pcs = Comparison(digits: 3)
    pcs.add("share of variance, PC1", ours: shares[0], published: 0.80, .range(lower: 0.80, upper: 0.90),
            reason: "the paper: a single PC explains ~80% or more of the variance (Sec. 3.2–3.3, the PCA of standard benchmarks; read as round numbers)")
    pcs.add("share of variance, PC1–PC3", ours: shares[0] + shares[1] + shares[2], published: 0.97, .range(lower: 0.95, upper: 0.99),
            reason: "the paper: the top 3 PCs explain ~97% (Sec. 3.2–3.3, the PCA of standard benchmarks; read as round numbers)")
    pcs.add("PC1 loadings all positive (1 = yes)", ours: all.components.loadings[0].allSatisfy { $0 > 0 } ? 1 : 0, published: 1, .same,
            reason: "PC1 is a general capability: every benchmark weighs in positively")
    pcs.add("cells imputed", ours: Double(all.imputedCells), published: 40, .same, reason: "empty cells of the public table (ARC-C 3, XWinograd 16, HumanEval 21)")
    try nb.show(pcs, title: "Principal components (all 148 models)", csvName: "components.csv")
    var loadings = "| benchmark | PC1 | PC2 | PC3 |\n|---|---|---|---|\n"
    for (j, name) in benchmarks.enumerated() {
        loadings += "| \(name) | " + all.components.loadings.map { String(format: "%.3f", $0[j]) }.joined(separator: " | ") + " |\n"
    }
    nb.say(loadings)

    // 2. Compute efficiency per family.
    if let eff = all.efficiencies {
        nb.say("""
            Shared PC1 slope on log10 FLOPs: β = \(String(format: "%.4f", eff.sharedSlope)) over \(eff.models) models; \
            efficiency = compute multiplier at equal PC1 relative to \(eff.reference). The most and least efficient families:
            """)
        let sorted = eff.families.sorted { $0.efficiency > $1.efficiency }
        var rows = "| family | models | θ_f (PC1 slope) | efficiency × |\n|---|---|---|---|\n"
        for f in sorted.prefix(5) + sorted.suffix(5) {
            rows += "| \(f.family) | \(f.models) | \(f.slopes.map { String(format: "%.3f", $0[0]) } ?? "—") | \(String(format: "%.3g", f.efficiency)) |\n"
        }
        nb.say(rows)
        var families = Comparison(digits: 3)
        let phi = eff.families.first { $0.family == "Phi" }?.efficiency ?? .nan
        let starcoder = eff.families.first { $0.family == "StarCoder" }?.efficiency ?? .nan
        families.add("Phi more compute-efficient than Pythia (efficiency > 1: 1 = yes)", ours: phi > 1 ? 1 : 0, published: 1, .same,
                     reason: "the paper: Phi reaches general capabilities with far less compute (Sec. 3.2–3.3, compute efficiency per family)")
        families.add("StarCoder less efficient than Pythia on general capability (1 = yes)", ours: starcoder < 1 ? 1 : 0, published: 1, .same,
                     reason: "the paper: code models convert compute to general capability less efficiently (Sec. 3.2–3.3)")
        try nb.show(families, title: "Compute efficiency by family", csvName: "families.csv")
    }

    // 3. The authors' backtest: fit at or below 84e21 FLOP, predict the larger models.
    let backtest = try CapabilityModel(table: table, settings: .init(benchmarks: benchmarks, components: 3, chance: chance, cutoff: 84))
    nb.say("""
        Backtest: \(backtest.fittedModels) models at or below 84e21 FLOP (Llama-2 7B) fit the components and links; \
        \(backtest.heldOutModels) larger models are predicted, each benchmark from the components of the other seven \
        (\(backtest.modelsWithoutCompute) models without FLOPs are left out). 95% new-model intervals calibrated by an \
        inner backtest (split conformal: the smallest-compute share of the fitted models refit everything and predict the \
        rest; Ê ± q with q the ⌈(m + 1)·0.95⌉-th smallest of their m absolute errors, clamped to [chance, 1]), against the \
        link's delta-method intervals (fitted residual scatter only), which under-cover the extrapolation.
        """)
    let delta = try CapabilityModel(table: table, settings: .init(benchmarks: benchmarks, components: 3, chance: chance, cutoff: 84, calibrated: false))
    let deltaCoverage = Dictionary(uniqueKeysWithValues: delta.coverage.map { ($0.target, $0) })
    var coverage = Comparison(digits: 3)
    for c in backtest.coverage {
        let d = deltaCoverage[c.target].map { " (delta method \($0.covered)/\($0.count))" } ?? ""
        let q = backtest.calibratedHalfWidth(c.target).map { String(format: ", ±q = %.3f", $0) } ?? ""
        coverage.add("\(c.target): calibrated coverage \(c.covered)/\(c.count)\(q)\(d), MAE \(String(format: "%.3f", c.meanAbsoluteError))",
                     ours: Double(c.covered) / Double(c.count), published: 0.95, .context,
                     reason: "nominal 95%; the paper reports errors, not interval coverage")
    }
    try nb.show(coverage, title: "Held-out coverage (fit ≤ 84e21 FLOP)", csvName: "coverage.csv")
}
