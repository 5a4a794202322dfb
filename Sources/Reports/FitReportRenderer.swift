import Foundation
import NonlinearFit
import ScalingLaws

/// Renders a `ScalingLaws/LawFit` for people (`table`, `markdown`), spreadsheets (`csv`) and
/// programs (`json`). It only formats what the fit already holds; it never refits or recomputes
/// statistics.
///
/// The `table` layout follows lmfit's `fit_report`:
///
/// ```
/// [[Law]]             name, title, formula, citation
/// [[Data]]            source file, rows, range of each input, response, digest
/// [[Fit Statistics]]  objective, method and starts, evaluations, chi-square, AIC, BIC, R², …
/// [[Variables]]       name: value +/- se (rel%) [lower, upper] (fixed / at bound)
/// [[Correlations]]    C(p, q) = ±r for |r| > 0.1, largest first
/// [[Bootstrap]]       only for a bootstrapped fit: resamples, kind, seed, refits, and per
///                     parameter the bootstrap standard error and percentile interval
/// [[Profile likelihood]] only with profile intervals: level, calibration and threshold, and per
///                     parameter the interval, its asymmetry and the refits it took
/// [[Diagnostics]]     only when diagnostics are attached: one line each (kind: explanation), or "none"
/// [[Warnings]]        one line each, or "none"
/// ```
public enum FitReportRenderer {
    /// Correlations at or below this magnitude are left out of the report, as in lmfit.
    public static let correlationThreshold = 0.1

    /// The report in `format`, ending in a newline; `json` is the fit artifact.
    /// - Throws: ``ReportError/encoding(_:)`` for `json` when encoding fails.
    public static func render(_ fit: LawFit, format: ReportFormat) throws -> String {
        if format == .json { return String(decoding: try FitArtifact.encode(fit), as: UTF8.self) }
        return try report(fit).render(format)
    }

    /// The fit as a ``Report``: the sections above, in that order. Plain text keeps lmfit's
    /// aligned lines (``ReportTable/plainLines``); the other formats show the same tables as
    /// tables. CSV is the variables table: one row per parameter with name, symbol, unit,
    /// value, standard error, relative error, interval, confidence level, fixed, bound and
    /// interval method (`ScalingLaws/LawIntervalMethod/name`); for a bootstrapped fit also
    /// the bootstrap standard error, percentile interval and its level; numbers at full precision.
    public static func report(_ fit: LawFit) -> Report {
        var report = Report(title: "Fit of \(fit.law) to \(fit.data.source)")
        for section in sections(fit) { report.append(section) }
        return report
    }

    /// The report's sections (the HTML report shows them beside its own).
    public static func sections(_ fit: LawFit) -> [ReportSection] {
        var sections: [ReportSection] = []
        var law = ReportSection(title: "Law")
        law.fields(lawFields(fit))
        sections.append(law)
        var data = ReportSection(title: "Data")
        data.fields(dataFields(fit))
        sections.append(data)
        var statistics = ReportSection(title: "Fit Statistics")
        statistics.fields(statisticsFields(fit), style: .equals)
        sections.append(statistics)

        let intervals = fit.parameters.contains(where: { $0.lower != nil })
        var variables = ReportSection(
            title: "Variables", subtitle: intervals ? "\(levelText(fit.confidenceLevel)) intervals, \(fit.intervals)" : nil)
        variables.table(variableTable(fit))
        sections.append(variables)

        let threshold = NumberFormat.fixed(correlationThreshold, decimals: 3)
        var correlation = ReportSection(title: "Correlations", subtitle: "unreported correlations are <= \(threshold)")
        let pairs = correlations(fit)
        if fit.correlation == nil {
            correlation.list(["not available (no covariance estimate)"])
        } else if pairs.isEmpty {
            correlation.list(["none above the threshold"])
        } else {
            var table = ReportTable(columns: [ReportColumn("pair"), .number("r")])
            let labels = pairs.map { "C(\($0.first), \($0.second))" }
            let width = labels.map(\.count).max() ?? 0
            for pair in pairs { table.append([ReportCell("\(pair.first), \(pair.second)"), ReportCell(NumberFormat.correlation(pair.r))]) }
            table.plainLines = zip(labels, pairs).map { $0.0.padded(to: width) + " = " + NumberFormat.correlation($0.1.r) }
            correlation.table(table)
        }
        sections.append(correlation)

        if let bootstrap = fit.bootstrap {
            let level = levelText(bootstrap.confidenceLevel)
            var section = ReportSection(title: "Bootstrap", subtitle: "\(level) percentile intervals")
            section.fields(bootstrapFields(bootstrap))
            var table = ReportTable(columns: [
                ReportColumn("parameter"), .number("value"), .number("bootstrap std. error"), .number("lower \(level)"), .number("upper \(level)"),
            ])
            for row in bootstrapRows(fit, bootstrap) {
                table.append([
                    ReportCell(row.label), .number(row.value, digits: 7), .number(row.summary.standardError, digits: 4),
                    .number(row.summary.lower, digits: 7), .number(row.summary.upper, digits: 7),
                ])
            }
            table.plainLines = bootstrapLines(fit, bootstrap)
            section.table(table)
            sections.append(section)
        }

        if let profile = fit.profile {
            var section = ReportSection(title: "Profile likelihood", subtitle: profileHeading(profile))
            var table = ReportTable(columns: [
                ReportColumn("parameter"), .number("value"), .number("lower"), .number("upper"), .number("asymmetry"), .number("refits"),
            ])
            for row in profileRows(fit, profile) {
                table.append([
                    ReportCell(row.label), .number(row.interval.estimate, digits: 7), ReportCell(row.lower), ReportCell(row.upper),
                    ReportCell(NumberFormat.significant(row.interval.asymmetry, digits: 3, placeholder: "")), .count(row.interval.refits),
                ])
            }
            table.plainLines = profileLines(fit, profile)
            section.table(table)
            section.list(profile.notes.map { "note: " + $0 })
            sections.append(section)
        }

        if let diagnostics = fit.diagnostics {
            var section = ReportSection(title: "Diagnostics")
            section.list(diagnostics.map { $0.kind.rawValue + ": " + $0.message }, empty: "none")
            sections.append(section)
        }

        var warnings = ReportSection(title: "Warnings")
        warnings.warnings(fit.warnings.map(\.description))
        sections.append(warnings)
        return sections
    }

    /// One row per parameter. Shown: the label, value, standard error, relative error,
    /// interval and a note; exported (CSV): name, symbol, unit and every number exactly.
    static func variableTable(_ fit: LawFit) -> ReportTable {
        let level = levelText(fit.confidenceLevel)
        var columns: [ReportColumn] = [
            ReportColumn("parameter"), ReportColumn("symbol", visibility: .csvOnly), ReportColumn("unit", visibility: .csvOnly),
            .number("value"), .number("std. error", csvName: "standard_error"), .number("relative", csvName: "relative_error"),
            .number("lower \(level)", csvName: "lower"), .number("upper \(level)", csvName: "upper"),
            ReportColumn("confidence_level", visibility: .csvOnly), ReportColumn("fixed", visibility: .csvOnly),
            ReportColumn("at_bound", visibility: .csvOnly), ReportColumn("interval_method", visibility: .csvOnly),
        ]
        if fit.bootstrap != nil {
            columns += ["bootstrap_standard_error", "bootstrap_lower", "bootstrap_upper", "bootstrap_confidence_level"].map {
                ReportColumn($0, visibility: .csvOnly)
            }
        }
        columns.append(ReportColumn("note", visibility: .displayOnly))
        var table = ReportTable(columns: columns, exportsToCSV: true)
        for p in fit.parameters {
            var row: [ReportCell] = [
                ReportCell(p.symbol == p.name ? p.name : "\(p.name) (\(p.symbol))", exact: p.name), ReportCell(p.symbol), ReportCell(p.unit),
                ReportCell(NumberFormat.significant(p.value), exact: NumberFormat.exact(p.value)),
                ReportCell(NumberFormat.significant(p.standardError, digits: 4, placeholder: ""), exact: NumberFormat.exact(p.standardError)),
                ReportCell(relativeError(p).map(NumberFormat.percent) ?? "", exact: NumberFormat.exact(relativeError(p))),
                ReportCell(NumberFormat.significant(p.lower, placeholder: ""), exact: NumberFormat.exact(p.lower)),
                ReportCell(NumberFormat.significant(p.upper, placeholder: ""), exact: NumberFormat.exact(p.upper)),
                ReportCell(NumberFormat.exact(fit.confidenceLevel)), ReportCell(p.fixed ? "true" : "false"),
                ReportCell(p.atBound ?? ""), ReportCell(p.lower == nil ? "" : fit.intervals.name),
            ]
            if let bootstrap = fit.bootstrap {
                let summary = bootstrap.parameters.first { $0.name == p.name }
                row += [summary?.standardError, summary?.lower, summary?.upper, bootstrap.confidenceLevel].map { ReportCell(NumberFormat.exact($0)) }
            }
            row.append(ReportCell(note(p) ?? ""))
            table.append(row)
        }
        table.plainLines = variableLines(fit)
        return table
    }

    // MARK: - Pieces

    /// One correlation above the threshold, by law parameter name.
    public struct CorrelationPair: Sendable, Equatable {
        /// The first parameter's name.
        public let first: String
        /// The second parameter's name.
        public let second: String
        /// Their correlation coefficient, in [−1, 1].
        public let r: Double
    }

    /// The pairs of free parameters with `|r| > correlationThreshold`, largest magnitude first
    /// (ties in parameter order). Names are law parameter names: a parameter fitted as its
    /// logarithm shares its correlations with its log, to first order.
    public static func correlations(_ fit: LawFit) -> [CorrelationPair] {
        guard let matrix = fit.correlation else { return [] }
        let names = fit.covarianceNames.map { displayName(fittedName: $0, in: fit) }
        var pairs: [(pair: CorrelationPair, order: Int)] = []
        for i in 0..<names.count {
            for j in (i + 1)..<max(names.count, i + 1) where i < matrix.count && j < matrix[i].count {
                let r = matrix[i][j]
                guard r.isFinite, Swift.abs(r) > correlationThreshold else { continue }
                pairs.append((CorrelationPair(first: names[i], second: names[j], r: r), pairs.count))
            }
        }
        pairs.sort { lhs, rhs in
            let a = Swift.abs(lhs.pair.r), b = Swift.abs(rhs.pair.r)
            return a != b ? a > b : lhs.order < rhs.order
        }
        return pairs.map(\.pair)
    }

    /// The law parameter name for a fitted name (`log_A` → `A`).
    static func displayName(fittedName: String, in fit: LawFit) -> String {
        if let k = fit.fittedNames.firstIndex(of: fittedName), k < fit.parameters.count {
            return fit.parameters[k].name
        }
        return fittedName
    }

    static func lawFields(_ fit: LawFit) -> [(String, String)] {
        var fields: [(String, String)] = [("name", fit.law)]
        if let law = LawRegistry.law(named: fit.law) { fields.append(("title", law.title)) }
        fields.append(("formula", fit.formula))
        fields.append(("source", fit.citation))
        return fields
    }

    static func dataFields(_ fit: LawFit) -> [(String, String)] {
        var fields: [(String, String)] = [("source", fit.data.source), ("rows", String(fit.data.rows))]
        for role in fit.inputs {
            guard let range = fit.data.ranges[role], range.count == 2 else { continue }
            fields.append((role, "[\(NumberFormat.significant(range[0], digits: 6)), \(NumberFormat.significant(range[1], digits: 6))]"))
        }
        fields.append(("response", fit.response))
        fields.append(("digest", "fnv1a64:\(fit.data.digest)"))
        return fields
    }

    static func statisticsFields(_ fit: LawFit) -> [(String, String)] {
        let s = fit.statistics
        var fields: [(String, String)] = []
        fields.append(("objective", fit.objective.description))
        fields.append(("objective value", NumberFormat.significant(s.objective)))
        fields.append(("method", "trust region, starts: \(fit.startStrategy.description)\(fit.racing == false ? " (every start to convergence)" : ""), seed \(fit.seed)"))
        if let starts = s.starts {
            var detail: [String] = []
            if let converged = s.convergedStarts { detail.append("\(converged) converged") }
            if let distinct = s.distinctOptima { detail.append("\(distinct) distinct \(distinct == 1 ? "optimum" : "optima")") }
            fields.append(("# starts", detail.isEmpty ? "\(starts)" : "\(starts) (\(detail.joined(separator: ", ")))"))
        }
        fields.append(("# iterations", String(s.iterations)))
        fields.append(("# function evals", String(s.functionEvaluations)))
        fields.append(("# data points", String(fit.data.rows)))
        fields.append(("# variables", String(fit.parameters.filter { !$0.fixed }.count)))
        let space = fit.objective.isLogSpace ? " (log residuals)" : ""
        fields.append(("chi-square", NumberFormat.significant(s.chiSquare) + space))
        fields.append(("reduced chi-square", NumberFormat.significant(s.reducedChiSquare, placeholder: "n/a")))
        fields.append(("Akaike info crit", NumberFormat.significant(s.aic)))
        fields.append(("Bayesian info crit", NumberFormat.significant(s.bic)))
        fields.append(("R-squared", NumberFormat.significant(s.rSquared, placeholder: "n/a")))
        fields.append(("RMSE", NumberFormat.significant(s.rmse) + space))
        fields.append(("condition number", NumberFormat.significant(s.conditionNumber, digits: 4, placeholder: "n/a")))
        fields.append(("termination", StatusWords.termination(s.termination)))
        return fields
    }

    static func variableLines(_ fit: LawFit) -> [String] {
        let labels = fit.parameters.map { p in (p.symbol == p.name ? p.name : "\(p.name) (\(p.symbol))") + ":" }
        let labelWidth = labels.map(\.count).max() ?? 0
        let values = fit.parameters.map { NumberFormat.significant($0.value) }
        let valueWidth = values.map(\.count).max() ?? 0
        let errors = fit.parameters.map { p -> String in
            guard let se = p.standardError, !p.fixed else { return "" }
            var text = "+/- " + NumberFormat.significant(se, digits: 4)
            if let rel = relativeError(p) { text += " (" + NumberFormat.percent(rel) + ")" }
            return text
        }
        let errorWidth = errors.map(\.count).max() ?? 0
        var out: [String] = []
        for (k, p) in fit.parameters.enumerated() {
            var line = labels[k].padded(to: labelWidth) + " "
            line += String(repeating: " ", count: valueWidth - values[k].count) + values[k]
            if errorWidth > 0 { line += " " + errors[k].padded(to: errorWidth) }
            if let lower = p.lower, let upper = p.upper, !p.fixed {
                line += " [" + NumberFormat.significant(lower) + ", " + NumberFormat.significant(upper) + "]"
            }
            if let note = note(p) { line += " (" + note + ")" }
            while line.hasSuffix(" ") { line.removeLast() }
            out.append(line)
        }
        return out
    }

    static func bootstrapFields(_ b: LawFit.BootstrapSummary) -> [(String, String)] {
        [
            ("resamples", String(b.resamples)),
            ("kind", b.kind),
            ("seed", String(b.seed)),
            ("refits", "\(b.converged) converged, \(b.failed) failed, \(b.nonConverged - b.failed) not converged"),
        ]
    }

    /// Free parameters with a bootstrap summary, labelled as in ``variableLines(_:)``.
    static func bootstrapRows(_ fit: LawFit, _ b: LawFit.BootstrapSummary)
        -> [(label: String, value: Double, summary: LawFit.BootstrapSummary.Parameter)] {
        var rows: [(label: String, value: Double, summary: LawFit.BootstrapSummary.Parameter)] = []
        for p in fit.parameters where !p.fixed {
            guard let summary = b.parameters.first(where: { $0.name == p.name }) else { continue }
            rows.append((p.symbol == p.name ? p.name : "\(p.name) (\(p.symbol))", p.value, summary))
        }
        return rows
    }

    /// `name: +/- se [lower, upper]` per free parameter, aligned.
    static func bootstrapLines(_ fit: LawFit, _ b: LawFit.BootstrapSummary) -> [String] {
        let rows = bootstrapRows(fit, b)
        let labels = rows.map { $0.label + ":" }
        let labelWidth = labels.map(\.count).max() ?? 0
        let errors = rows.map { "+/- " + NumberFormat.significant($0.summary.standardError, digits: 4) }
        let errorWidth = errors.map(\.count).max() ?? 0
        var out: [String] = []
        for (k, row) in rows.enumerated() {
            out.append(labels[k].padded(to: labelWidth) + " " + errors[k].padded(to: errorWidth)
                + " [" + NumberFormat.significant(row.summary.lower) + ", " + NumberFormat.significant(row.summary.upper) + "]")
        }
        return out
    }

    /// `95% intervals, chi-square(1) threshold 3.841` for the section heading.
    static func profileHeading(_ profile: ProfileLikelihoodResult) -> String {
        "\(levelText(profile.options.confidenceLevel)) intervals, \(profile.options.calibration) threshold \(NumberFormat.significant(profile.threshold, digits: 4))"
    }

    /// Profiled parameters with their labels and ends as text (`open at bound 0`, `not reached`).
    static func profileRows(_ fit: LawFit, _ profile: ProfileLikelihoodResult)
        -> [(label: String, interval: ProfileInterval, lower: String, upper: String)] {
        func end(_ value: Double?, _ how: ProfileInterval.End) -> String {
            switch how {
            case .found: return NumberFormat.significant(value, placeholder: "?")
            case .bound: return "bound " + NumberFormat.significant(value, placeholder: "?")
            case .notReached: return "not reached"
            }
        }
        var rows: [(label: String, interval: ProfileInterval, lower: String, upper: String)] = []
        for p in fit.parameters {
            guard let interval = profile.interval(p.name) else { continue }
            rows.append((p.symbol == p.name ? p.name : "\(p.name) (\(p.symbol))", interval,
                         end(interval.lower, interval.lowerEnd), end(interval.upper, interval.upperEnd)))
        }
        return rows
    }

    /// `name: value [lower, upper] asymmetry x (k refits)` per profiled parameter, aligned.
    static func profileLines(_ fit: LawFit, _ profile: ProfileLikelihoodResult) -> [String] {
        let rows = profileRows(fit, profile)
        let labels = rows.map { $0.label + ":" }
        let labelWidth = labels.map(\.count).max() ?? 0
        let values = rows.map { NumberFormat.significant($0.interval.estimate) }
        let valueWidth = values.map(\.count).max() ?? 0
        let ranges = rows.map { "[" + $0.lower + ", " + $0.upper + "]" }
        let rangeWidth = ranges.map(\.count).max() ?? 0
        var out: [String] = []
        for (k, row) in rows.enumerated() {
            var line = labels[k].padded(to: labelWidth) + " "
            line += String(repeating: " ", count: valueWidth - values[k].count) + values[k] + " " + ranges[k].padded(to: rangeWidth)
            if let a = row.interval.asymmetry { line += " asymmetry " + NumberFormat.significant(a, digits: 3) }
            line += " (\(row.interval.refits) refits)"
            out.append(line)
        }
        return out
    }

    static func relativeError(_ p: LawFit.Parameter) -> Double? {
        guard let se = p.standardError, !p.fixed, p.value != 0 else { return nil }
        return se / Swift.abs(p.value)
    }

    static func note(_ p: LawFit.Parameter) -> String? {
        if p.fixed { return "fixed" }
        if let bound = p.atBound { return "at \(bound) bound" }
        if p.standardError == nil { return "no standard error" }
        return nil
    }

    static func levelText(_ level: Double) -> String {
        let percent = level * 100
        return (percent == percent.rounded() ? String(Int(percent)) : NumberFormat.significant(percent, digits: 4)) + "%"
    }

    /// `key: value` lines (separator `": "`, the colon attached to the key) or `key = value`
    /// lines, values aligned.
    static func keyValues(_ fields: [(String, String)], separator: String, indent: String) -> String {
        let colon = separator == ": "
        let keys = fields.map { colon ? $0.0 + ":" : $0.0 }
        let width = keys.map(\.count).max() ?? 0
        var out = ""
        for (key, (_, value)) in zip(keys, fields) {
            var line = indent + key.padded(to: width) + (colon ? " " : separator) + value
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
