// Cottier, Rahman, Fattorini, Maslej, Besiroglu, Owen 2024, "The rising costs of training
// frontier AI models" (arXiv:2405.21015): the amortised hardware + energy cost of frontier
// training runs grows 2.4× per year (95% CI 2.0–3.1×), on the paper's 45-model regression set
// (laws.md §9).
//
//     swift run cottier2024-costs [--quick]
//
// Needs ../shared/datasets/epoch_training_costs/cottier2024_frontier_costs_45.csv.
import Foundation
import NotebookSupport
import ScalingLaws

Notebook.run(name: "cottier2024-costs",
             title: "Cottier et al. 2024: the rising costs of training frontier AI models",
             scriptPath: #filePath) { nb in
    let url = try SharedData.locate("epoch_training_costs/cottier2024_frontier_costs_45.csv")
    let table = try CSVTable.read(contentsOf: url)
    let trend = try CostTrend.fit(table, dateColumn: "Publication date", costColumn: "cost_hw_capex_energy_2023usd")
    nb.say("""
        Data: `epoch_training_costs/\(url.lastPathComponent)`, \(trend.count) frontier runs; cost = amortised hardware \
        CapEx + energy in 2023 USD (parsed from Epoch's notebook output). Fit: ordinary least squares of log10(cost) \
        on the publication date in decimal years; 95% intervals from the t distribution with \(trend.degreesOfFreedom) \
        degrees of freedom.
        """)

    // 1. The trend against the values recomputed from the notebook (datasets README) and the
    // paper's printed rounding.
    var fit = Comparison(digits: 4)
    let growth = trend.growthFactorInterval
    fit.add("runs in the regression", ours: Double(trend.count), published: 45, .same, reason: "the paper's frontier set")
    fit.add("slope, OOM/year", ours: trend.slope, published: 0.389, .printed(significantDigits: 3), reason: "printed to 3 decimals")
    fit.add("slope 95% lower", ours: trend.slopeInterval.lower, published: 0.293, .printed(significantDigits: 3), reason: "printed to 3 decimals")
    fit.add("slope 95% upper", ours: trend.slopeInterval.upper, published: 0.485, .printed(significantDigits: 3), reason: "printed to 3 decimals")
    fit.add("growth ×/year", ours: trend.growthFactor, published: 2.45, .printed(significantDigits: 3), reason: "printed to 2 decimals")
    fit.add("growth 95% lower", ours: growth.lower, published: 1.96, .printed(significantDigits: 3), reason: "printed to 2 decimals")
    fit.add("growth 95% upper", ours: growth.upper, published: 3.05, .printed(significantDigits: 3), reason: "printed to 2 decimals")
    fit.add("R²", ours: trend.rSquared, published: 0.608, .printed(significantDigits: 3), reason: "printed to 3 decimals")
    fit.add("headline growth ×/year", ours: trend.growthFactor, published: 2.4, .printed(significantDigits: 2), reason: "paper prints 2.4×")
    fit.add("headline 95% lower", ours: growth.lower, published: 2.0, .printed(significantDigits: 2), reason: "paper prints 2.0×")
    fit.add("headline 95% upper", ours: growth.upper, published: 3.1, .printed(significantDigits: 2), reason: "paper prints 3.1×")
    fit.add("doubling time, months", ours: trend.doublingTimeMonths, published: 12 * log10(2) / 0.389, .context,
            reason: "12·log10 2 / slope")
    if let year = trend.year(whenCostReaches: 1e9) {
        fit.context("year the trend line reaches $1B", ours: String(format: "%.1f", year), published: "2027 (largest runs)",
                    reason: "the paper's \"largest runs pass $1B by 2027\" is about runs above the trend")
    }
    try nb.show(fit, title: "Cost trend of frontier training runs (laws.md §9)", csvName: "trend.csv")

    // SEAM (hardware cost calculator): laws.md §9's test vector — 10,000 H100 for 90 days,
    // P0 = $30k × 1.64, no price decay → $/chip-hour 1.809, hw_amortized $3.908e7, interconnect
    // $9.17e6, energy $1.83e6, total $5.008e7 — goes here as a second Comparison once the cost
    // calculator lands in Forecast (another branch). The lead adds it; nothing below depends on it.
    nb.say("""
        Not yet here: the hardware cost calculator's test vector (10,000 H100 for 90 days → $5.008e7), which waits \
        for the cost calculator being built on another branch.
        """)

    // Full run: the trend with its intervals by year.
    var csv = "year,cost_2023usd,confidence_lower,confidence_upper,prediction_lower,prediction_upper\n"
    for year in 2016...2030 {
        let p = trend.predict(at: Double(year))
        csv += "\(year),\(p.cost),\(p.confidence.lower),\(p.confidence.upper),\(p.prediction.lower),\(p.prediction.upper)\n"
    }
    try nb.writeCSV(csv, named: "trend-by-year.csv")
}
