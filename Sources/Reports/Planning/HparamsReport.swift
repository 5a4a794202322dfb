import Forecast

/// The `hparams` reports: a law's recommendations, and a law fitted from a sweep.
public enum HparamsReport {
    /// One recommendation row.
    public struct Row: Codable, Sendable, Equatable {
        /// Parameters `N`, for a law of size and tokens.
        public var n: Double?
        /// Tokens `D`, for a law of size and tokens.
        public var d: Double?
        /// Compute `C` in FLOP, for a law of compute.
        public var c: Double?
        /// The recommended peak learning rate.
        public var learningRate: Double
        /// The recommended batch size in tokens, when the law has one.
        public var batchSize: Double?
        /// A recommendation row.
        /// - Parameters:
        ///   - n: Parameters `N`, or `nil`.
        ///   - d: Tokens `D`, or `nil`.
        ///   - c: Compute `C`, or `nil`.
        ///   - learningRate: The recommended peak learning rate.
        ///   - batchSize: The recommended batch size in tokens, or `nil`.
        public init(n: Double?, d: Double?, c: Double?, learningRate: Double, batchSize: Double?) {
            self.n = n
            self.d = d
            self.c = c
            self.learningRate = learningRate
            self.batchSize = batchSize
        }
    }

    static func lawText(_ law: HyperparameterLaw) -> [(String, String)] {
        func text(_ p: HyperparameterLaw.PowerLaw, _ name: String) -> String {
            let vars = law.variables == .compute ? ["C"] : ["N", "D"]
            var s = "\(name) = \(NumberFormat.significant(p.coefficient, digits: 4))"
            for (v, a) in zip(vars, p.exponents) where a != 0 { s += "·\(v)^\(NumberFormat.significant(a, digits: 4))" }
            if let ci = p.coefficientInterval, let ei = p.exponentIntervals {
                s += " (95%: k in [\(NumberFormat.significant(ci.lowerBound, digits: 3)), \(NumberFormat.significant(ci.upperBound, digits: 3))]"
                for (v, i) in zip(vars, ei) {
                    s += ", exponent of \(v) in [\(NumberFormat.significant(i.lowerBound, digits: 3)), \(NumberFormat.significant(i.upperBound, digits: 3))]"
                }
                s += ")"
            }
            return s
        }
        var out = [("law", law.name), ("learning rate", text(law.learningRate, "η"))]
        if let b = law.batchSize { out.append(("batch size (tokens)", text(b, "B"))) }
        out.append(("source", law.source))
        return out
    }

    /// The report of a law's recommendations.
    /// - Parameters:
    ///   - law: The hyperparameter law.
    ///   - rows: One recommendation per model or budget.
    /// - Returns: The report: the law, then a table of learning rates and batch sizes.
    public static func recommendations(_ law: HyperparameterLaw, rows: [Row]) -> Report {
        var section = ReportSection(title: "Hyperparameters from \(law.name)")
        section.fields(lawText(law))
        // A column no row has (N and D for a law of C) is left out of the display; CSV keeps it.
        func shown(_ present: Bool) -> ReportColumn.Visibility { present ? .everywhere : .csvOnly }
        let hasN = rows.contains { $0.n != nil }, hasD = rows.contains { $0.d != nil }, hasC = rows.contains { $0.c != nil }
        var table = ReportTable(title: "Recommended", columns: [.number("N", csvName: "n", visibility: shown(hasN)), .number("D", csvName: "d", visibility: shown(hasD)), .number("C", csvName: "c", visibility: shown(hasC)),
                                                               .number("learning rate", csvName: "learning_rate"), .number("batch (tokens)", csvName: "batch_tokens")],
                                exportsToCSV: true)
        for r in rows {
            table.append([r.n.map { .number($0, digits: 4) } ?? "", r.d.map { .number($0, digits: 4) } ?? "", r.c.map { .number($0, digits: 4) } ?? "",
                          .number(r.learningRate, digits: 4), r.batchSize.map { .number($0, digits: 4) } ?? ""])
        }
        section.table(table)
        return Report(title: "Hyperparameter law", sections: [section])
    }

    /// The report of a law fitted from a sweep.
    /// - Parameter fit: The per-cell optima, the refused cells and the fitted power laws.
    /// - Returns: The report: the cells' optima, the refusals, then the law with its intervals.
    public static func fitted(_ fit: HyperparameterSweepFit) -> Report {
        var laws = ReportSection(title: "Hyperparameter law fitted from the sweep")
        laws.fields(lawText(fit.law))
        var cells = ReportTable(title: "Per-cell optima (quadratic in log learning rate\(fit.law.batchSize == nil ? "" : " and log batch size"))",
                                columns: [ReportColumn("cell"), .number("runs"), .number("η*", csvName: "learning_rate"),
                                          ReportColumn("95% interval", csvName: "learning_rate_interval"),
                                          .number("B*", csvName: "batch_tokens"), ReportColumn("95% interval ", csvName: "batch_interval"),
                                          .number("loss at optimum", csvName: "loss")],
                                exportsToCSV: true)
        func interval(_ i: ClosedRange<Double>?) -> ReportCell {
            guard let i else { return "" }
            return ReportCell("[\(NumberFormat.significant(i.lowerBound, digits: 4)), \(NumberFormat.significant(i.upperBound, digits: 4))]")
        }
        for c in fit.cells {
            cells.append([ReportCell(c.label), .count(c.runs), .number(c.learningRate, digits: 4), interval(c.learningRateInterval),
                          c.batchSize.map { .number($0, digits: 4) } ?? "", interval(c.batchSizeInterval), .number(c.loss, digits: 5)])
        }
        laws.table(cells)
        if !fit.refusals.isEmpty {
            laws.warnings(fit.refusals.map { "refused: \($0.reason)" })
        }
        return Report(title: "Hyperparameter sweep fit", sections: [laws])
    }
}
