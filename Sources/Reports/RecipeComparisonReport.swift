import Forecast
import Foundation
import ScalingLaws

/// The report of `compare-recipes` (`Forecast/RecipeComparison`): the recipes, which sharing
/// assumption the data support, the compute ratio `k(C)` of every recipe against the baseline
/// under every assumption, the crossovers, the fitted constants, and warnings.
public enum RecipeComparisonReport {
    /// The report of `comparison`; `source` and `by` name the file and the recipe column.
    public static func make(_ comparison: RecipeComparison, source: String, by: String) -> Report {
        let options = comparison.options
        let level = Int((options.confidenceLevel * 100).rounded())
        var report = Report(title: "Recipes compared by compute: \(comparison.recipes.joined(separator: ", ")) against \(comparison.baseline)")

        var setup = ReportSection(title: "Recipes")
        let counts = comparison.models.first.map { _ in comparison.recipes.joined(separator: ", ") } ?? ""
        setup.fields([
            ("file", source),
            ("recipes (--by \(by))", counts),
            ("baseline", comparison.baseline),
            ("objective", options.objective.description),
            ("bootstrap", options.resamples > 0
                ? "\(options.resamples) refits, runs resampled within each recipe, seed \(options.seed), \(level)% percentile intervals"
                : "none"),
            ("cross-validation", options.folds >= 2 ? "\(options.folds) folds assigned within each recipe, seed \(options.seed)" : "none"),
        ])
        setup.paragraph(
            "k(C): the recipe needs k·C FLOP (C = 6ND) to reach the baseline's compute-optimal loss at C, L*_recipe(k·C) = L*_baseline(C); k > 1: the recipe is worse, k < 1: better (1/k is its effective-compute gain). ∞: the recipe's fitted floor E lies above the baseline's loss.")
        report.append(setup)

        var criteria = ReportSection(title: "Sharing assumptions", subtitle: "which the data support")
        var table = ReportTable(columns: [
            ReportColumn("model"), ReportColumn("shared"), .number("parameters"), .number("points"), .number("log RSS"),
            .number("AIC"), .number("ΔAIC"), .number("BIC"), .number("ΔBIC"), .number("CV RMSE"),
        ])
        let bestAIC = comparison.models.compactMap(\.aic).min()
        let bestBIC = comparison.models.compactMap(\.bic).min()
        for model in comparison.models {
            table.append([
                ReportCell(model.model.description), ReportCell(shared(model.model)), .count(model.parameterCount), .count(model.points),
                .number(model.logResidualSumOfSquares, digits: 4), optional(model.aic, digits: 6),
                optional(difference(model.aic, bestAIC), digits: 3), optional(model.bic, digits: 6),
                optional(difference(model.bic, bestBIC), digits: 3), optional(model.crossValidationRMSE, digits: 4),
            ])
        }
        criteria.table(table)
        criteria.fields([
            ("lowest AIC", comparison.lowestAIC?.description ?? "—"),
            ("lowest BIC", comparison.lowestBIC?.description ?? "—"),
            ("lowest cross-validated error", comparison.lowestCrossValidation?.description ?? "—"),
        ])
        criteria.paragraph(
            "AIC = n ln(RSS/n) + 2p and BIC = n ln(RSS/n) + p ln n of the log residuals of all runs; CV RMSE: held-out log residuals. Approach 2 fits the budgets' minimum losses, not the runs: its criteria are not comparable and are left out.")
        report.append(criteria)

        var ratios = ReportSection(title: "Compute ratio k(C) against \(comparison.baseline)", subtitle: "\(level)% bootstrap intervals")
        var ratioTable = ReportTable(
            columns: [
                ReportColumn("recipe"), .number("C"), ReportColumn("model"), .number("L* baseline", csvName: "baseline_loss"),
                .number("L* recipe", csvName: "recipe_loss"), .number("k"), .number("lower"), .number("upper"),
            ],
            exportsToCSV: true, emptyText: "no budget given (--budget C)")
        for recipe in comparison.recipes where recipe != comparison.baseline {
            for budget in comparison.budgets {
                for model in comparison.models {
                    guard let m = model.multipliers.first(where: { $0.recipe == recipe && $0.budget == budget }) else { continue }
                    ratioTable.append([
                        ReportCell(recipe), .number(budget, digits: 3), ReportCell(model.model.description),
                        .number(m.baselineLoss, digits: 4), .number(m.recipeLoss, digits: 4), .number(m.ratio, digits: 3),
                        optional(m.lower, digits: 3), optional(m.upper, digits: 3),
                    ])
                }
            }
        }
        ratios.table(ratioTable)
        report.append(ratios)

        var crossings = ReportSection(title: "Crossovers", subtitle: "budgets where the ranking flips")
        var lines: [String] = []
        for model in comparison.models {
            for search in model.crossovers {
                let range = "\(format(search.range.lowerBound)) to \(format(search.range.upperBound))"
                if search.crossovers.isEmpty {
                    lines.append("\(model.model), \(search.recipe): none from \(range)\(search.draws > 0 ? " (\(search.drawsWithCrossover) of \(search.draws) draws have one)" : "")")
                }
                for c in search.crossovers {
                    let interval = c.lower.map { "[\(format($0)), \(format(c.upper ?? .nan))], " } ?? ""
                    lines.append("\(model.model), \(search.recipe): C = \(format(c.budget)) \(interval)\(c.recipeBetterAbove ? "better" : "worse") than \(comparison.baseline) above it (\(c.drawsWithCrossover) of \(c.draws) draws have a crossover)")
                }
            }
        }
        crossings.list(lines, empty: "none")
        report.append(crossings)

        var constants = ReportSection(title: "Fitted frontiers")
        var constantTable = ReportTable(columns: [
            ReportColumn("model"), ReportColumn("recipe"), .number("E"), .number("A"), .number("B"), .number("α"), .number("β"),
            .number("k (L* = k·C^a)"), .number("a"),
        ])
        for model in comparison.models {
            for (r, frontier) in model.frontiers.enumerated() {
                switch frontier {
                case let .chinchilla(p):
                    constantTable.append([
                        ReportCell(model.model.description), ReportCell(comparison.recipes[r]), .number(p.e, digits: 4), .number(p.a, digits: 4),
                        .number(p.b, digits: 4), .number(p.alpha, digits: 4), .number(p.beta, digits: 4), "", "",
                    ])
                case let .powerLaw(k, a):
                    constantTable.append([
                        ReportCell(model.model.description), ReportCell(comparison.recipes[r]), "", "", "", "", "",
                        .number(k, digits: 4), .number(a, digits: 4),
                    ])
                }
            }
        }
        constants.table(constantTable)
        report.append(constants)

        var warnings = ReportSection(title: "Warnings")
        warnings.warnings(Self.warnings(comparison))
        report.append(warnings)
        return report
    }

    /// Reasons to doubt a number: failed refits, budgets far beyond the runs, intervals that
    /// reach `∞`, sharing assumptions the criteria reject.
    static func warnings(_ comparison: RecipeComparison) -> [String] {
        var out: [String] = []
        for model in comparison.models {
            if !model.converged { out.append("\(model.model): the fit did not converge") }
            if model.resamples > 0, model.draws.count < model.resamples {
                out.append("\(model.model): \(model.resamples - model.draws.count) of \(model.resamples) bootstrap refits failed and were left out")
            }
            let unbounded = model.multipliers.filter { ($0.upper ?? 0).isInfinite || $0.ratio.isInfinite }
            if let first = unbounded.first {
                out.append("\(model.model): k of \(first.recipe) at C = \(format(first.budget)) has no finite upper bound: in some draws the recipe never reaches the baseline's loss")
            }
        }
        let data = comparison.dataRange
        for budget in comparison.budgets where !data.contains(budget) {
            out.append("C = \(format(budget)) lies outside the runs' compute (\(format(data.lowerBound)) to \(format(data.upperBound))): k there extrapolates the fits")
        }
        for model in comparison.models {
            for search in model.crossovers {
                for c in search.crossovers where !data.contains(c.budget) {
                    out.append("\(model.model): the crossover of \(search.recipe) at C = \(format(c.budget)) lies outside the runs' compute (\(format(data.lowerBound)) to \(format(data.upperBound))): an extrapolation")
                }
            }
        }
        return out
    }

    static func shared(_ model: RecipeModel) -> String {
        switch model {
        case let .law(sharing):
            switch sharing {
            case .separate: return "none"
            case .sharedExponents: return "α, β"
            case .sharedFloor: return "E"
            case .effectiveCompute: return "E, α, β"
            }
        case .approach2: return "none (per-budget minima)"
        }
    }

    static func optional(_ value: Double?, digits: Int) -> ReportCell {
        guard let value else { return ReportCell("—", exact: "") }
        return .number(value, digits: digits)
    }

    static func difference(_ a: Double?, _ b: Double?) -> Double? {
        guard let a, let b else { return nil }
        return a - b
    }

    static func format(_ value: Double) -> String { NumberFormat.significant(value, digits: 3) }
}
