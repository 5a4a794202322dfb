// Cottier, Rahman, Fattorini, Maslej, Besiroglu, Owen 2024, "The rising costs of training
// frontier AI models" (arXiv:2405.21015): the amortised hardware + energy cost of frontier
// training runs grows 2.4× per year (95% CI 2.0–3.1×), on the paper's 45-model regression set
// (laws.md §9); the year a run reaches $1B (trend line and largest run, with intervals); and the
// hardware cost calculator's test vector (10,000 H100 for 90 days → $5.008e7).
//
//     swift run cottier2024-costs [--quick]
//
// Needs ../shared/datasets/epoch_training_costs/cottier2024_frontier_costs_45.csv.
import Forecast
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
    try nb.show(fit, title: "Cost trend of frontier training runs (laws.md §9)", csvName: "trend.csv")

    // 2. When does a run cost $1B? Two readings of the same fit (Forecast.CostTrendForecaster).
    let forecaster = try CostTrendForecaster.fit(table, dateColumn: "Publication date",
                                                 costColumn: "cost_hw_capex_energy_2023usd", nameColumn: "System")
    let billion = try forecaster.crossing(of: 1e9)
    func years(_ interval: YearInterval) -> String {
        let low = interval.earliest.map { String(format: "%.1f", $0) } ?? "−∞"
        let high = interval.latest.map { String(format: "%.1f", $0) } ?? "∞"
        return "\(low)–\(high)"
    }
    let largest = forecaster.largestRun
    var crossing = Comparison(digits: 5)
    // The paper (May 2024): "the largest training runs will cost more than a billion dollars by
    // 2027" — the largest run so far grown at the trend's rate, so that is the comparable row.
    crossing.add("largest run (\(largest.name ?? "?"), $\(crossing.format(largest.cost / 1e6))M) reaches $1B, year",
                 ours: billion.largestRunYear, within: 2024.4...2028.0, published: "by 2027",
                 reason: "\"by 2027\": after the paper (May 2024), before the end of 2027")
    crossing.context("  its 95% interval (slope interval)", ours: years(billion.largestRunInterval), published: "—",
                     reason: "largest run grown at the slope's 95% endpoints")
    crossing.context("trend line (typical frontier run) reaches $1B, year", ours: String(format: "%.1f", billion.year),
                     published: "—", reason: "the mean line, not the largest runs: not what \"by 2027\" describes")
    crossing.context("  95% confidence interval (mean line, Fieller)", ours: years(billion.confidence), published: "—",
                     reason: "years whose band contains $1B")
    crossing.context("  95% prediction interval (a new run)", ours: years(billion.prediction), published: "—",
                     reason: "a single run scatters around the line (s = \(crossing.format(forecaster.trend.residualStandardError)) OOM)")
    try nb.show(crossing, title: "When a frontier run costs $1B (cost-trend forecast)", csvName: "billion-dollar-year.csv")
    nb.say("""
        The paper's "by 2027" is a statement about the largest runs: the most expensive run in the set \
        (\(largest.name ?? "?"), \(String(format: "%.2f", largest.year))) grown at \(crossing.format(trend.growthFactor))×/yr \
        reaches $1B in \(String(format: "%.1f", billion.largestRunYear)) (95%: \(years(billion.largestRunInterval))). The trend \
        line describes the typical frontier run: \(largest.name ?? "the largest run") sat \
        \(String(format: "%.2f", log10(largest.cost / trend.predict(at: largest.year).cost))) orders of magnitude above it, and the \
        line itself reaches $1B only in \(String(format: "%.1f", billion.year)).
        """)

    // 3. The hardware cost calculator (laws.md §9 test vector): 10,000 H100 for 90 days, list
    // price $30k × 1.64 server overhead, acquired at the start (no price decay), PUE 1.1,
    // $0.0806/kWh (2023).
    let estimate = try HardwareCostModel().estimate(.cluster(chips: 10_000, hours: 90 * 24), on: .h100)
    var hardware = Comparison(digits: 4)
    hardware.add("chip-hours", ours: estimate.chipHours, published: 2.16e7, .same, reason: "10,000 × 2,160 h")
    hardware.add("$ per chip-hour (amortised)", ours: estimate.amortizedPricePerChipHour, published: 1.809,
                 .printed(significantDigits: 4), reason: "printed to 4 s.f.")
    hardware.add("hardware, amortised ($)", ours: estimate.hardwareAmortized, published: 3.908e7,
                 .printed(significantDigits: 4), reason: "printed to 4 s.f.")
    hardware.add("cluster interconnect ($)", ours: estimate.interconnect, published: 9.17e6,
                 .printed(significantDigits: 3), reason: "printed to 3 s.f.")
    hardware.add("power per chip (kW)", ours: estimate.powerPerChipKW, published: 1.052,
                 .printed(significantDigits: 4), reason: "printed to 4 s.f.")
    hardware.add("energy ($)", ours: estimate.energy, published: 1.83e6, .printed(significantDigits: 3), reason: "printed to 3 s.f.")
    hardware.add("total ($)", ours: estimate.total, published: 5.008e7, .printed(significantDigits: 4), reason: "printed to 4 s.f.")
    hardware.add("0.38198 OOM/yr as ×/yr", ours: CostTrend.growthFactor(oomPerYear: 0.38198), published: 2.410,
                 .printed(significantDigits: 4), reason: "printed to 4 s.f.")
    hardware.add("0.38198 OOM/yr doubling time (months)", ours: CostTrend.doublingTimeMonths(oomPerYear: 0.38198),
                 published: 9.46, .printed(significantDigits: 3), reason: "printed to 3 s.f.")
    try nb.show(hardware, title: "Hardware cost calculator: 10,000 H100 for 90 days (laws.md §9 vector)",
                csvName: "hardware-vector.csv")

    // Full run: the trend with its intervals by year.
    var csv = "year,cost_2023usd,confidence_lower,confidence_upper,prediction_lower,prediction_upper\n"
    for year in 2016...2030 {
        let p = trend.predict(at: Double(year))
        csv += "\(year),\(p.cost),\(p.confidence.lower),\(p.confidence.upper),\(p.prediction.lower),\(p.prediction.upper)\n"
    }
    try nb.writeCSV(csv, named: "trend-by-year.csv")
}
