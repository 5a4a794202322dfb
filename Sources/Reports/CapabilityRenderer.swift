import Foundation
import ScalingLaws

/// Renders a `ScalingLaws/CapabilityModel` (Ruan, Maddison and Hashimoto 2024, observational
/// scaling laws): the principal components with their loadings and explained variance, the
/// per-family compute efficiencies, the sigmoid link of each target, and held-out predictions
/// with the coverage of their intervals.
public enum CapabilityRenderer {
    /// The model in `format`, ending in a newline (JSON encodes the model itself).
    ///
    /// - Parameters:
    ///   - model: The fitted analysis.
    ///   - source: The file it was read from, as shown to the user.
    ///   - format: The output format.
    /// - Returns: The rendered text.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ model: CapabilityModel, source: String, format: ReportFormat) throws -> String {
        try report(model, source: source).render(format, payload: model)
    }

    /// The model as a ``Report``.
    ///
    /// - Parameters:
    ///   - model: The fitted analysis.
    ///   - source: The file it was read from, as shown to the user.
    /// - Returns: The report: data, components, families, links and (with a cutoff) predictions.
    public static func report(_ model: CapabilityModel, source: String) -> Report {
        let s = model.settings
        let pca = model.components
        var about = ReportSection(title: "Observational scaling", subtitle: "Ruan, Maddison and Hashimoto 2024")
        var fields: [(String, String)] = [
            ("data", "\(source): \(model.fittedModels) models fitted" + (s.cutoff.map { " (compute ≤ \(NumberFormat.significant($0, digits: 4)))" } ?? "")
                + (model.heldOutModels > 0 ? ", \(model.heldOutModels) held out" : "")
                + (model.modelsWithoutCompute > 0 ? ", \(model.modelsWithoutCompute) without compute left out" : "")),
            ("capabilities", "S_m = top \(s.components) principal components of \(s.benchmarks.joined(separator: ", ")) (" + (s.standardize ? "standardised" : "centred, not standardised, as the authors' code") + ")"),
            ("missing cells", model.imputedCells == 0 ? "none" : "\(model.imputedCells) filled by the authors' iterative rank-1 PCA imputation"),
            ("link", "E = c + (1 − c)·σ(b + wᵀS) per target; a target that is a benchmark is predicted from the components of the other benchmarks"),
        ]
        if model.heldOutModels > 0 {
            let level = NumberFormat.significant(s.level * 100, digits: 3)
            if model.calibrationErrors.isEmpty {
                fields.append(("intervals", "\(level)%: mean = the link's curve (parameter covariance), new = a new model (residual scatter s_E added through the link's slope); both on the logit scale, inside [c, 1]"))
            } else {
                fields.append(("intervals", "\(level)%: mean = the link's curve (parameter covariance, logit scale); new = calibrated by an inner backtest (split-conformal): the fitted models' smallest-compute share refit the pipeline and predict the rest, q = the ⌈(m + 1)·\(s.level)⌉-th smallest of their m absolute errors, Ê ± q clamped to [c, 1]"))
            }
        }
        about.fields(fields)

        var components = ReportSection(title: "Principal components", subtitle: "loadings (unit vectors) and share of variance")
        var table = ReportTable(columns: [ReportColumn("benchmark")] + (1...pca.components).map { .number("PC\($0)", csvName: "pc\($0)") }, exportsToCSV: true)
        for (j, name) in s.benchmarks.enumerated() {
            table.append([ReportCell(name)] + pca.loadings.map { cell($0[j], digits: 3) })
        }
        table.append([ReportCell("variance share")] + (0..<pca.components).map { cell(pca.explainedShares[$0], digits: 3) })
        var cumulative = 0.0
        table.append([ReportCell("cumulative")] + (0..<pca.components).map { k in
            cumulative += pca.explainedShares[k]
            return cell(cumulative, digits: 3)
        })
        components.table(table)

        var sections = [about, components]
        if let eff = model.efficiencies {
            var families = ReportSection(
                title: "Compute efficiency by family",
                subtitle: "PC1 ≈ θ_f·log10 C + ν_f per family; shared slope β = \(NumberFormat.significant(eff.sharedSlope, digits: 4))"
                    + (eff.sharedSlopeError.map { " ± \(NumberFormat.significant($0, digits: 2))" } ?? "")
                    + "; efficiency = compute multiplier relative to \(eff.reference) at equal PC1")
            var t = ReportTable(columns: [
                ReportColumn("family"), .number("models"), .number("compute min", csvName: "compute_min"), .number("compute max", csvName: "compute_max"),
                .number("θ_f (PC1 slope)", csvName: "slope"), .number("ν_f", csvName: "intercept"), .number("R²", csvName: "r_squared"),
                .number("efficiency ×", csvName: "efficiency"),
            ], exportsToCSV: true)
            for f in eff.families.sorted(by: { $0.efficiency > $1.efficiency }) {
                t.append([
                    ReportCell(f.family), .count(f.models),
                    cell(f.computeRange.lowerBound, digits: 3), cell(f.computeRange.upperBound, digits: 3),
                    f.slopes.map { cell($0[0], digits: 3) } ?? dash, f.intercepts.map { cell($0[0], digits: 3) } ?? dash,
                    f.rSquared.map { cell($0, digits: 3) } ?? dash, cell(f.efficiency, digits: 3),
                ])
            }
            families.table(t)
            sections.append(families)
        }

        var links = ReportSection(title: "Sigmoid links", subtitle: "fitted on the \(model.fittedModels) fitted models")
        var lt = ReportTable(columns: [ReportColumn("target"), .number("chance c", csvName: "chance"), .number("b")]
            + (1...pca.components).map { .number("w\($0)", csvName: "w\($0)") }
            + [.number("models"), .number("RMSE", csvName: "rmse"), .number("s_E", csvName: "residual_sd")], exportsToCSV: true)
        for link in model.links {
            lt.append([ReportCell(link.target), cell(link.chance, digits: 3), cell(link.intercept, digits: 4)]
                + link.weights.map { cell($0, digits: 4) }
                + [.count(link.models), cell(link.rmse, digits: 3), cell(link.residualSD, digits: 3)])
        }
        links.table(lt)
        sections.append(links)

        if !model.predictions.isEmpty {
            var coverage = ReportSection(title: "Held-out coverage", subtitle: "models above the compute cutoff, predicted from their other benchmarks")
            var ct = ReportTable(columns: [
                ReportColumn("target"), .number("models"), .number("new-model interval covers", csvName: "covered"),
                .number("mean interval covers", csvName: "mean_covered"), .number("MAE", csvName: "mae"),
                .number("inner errors", csvName: "inner_errors"), .number("± q", csvName: "half_width"),
            ], exportsToCSV: true)
            for c in model.coverage {
                ct.append([
                    ReportCell(c.target), .count(c.count),
                    ReportCell("\(c.covered)/\(c.count) (\(percent(c.covered, c.count)))", exact: "\(c.covered)"),
                    ReportCell("\(c.meanCovered)/\(c.count) (\(percent(c.meanCovered, c.count)))", exact: "\(c.meanCovered)"),
                    cell(c.meanAbsoluteError, digits: 3),
                    model.calibrationErrors[c.target].map { .count($0.count) } ?? dash,
                    model.calibratedHalfWidth(c.target).map { cell($0, digits: 3) } ?? dash,
                ])
            }
            coverage.table(ct)
            sections.append(coverage)

            var predictions = ReportSection(title: "Held-out predictions")
            var pt = ReportTable(columns: [
                ReportColumn("model"), ReportColumn("family"), .number("compute"), ReportColumn("target"),
                .number("observed"), .number("predicted"), .number("new low", csvName: "low"), .number("new high", csvName: "high"),
                ReportColumn("covered"),
            ], exportsToCSV: true)
            for p in model.predictions {
                pt.append([
                    ReportCell(p.model), ReportCell(p.family), p.compute.map { cell($0, digits: 4) } ?? dash, ReportCell(p.target),
                    cell(p.observed, digits: 3), cell(p.prediction.score, digits: 3),
                    cell(p.prediction.newModelInterval.lowerBound, digits: 3), cell(p.prediction.newModelInterval.upperBound, digits: 3),
                    ReportCell(p.covered ? "yes" : "no"),
                ])
            }
            predictions.table(pt)
            sections.append(predictions)
        }
        return Report(title: "Observational scaling (Ruan, Maddison and Hashimoto 2024)", sections: sections)
    }

    static let dash = ReportCell("—", exact: "")

    static func cell(_ value: Double, digits: Int) -> ReportCell {
        ReportCell(NumberFormat.significant(value, digits: digits), exact: NumberFormat.exact(value))
    }

    static func percent(_ a: Int, _ b: Int) -> String {
        b == 0 ? "—" : String(format: "%.0f%%", 100 * Double(a) / Double(b))
    }
}
