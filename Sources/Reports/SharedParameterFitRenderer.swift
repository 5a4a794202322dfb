import Foundation
import ScalingLaws

/// Renders a `ScalingLaws/SharedParameterFit`: the shared and fixed parameters, then one row per
/// group with its own parameters and their standard errors. The JSON form is the fit itself;
/// ``artifact(_:)`` adds the artifact's `kind` and `schemaVersion` (what `filtering --pools-fit` reads).
public enum SharedParameterFitRenderer {
    /// The fit in `format`, ending in a newline.
    /// - Parameters:
    ///   - fit: the joint fit.
    ///   - format: the output format.
    /// - Returns: the rendered report.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ fit: SharedParameterFit, format: ReportFormat) throws -> String {
        try report(fit).render(format, payload: fit)
    }

    /// The artifact bytes: the fit as JSON with `kind: "shared-fit"` and the schema version.
    /// - Parameter fit: the joint fit.
    /// - Returns: UTF-8 JSON ending in a newline.
    /// - Throws: ``ReportError/encoding(_:)``.
    public static func artifact(_ fit: SharedParameterFit) throws -> Data {
        try ArtifactFile.encode(fit, kind: .sharedFit)
    }

    /// Reads a joint-fit artifact.
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - source: the file name used in messages.
    /// - Returns: the joint fit.
    /// - Throws: ``FitArtifactError``, ``FitArtifactError/wrongKind(source:kind:expected:)`` for another kind,
    ///   ``FitArtifactError/invalid(source:kind:reason:)`` when its arrays do not fit together.
    public static func decode(_ data: Data, source: String) throws -> SharedParameterFit {
        let artifact = try ArtifactFile.decode(data, source: source)
        guard case let .sharedFit(fit) = artifact else {
            throw FitArtifactError.wrongKind(source: source, kind: artifact.kind, expected: .sharedFit)
        }
        if let problem = fit.inconsistency { throw FitArtifactError.invalid(source: source, kind: .sharedFit, reason: problem) }
        return fit
    }

    /// The fit as a report: a section of fields (law, source, shared and fixed values, fit
    /// statistics) and a table of each group's own parameters with standard errors.
    /// - Parameter fit: the joint fit.
    /// - Returns: the report.
    public static func report(_ fit: SharedParameterFit) -> Report {
        func valueText(_ j: Int, _ group: SharedParameterFit.Group) -> String {
            let v = NumberFormat.significant(group.values[j], digits: 5)
            guard let se = group.standardErrors[j] else { return v }
            return "\(v) ± \(NumberFormat.significant(se, digits: 2))"
        }
        var section = ReportSection(title: "Joint fit", subtitle: "\(fit.law) across \(fit.groups.count) groups, shared \(fit.shared.joined(separator: ", "))")
        var fields: [(String, String)] = [("law", fit.law)]
        if !fit.source.isEmpty { fields.append(("source", fit.source)) }
        if let first = fit.groups.first {
            let shared = fit.shared.compactMap { name in fit.parameterNames.firstIndex(of: name).map { "\(name) = \(valueText($0, first))" } }
            fields.append(("shared", shared.joined(separator: ", ")))
        }
        if !fit.fixed.isEmpty {
            fields.append(("fixed", fit.fixed.sorted { $0.key < $1.key }.map { "\($0.key) = \(NumberFormat.significant($0.value, digits: 6))" }.joined(separator: ", ")))
        }
        let rows = fit.groups.reduce(0) { $0 + $1.rows }
        fields.append(("fit", "\(rows) rows, \(fit.degreesOfFreedom) degrees of freedom, residual sd \(NumberFormat.significant(fit.residualStandardDeviation, digits: 3)), R² \(NumberFormat.significant(fit.rSquared, digits: 4)), \(fit.converged ? "converged" : "NOT converged")"))
        section.fields(fields)
        let own = fit.parameterNames.enumerated().filter { !fit.shared.contains($0.element) && fit.fixed[$0.element] == nil }
        var table = ReportTable(
            columns: [ReportColumn("group"), .number("rows")] + own.map { .number($0.element) }
                + own.map { .number("se " + $0.element, csvName: "se_" + $0.element, visibility: .csvOnly) },
            exportsToCSV: true)
        for group in fit.groups {
            table.append([ReportCell(group.label), .count(group.rows)]
                         + own.map { ReportCell(valueText($0.offset, group), exact: NumberFormat.exact(group.values[$0.offset])) }
                         + own.map { ReportCell(group.standardErrors[$0.offset].map { NumberFormat.exact($0) } ?? "") })
        }
        section.table(table)
        return Report(title: "Joint fit with shared parameters", sections: [section])
    }
}
