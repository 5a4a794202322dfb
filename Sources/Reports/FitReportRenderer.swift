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

    /// The report in `format`, ending in a newline.
    /// - Throws: ``ReportError/encoding(_:)`` for `json` when encoding fails.
    public static func render(_ fit: LawFit, format: ReportFormat) throws -> String {
        switch format {
        case .table: return table(fit)
        case .markdown: return markdown(fit)
        case .csv: return csv(fit)
        case .json: return String(decoding: try FitArtifact.encode(fit), as: UTF8.self)
        }
    }

    // MARK: - Plain text

    /// The lmfit-style plain-text report.
    public static func table(_ fit: LawFit) -> String {
        let indent = "    "
        var out = "[[Law]]\n"
        out += keyValues(lawFields(fit), separator: ": ", indent: indent)
        out += "[[Data]]\n"
        out += keyValues(dataFields(fit), separator: ": ", indent: indent)
        out += "[[Fit Statistics]]\n"
        out += keyValues(statisticsFields(fit), separator: " = ", indent: indent)

        out += "[[Variables]]"
        if fit.parameters.contains(where: { $0.lower != nil }) {
            out += " (\(levelText(fit.confidenceLevel)) intervals, \(fit.intervals))"
        }
        out += "\n"
        out += variableLines(fit, indent: indent)

        out += "[[Correlations]] (unreported correlations are <= \(NumberFormat.fixed(correlationThreshold, decimals: 3)))\n"
        let pairs = correlations(fit)
        if fit.correlation == nil {
            out += indent + "not available (no covariance estimate)\n"
        } else if pairs.isEmpty {
            out += indent + "none above the threshold\n"
        } else {
            let labels = pairs.map { "C(\($0.first), \($0.second))" }
            let width = labels.map(\.count).max() ?? 0
            for (label, pair) in zip(labels, pairs) {
                out += indent + label.padded(to: width) + " = " + NumberFormat.correlation(pair.r) + "\n"
            }
        }

        if let bootstrap = fit.bootstrap {
            out += "[[Bootstrap]] (\(levelText(bootstrap.confidenceLevel)) percentile intervals)\n"
            out += keyValues(bootstrapFields(bootstrap), separator: ": ", indent: indent)
            out += bootstrapLines(fit, bootstrap, indent: indent)
        }

        if let profile = fit.profile {
            out += "[[Profile likelihood]] (\(profileHeading(profile)))\n"
            out += profileLines(fit, profile, indent: indent)
            for note in profile.notes { out += indent + "note: " + note + "\n" }
        }

        if let diagnostics = fit.diagnostics {
            out += "[[Diagnostics]]\n"
            if diagnostics.isEmpty { out += indent + "none\n" }
            for d in diagnostics { out += indent + d.kind.rawValue + ": " + d.message + "\n" }
        }

        out += "[[Warnings]]\n"
        if fit.warnings.isEmpty {
            out += indent + "none\n"
        } else {
            for warning in fit.warnings { out += indent + warning.description + "\n" }
        }
        return out
    }

    // MARK: - Markdown

    /// The report as Markdown: a heading per section, key–value tables, a table of variables.
    public static func markdown(_ fit: LawFit) -> String {
        var out = "## Fit of \(fit.law) to \(fit.data.source)\n\n"
        func fieldTable(_ title: String, _ fields: [(String, String)]) {
            out += "### \(title)\n\n"
            var table = TextTable(header: ["field", "value"])
            for (key, value) in fields { table.append([key, value]) }
            out += table.markdown() + "\n"
        }
        fieldTable("Law", lawFields(fit))
        fieldTable("Data", dataFields(fit))
        fieldTable("Fit statistics", statisticsFields(fit))

        out += "### Variables\n\n"
        let level = levelText(fit.confidenceLevel)
        var variables = TextTable(
            header: ["parameter", "value", "std. error", "relative", "lower \(level)", "upper \(level)", "note"],
            numeric: [false, true, true, true, true, true, false])
        for p in fit.parameters {
            variables.append([
                p.symbol == p.name ? p.name : "\(p.name) (\(p.symbol))",
                NumberFormat.significant(p.value),
                NumberFormat.significant(p.standardError, digits: 4, placeholder: ""),
                relativeError(p).map(NumberFormat.percent) ?? "",
                NumberFormat.significant(p.lower, placeholder: ""),
                NumberFormat.significant(p.upper, placeholder: ""),
                note(p) ?? "",
            ])
        }
        out += variables.markdown() + "\n"
        if fit.parameters.contains(where: { $0.lower != nil }) {
            out += "Intervals: \(level), \(fit.intervals).\n\n"
        }

        out += "### Correlations\n\n"
        let pairs = correlations(fit)
        if fit.correlation == nil {
            out += "Not available (no covariance estimate).\n\n"
        } else if pairs.isEmpty {
            out += "None above \(NumberFormat.fixed(correlationThreshold, decimals: 3)) in magnitude.\n\n"
        } else {
            var table = TextTable(header: ["pair", "r"], numeric: [false, true])
            for pair in pairs {
                table.append(["\(pair.first), \(pair.second)", NumberFormat.correlation(pair.r)])
            }
            out += table.markdown() + "\n"
        }

        if let bootstrap = fit.bootstrap {
            out += "### Bootstrap\n\n"
            var fields = TextTable(header: ["field", "value"])
            for (key, value) in bootstrapFields(bootstrap) { fields.append([key, value]) }
            out += fields.markdown() + "\n"
            let level = levelText(bootstrap.confidenceLevel)
            var table = TextTable(
                header: ["parameter", "value", "bootstrap std. error", "lower \(level)", "upper \(level)"],
                numeric: [false, true, true, true, true])
            for row in bootstrapRows(fit, bootstrap) {
                table.append([
                    row.label, NumberFormat.significant(row.value),
                    NumberFormat.significant(row.summary.standardError, digits: 4),
                    NumberFormat.significant(row.summary.lower), NumberFormat.significant(row.summary.upper),
                ])
            }
            out += table.markdown() + "\n"
        }

        if let profile = fit.profile {
            out += "### Profile likelihood\n\n"
            out += profileHeading(profile).prefix(1).uppercased() + profileHeading(profile).dropFirst() + ".\n\n"
            var table = TextTable(
                header: ["parameter", "value", "lower", "upper", "asymmetry", "refits"],
                numeric: [false, true, true, true, true, true])
            for row in profileRows(fit, profile) {
                table.append([row.label, NumberFormat.significant(row.interval.estimate), row.lower, row.upper,
                              NumberFormat.significant(row.interval.asymmetry, digits: 3, placeholder: ""), String(row.interval.refits)])
            }
            out += table.markdown() + "\n"
            for note in profile.notes { out += "- note: \(note)\n" }
            if !profile.notes.isEmpty { out += "\n" }
        }

        if let diagnostics = fit.diagnostics {
            out += "### Diagnostics\n\n"
            if diagnostics.isEmpty { out += "None.\n\n" }
            for d in diagnostics { out += "- **\(d.kind.rawValue)**: \(d.message)\n" }
            if !diagnostics.isEmpty { out += "\n" }
        }

        out += "### Warnings\n\n"
        if fit.warnings.isEmpty {
            out += "None.\n"
        } else {
            for warning in fit.warnings { out += "- \(warning.description)\n" }
        }
        return out
    }

    // MARK: - CSV

    /// One row per parameter: name, symbol, unit, value, standard error, relative error,
    /// interval, confidence level, fixed, bound, interval method (`ScalingLaws/LawIntervalMethod/name`); for a bootstrapped fit also the bootstrap
    /// standard error, percentile interval and its level. Numbers at full precision.
    public static func csv(_ fit: LawFit) -> String {
        var header = [
            "parameter", "symbol", "unit", "value", "standard_error", "relative_error",
            "lower", "upper", "confidence_level", "fixed", "at_bound", "interval_method",
        ]
        if fit.bootstrap != nil {
            header += ["bootstrap_standard_error", "bootstrap_lower", "bootstrap_upper", "bootstrap_confidence_level"]
        }
        var table = TextTable(header: header)
        for p in fit.parameters {
            var extra: [String] = []
            if let bootstrap = fit.bootstrap {
                let summary = bootstrap.parameters.first { $0.name == p.name }
                extra = [
                    NumberFormat.exact(summary?.standardError), NumberFormat.exact(summary?.lower),
                    NumberFormat.exact(summary?.upper), NumberFormat.exact(bootstrap.confidenceLevel),
                ]
            }
            table.append([
                p.name, p.symbol, p.unit,
                NumberFormat.exact(p.value),
                NumberFormat.exact(p.standardError),
                NumberFormat.exact(relativeError(p)),
                NumberFormat.exact(p.lower),
                NumberFormat.exact(p.upper),
                NumberFormat.exact(fit.confidenceLevel),
                p.fixed ? "true" : "false",
                p.atBound ?? "",
                p.lower == nil ? "" : fit.intervals.name,
            ] + extra)
        }
        return table.csv()
    }

    // MARK: - Pieces

    /// One correlation above the threshold, by law parameter name.
    public struct CorrelationPair: Sendable, Equatable {
        public let first: String
        public let second: String
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
        fields.append(("method", "trust region, starts: \(fit.startStrategy.description), seed \(fit.seed)"))
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

    static func variableLines(_ fit: LawFit, indent: String) -> String {
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
        var out = ""
        for (k, p) in fit.parameters.enumerated() {
            var line = indent + labels[k].padded(to: labelWidth) + " "
            line += String(repeating: " ", count: valueWidth - values[k].count) + values[k]
            if errorWidth > 0 { line += " " + errors[k].padded(to: errorWidth) }
            if let lower = p.lower, let upper = p.upper, !p.fixed {
                line += " [" + NumberFormat.significant(lower) + ", " + NumberFormat.significant(upper) + "]"
            }
            if let note = note(p) { line += " (" + note + ")" }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
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

    /// Free parameters with a bootstrap summary, labelled as in ``variableLines(_:indent:)``.
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
    static func bootstrapLines(_ fit: LawFit, _ b: LawFit.BootstrapSummary, indent: String) -> String {
        let rows = bootstrapRows(fit, b)
        let labels = rows.map { $0.label + ":" }
        let labelWidth = labels.map(\.count).max() ?? 0
        let errors = rows.map { "+/- " + NumberFormat.significant($0.summary.standardError, digits: 4) }
        let errorWidth = errors.map(\.count).max() ?? 0
        var out = ""
        for (k, row) in rows.enumerated() {
            out += indent + labels[k].padded(to: labelWidth) + " " + errors[k].padded(to: errorWidth)
                + " [" + NumberFormat.significant(row.summary.lower) + ", " + NumberFormat.significant(row.summary.upper) + "]\n"
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
    static func profileLines(_ fit: LawFit, _ profile: ProfileLikelihoodResult, indent: String) -> String {
        let rows = profileRows(fit, profile)
        let labels = rows.map { $0.label + ":" }
        let labelWidth = labels.map(\.count).max() ?? 0
        let values = rows.map { NumberFormat.significant($0.interval.estimate) }
        let valueWidth = values.map(\.count).max() ?? 0
        let ranges = rows.map { "[" + $0.lower + ", " + $0.upper + "]" }
        let rangeWidth = ranges.map(\.count).max() ?? 0
        var out = ""
        for (k, row) in rows.enumerated() {
            var line = indent + labels[k].padded(to: labelWidth) + " "
            line += String(repeating: " ", count: valueWidth - values[k].count) + values[k] + " " + ranges[k].padded(to: rangeWidth)
            if let a = row.interval.asymmetry { line += " asymmetry " + NumberFormat.significant(a, digits: 3) }
            line += " (\(row.interval.refits) refits)"
            out += line + "\n"
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
