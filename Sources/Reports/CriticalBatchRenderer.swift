import Forecast
import Foundation
import ScalingLaws

/// Renders a `Forecast/CriticalBatchPlan`: the constants and the run as fields, then one row
/// per loss with B_crit and, when the run was given, S_min, E_min, C_min and B/B_crit.
public enum CriticalBatchRenderer {
    /// The plan in `format`, ending in a newline.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ plan: CriticalBatchPlan, format: ReportFormat, numbers: NumberStyle = .human) throws -> String {
        try report(plan, numbers: numbers).render(format, payload: JSONForm(plan))
    }

    /// The plan as a ``Report``: the law and the run as fields, one row per loss.
    public static func report(_ plan: CriticalBatchPlan, numbers: NumberStyle = .human) -> Report {
        let columns = columns(plan)
        var about = ReportSection(title: "Critical batch size", subtitle: "Kaplan et al. 2020")
        about.fields(fields(plan))
        var table = ReportTable(columns: columns.map { .number($0.header, csvName: $0.key) }, exportsToCSV: true)
        for row in plan.rows {
            table.append(columns.map { column in
                guard let v = column.value(row) else { return ReportCell("—", exact: "") }
                return ReportCell(column.count ? numbers.count(v) : NumberFormat.significant(v, digits: 4), exact: NumberFormat.exact(v))
            })
        }
        var conversions = ReportSection(title: "Conversions", subtitle: "one row per loss")
        conversions.table(table)
        return Report(title: "Critical batch size (Kaplan et al. 2020)", sections: [about, conversions])
    }

    struct Column {
        let key: String
        let header: String
        let count: Bool
        let value: (CriticalBatchPlan.Row) -> Double?
    }

    static func columns(_ plan: CriticalBatchPlan) -> [Column] {
        var list = [
            Column(key: "loss", header: "loss (nats/token)", count: false) { $0.loss },
            Column(key: "critical_batch_tokens", header: "B_crit (tokens)", count: true) { $0.criticalBatch },
        ]
        if plan.batchSize != nil {
            list.append(Column(key: "batch_over_critical", header: "B/B_crit", count: false) { $0.batchRatio })
        }
        if plan.steps != nil {
            list.append(Column(key: "minimum_steps", header: "S_min (steps)", count: true) { $0.minimumSteps })
            list.append(Column(key: "minimum_tokens", header: "E_min (tokens)", count: true) { $0.minimumTokens })
        }
        if plan.compute != nil {
            list.append(Column(key: "minimum_compute_flop", header: "C_min (FLOP)", count: false) { $0.minimumCompute })
        }
        return list
    }

    static func fields(_ plan: CriticalBatchPlan) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("law", "B_crit(L) = B_*/L^(1/α_B) with B_* = \(NumberFormat.significant(plan.bStar, digits: 4)) tokens, α_B = \(NumberFormat.significant(plan.alphaB, digits: 4)) (Kaplan et al. 2020, eq. 1.4)"),
        ]
        var run: [String] = []
        if let b = plan.batchSize { run.append("batch size B = \(NumberFormat.human(b)) tokens") }
        if let s = plan.steps { run.append("S = \(NumberFormat.human(s)) steps") }
        if let n = plan.parameters { run.append("N = \(NumberFormat.human(n)) parameters") }
        if let c = plan.compute {
            run.append("C = \(NumberFormat.significant(c, digits: 4)) FLOP" + (plan.computeDerived ? " (6·N·B·S)" : ""))
        }
        if !run.isEmpty { fields.append(("run", run.joined(separator: ", "))) }
        if plan.steps != nil { fields.append(("S_min", "S/(1 + B_crit/B), the fewest steps to the loss at a very large batch (eq. 5.4); E_min = B·S/(1 + B/B_crit), the fewest tokens at a very small batch (eq. 5.3)")) }
        if plan.compute != nil { fields.append(("C_min", "C/(1 + B/B_crit), the compute at a batch far below B_crit (eq. 5.5)")) }
        fields.append(("note", "L in nats/token on Kaplan et al.'s WebText2 tokenizer and data: the constants do not transfer to other data (override --b-star, --alpha-b)"))
        return fields
    }

    struct JSONForm: Encodable {
        struct Row: Encodable {
            let loss, criticalBatch: Double
            let minimumSteps, minimumTokens, minimumCompute, batchOverCritical: Double?
        }
        let bStar, alphaB: Double
        let batchSize, steps, compute, parameters: Double?
        let rows: [Row]

        init(_ p: CriticalBatchPlan) {
            bStar = p.bStar
            alphaB = p.alphaB
            batchSize = p.batchSize
            steps = p.steps
            compute = p.compute
            parameters = p.parameters
            rows = p.rows.map {
                Row(loss: $0.loss, criticalBatch: $0.criticalBatch, minimumSteps: $0.minimumSteps, minimumTokens: $0.minimumTokens,
                    minimumCompute: $0.minimumCompute, batchOverCritical: $0.batchRatio)
            }
        }
    }
}
