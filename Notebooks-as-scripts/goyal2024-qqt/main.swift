// Goyal et al. 2024, "Scaling Laws for Data Filtering — Data Curation cannot be Compute
// Agnostic" (arXiv:2404.07177): the quality–quantity trade-off (QQT) of filtered data pools that
// lose utility as they are repeated; the best pool per compute budget, and the budget at which
// aggressive filtering (the top 10%) stops being best (laws.md §6).
//
//     swift run goyal2024-qqt [--quick]
//
// Needs no data: the authors' DataComp runs are not in the shared datasets; the notebook uses
// their published T-MARS bucket constants (the --quick run is the same run).
import Forecast
import Foundation
import NotebookSupport
import ScalingLaws

Notebook.run(name: "goyal2024-qqt",
             title: "Goyal et al. 2024: QQT — the best data pool depends on the compute budget",
             scriptPath: #filePath) { nb in
    let published = QQTParameters.goyal2024TMARS
    nb.say("""
        Published constants: T-MARS buckets of a 128M-sample DataComp pool, \(published.poolSize / 1e6)M samples per \
        bucket, a = \(published.a), d = \(published.d); (b, τ) per bucket: \
        \(published.pools.map { "\($0.name) (\($0.utility), \($0.halfLife))" }.joined(separator: ", ")). \
        Error y = 1 − ImageNet zero-shot accuracy. Mixtures follow the authors' best-pool script \
        (each τ multiplied by the number of pools mixed).
        """)
    let half4 = "half a unit in the 4th printed decimal"

    // 1. Single buckets.
    var single = Comparison(digits: 4)
    let law = QQTLaw()
    for (pool, printed) in [(0, [0.9302, 0.7538, 0.7127]), (1, [0.9647, 0.8128, 0.7727])] {
        for (n, value) in zip([12.8e6, 64e6, 128e6], printed) {
            single.add("\(published.pools[pool].name), n = \(Int(n / 1e6))M", ours: law.evaluate([n, published.poolSize], published.vector(pool: pool)),
                       published: value, .absolute(0.00005), reason: half4)
        }
    }
    try nb.show(single, title: "Single-bucket error (laws.md §6 vectors)", csvName: "single-bucket.csv")

    // 2. Best pool per budget.
    var best = Comparison(digits: 4)
    let mixtures: [(n: Double, errors: [Double], best: Int)] = [
        (32e6, [0.8175, 0.8416, 0.8658, 0.8832], 1),
        (128e6, [0.7127, 0.7040, 0.7323, 0.7587], 2),
        (640e6, [0.6882, 0.6145, 0.6244, 0.6486], 2),
    ]
    var csv = "samples,top_10,top_20,top_30,top_40,best\n"
    for m in mixtures {
        let choice = QQTMixture.bestPool(samples: m.n, parameters: published)
        for (p, value) in m.errors.enumerated() {
            best.add("n = \(Int(m.n / 1e6))M, top \(10 * (p + 1))%", ours: choice.errors[p], published: value, .absolute(0.00005), reason: half4)
        }
        best.add("n = \(Int(m.n / 1e6))M, best pool", ours: "top \(10 * choice.poolCount)%", published: "top \(10 * m.best)%",
                 reason: "the published table's lowest error")
    }
    try nb.show(best, title: "Best pool per budget (mixtures of the best buckets)", csvName: "best-pool.csv")

    // 3. Where the top 10% stops being best: the first crossover of the library's filtering
    // plan (Forecast.DataFilteringPlan, the `filtering` command's engine) above 32M samples, the
    // published budget where the top 10% is best (below a few million samples (a·n/1e5)^b > 1 and
    // the ranking flips).
    var crossover = Comparison(digits: 6)
    let plan = try DataFilteringPlan.make(parameters: published, budgets: [32e6, 128e6, 640e6], range: 32e6...1e11)
    guard let crossing = plan.crossovers.first else {
        throw NotebookError.failed("the top 10% never stops being best between 32M and 1e11 samples")
    }
    let names = plan.mixtureNames
    crossover.add("budget where top 10% stops being best (samples)", ours: crossing.samples, within: 32e6...128e6,
                  published: "between 32M (top 10% best) and 128M (top 20%)", reason: "the published table brackets it")
    // An independent solution of the laws.md §6 recursion (a 40-line Python bisection of
    // y_1(n) = y_2(n) on [32M, 128M], written from the formula, not from this library):
    // n* = 1.00537149e8 samples, error 0.724469 there.
    crossover.add("crossover budget vs an independent solution (samples)", ours: crossing.samples, published: 1.00537149e8,
                  .relative(1e-6), reason: "laws.md §6 recursion re-solved by bisection outside the library")
    crossover.add("error where the two pools meet", ours: crossing.error, published: 0.724469, .printed(significantDigits: 6),
                  reason: "same independent solution, 6 s.f.")
    crossover.add("pool that takes over", ours: names[crossing.poolsAfter - 1], published: "top 20%",
                  reason: "the published table at 128M")
    crossover.context("epochs over the top 10% at the crossover", ours: crossover.format(crossing.samples / published.poolSize),
                      published: "—", reason: "n / 12.8M")
    try nb.show(crossover, title: "Crossover budget: aggressive filtering stops paying", csvName: "crossover.csv")
    nb.say("""
        The top 10% bucket is best until \(crossover.format(crossing.samples / 1e6))M samples \
        (\(crossover.format(crossing.samples / published.poolSize)) passes over it); beyond that its repeated samples have lost \
        enough utility that mixing in the next bucket wins: data curation cannot be compute agnostic.
        """)

    // Full run: the best pool over a range of budgets.
    for k in 0...40 {
        let n = 1e7 * pow(10, Double(k) / 20)
        let choice = QQTMixture.bestPool(samples: n, parameters: published)
        csv += "\(n)," + choice.errors.map { "\($0)" }.joined(separator: ",") + ",top \(10 * choice.poolCount)%\n"
    }
    try nb.writeCSV(csv, named: "best-pool-by-budget.csv")
}
