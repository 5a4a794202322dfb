import ScalingLaws

/// The report of a schedule choice (`curve choose`): the best WSD decay per shape, the best
/// cosine final ratio, the reference cosine, and the gain over it with its interval.
public enum ScheduleChoiceReport {
    /// The report of `choice`.
    /// - Parameters:
    ///   - fit: The curve fit the choice was made with.
    ///   - choice: The searched candidates and the best ones.
    ///   - steps: The step budget the schedules were compared at.
    /// - Returns: The report.
    public static func report(fit: CurveFit, choice: ScheduleChoice, steps: Int) -> Report {
        let level = Int((fit.fit.confidenceLevel * 100).rounded())
        var section = ReportSection(title: "Schedule choice")
        section.fields([
            ("law", fit.law.description),
            ("fitted on", fit.runs.joined(separator: ", ") + " (\(fit.points) points)"),
            ("step budget", String(steps)),
        ])
        var table = ReportTable(
            title: "Predicted final loss",
            columns: [ReportColumn("schedule"), .number("final loss", csvName: "final_loss"), .number("vs reference", csvName: "difference")],
            exportsToCSV: true)
        func row(_ candidate: ScheduleChoice.Candidate) {
            table.append([ReportCell(candidate.specification.description), .number(candidate.finalLoss),
                          .number(candidate.finalLoss - choice.reference.finalLoss, digits: 3)])
        }
        var shapes: [DecayShape] = []
        for candidate in choice.wsd {
            if case let .wsd(_, shape) = candidate.specification.shape, !shapes.contains(shape) { shapes.append(shape) }
        }
        for shape in shapes {
            let ofShape = choice.wsd.filter { if case let .wsd(_, s) = $0.specification.shape { return s == shape } else { return false } }
            if let best = ofShape.min(by: { $0.finalLoss < $1.finalLoss }) { row(best) }
        }
        row(choice.bestCosine)
        row(choice.reference)
        section.table(table)
        let gain = choice.gain
        let interval = gain.lower.flatMap { lo in gain.upper.map { hi in
            " (\(level)% CI \(NumberFormat.significant(lo, digits: 3)) to \(NumberFormat.significant(hi, digits: 3)), delta method)" } } ?? ""
        section.list([
            "best: \(choice.bestWSD.specification.description)",
            "gain over the reference cosine: \(NumberFormat.significant(gain.value, digits: 3))\(interval)",
            "the interval is the fit's parameter uncertainty only; on the OLMo ladder, held-out runs' final losses differed from predictions by 0.1–1.7% (docs/cli/curve.md)",
        ])
        return Report(title: "Schedule choice", sections: [section])
    }
}
