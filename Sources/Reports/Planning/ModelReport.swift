import Forecast

/// The `model` report: a shape's parameter counts and training FLOP per token under every
/// convention (and for `tokens` tokens, the training FLOP).
public enum ModelReport {
    /// The report of one shape.
    /// - Parameters:
    ///   - accounting: The shape's parameter counts and FLOP per token.
    ///   - name: The model's name, or `nil`.
    ///   - tokens: Training tokens for the total training FLOP, or `nil`.
    /// - Returns: The report.
    public static func make(_ accounting: ModelAccounting, name: String?, tokens: Double?) -> Report {
        let s = accounting.shape
        var shape = ReportSection(title: name.map { "Model \($0)" } ?? "Model")
        var fields: [(String, String)] = [
            ("layers", "\(s.layers)"), ("d_model", "\(s.dModel)"),
            ("heads", "\(s.heads) of width \(s.headDim), \(s.kvHeads) key/value"),
        ]
        if let moe = s.moe {
            fields.append(("experts", "\(moe.experts) routed of width \(moe.expertFFN), \(moe.active) active, \(moe.shared) shared, \(s.gated ? "gated" : "plain")"))
        } else {
            fields.append(("ffn", "\(s.ffn), \(s.gated ? "gated (3 matrices)" : "plain (2 matrices)")"))
        }
        fields += [("vocabulary", "\(s.vocab)"), ("context", "\(s.context)"),
                   ("embeddings", s.tiedEmbeddings ? "tied" : "untied"), ("QK-norm", s.qkNorm ? "yes" : "no")]
        shape.fields(fields)
        var params = ReportTable(title: "Parameters", columns: [ReportColumn("count"), .number("parameters"), ReportColumn("what it counts")],
                                 exportsToCSV: true)
        let p = accounting.parameters
        params.append(["total", .number(p.total, digits: 10), "every parameter"])
        params.append(["non-embedding", .number(p.nonEmbedding, digits: 10), "total − input embedding V·d (includes an untied output head)"])
        params.append(["embedding", .number(p.embedding, digits: 10), "input embedding V·d"])
        params.append(["Kaplan N", .number(p.layers, digits: 10), "layers' weight matrices only (Kaplan et al. 2020, Table 1)"])
        params.append(["active", .number(p.active, digits: 10), "total less the routed experts a token skips"])
        params.append(["active non-embedding", .number(p.activeNonEmbedding, digits: 10), "what 6N counts"])
        shape.table(params)
        var flops = ReportTable(title: "Training FLOP per token (forward + backward)",
                                columns: [ReportColumn("convention", csvName: "convention"), .number("FLOP/token", csvName: "flops_per_token"),
                                          .number("÷ 6N", csvName: "ratio_to_6n")] +
                                    (tokens == nil ? [] : [.number("FLOP for D", csvName: "training_flops")]) + [ReportColumn("definition")],
                                exportsToCSV: true)
        let six = accounting.flopsPerToken(.sixN)
        for c in FlopConvention.allCases {
            let f = accounting.flopsPerToken(c)
            var row: [ReportCell] = [ReportCell(c.rawValue), .number(f, digits: 6), .number(f / six, digits: 4)]
            if let tokens { row.append(.number(f * tokens, digits: 4)) }
            row.append(ReportCell(c.label))
            flops.append(row)
        }
        shape.table(flops)
        let h = accounting.hoffmannForward
        var notes: [String] = [
            String(format: "Hoffmann App. F forward by part: embeddings %.4g, attention %.4g, dense %.4g, logits %.4g FLOP/token.",
                   h.embeddings, h.attention, h.dense, h.logits),
        ]
        if let tokens { notes.append(String(format: "D = %.4g tokens.", tokens)) }
        shape.list(notes)
        return Report(title: "Model accounting", sections: [shape])
    }

    /// Shapes for a parameter target, best first.
    public static func shapes(_ candidates: [ShapeCandidate], target: Double, rules: ShapeRules) -> Report {
        var section = ReportSection(title: "Shapes for \(NumberFormat.significant(target, digits: 4)) \(rules.count.rawValue) parameters")
        section.fields([("rules", rules.summary), ("tolerance", NumberFormat.significant(rules.tolerance * 100, digits: 3) + "%")])
        section.table(shapeTable(candidates.map { (nil, $0) }))
        return Report(title: "Budget to shape", sections: [section])
    }

    /// The table of shapes (one per row, optionally labelled by a budget).
    public static func shapeTable(_ rows: [(Double?, ShapeCandidate)], title: String = "Shapes") -> ReportTable {
        let budgets = rows.contains { $0.0 != nil }
        var columns: [ReportColumn] = budgets ? [.number("budget C", csvName: "budget")] : [ReportColumn("rank", numeric: true)]
        columns += [.number("layers"), .number("d_model"), .number("heads"), .number("ffn"), .number("d/layers", csvName: "aspect"),
                    .number("parameters", csvName: "total_params"), .number("non-embedding", csvName: "non_embedding_params"),
                    .number("vs target", csvName: "relative_error"), .number("FLOP/token (App. F)", csvName: "flops_per_token_hoffmann"),
                    .number("6N", csvName: "flops_per_token_6n")]
        var table = ReportTable(title: title, columns: columns, exportsToCSV: true)
        for (k, (budget, c)) in rows.enumerated() {
            var row: [ReportCell] = budget.map { [.number($0, digits: 4)] } ?? [.count(k + 1)]
            row += [.count(c.shape.layers), .count(c.shape.dModel), .count(c.shape.heads), .count(c.shape.ffn),
                    .number(c.aspect, digits: 4), .number(c.parameters.total, digits: 6), .number(c.parameters.nonEmbedding, digits: 6),
                    ReportCell(String(format: "%+.2f%%", c.relativeError * 100), exact: "\(c.relativeError)"),
                    .number(c.flopsPerToken, digits: 5), .number(c.sixN, digits: 5)]
            table.append(row)
        }
        return table
    }
}
