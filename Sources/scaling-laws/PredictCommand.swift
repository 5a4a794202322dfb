import ArgumentParser
import Forecast
import Foundation
import Reports
import ScalingLaws

/// `scaling-laws predict (--fit FILE | --preset NAME | --law LAW --param …) (--n N --d D … | --points FILE)`:
/// the law's prediction at given points.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict the loss at given model sizes and token counts.",
        discussion: """
            Give points with --n and --d (repeatable, paired in order) or a CSV file with \
            --points; its columns are found by their usual names or named with --x ROLE=COLUMN. \
            When the file also has the response column, the observed value is printed beside \
            the prediction. With a fit artifact that records its input ('fit --output'), the \
            recorded columns are read (the response the fit was made with, e.g. \
            hellaswag_bpb rather than loss); --x ROLE=COLUMN overrides one, with a note. \
            --where, --range, --drop-highest and --drop-lowest select rows of the points file.

            With --fit, each prediction carries two intervals: the confidence interval (CI) of \
            the mean curve, and the prediction interval (PI) of a new run, which adds the fit's \
            residual scatter (in log space for log-space objectives). They come from the \
            bootstrap draws when the fit was saved with 'fit --bootstrap N', else from the \
            delta method on the fit's covariance.

            Examples:
              scaling-laws predict --fit fit.json --n 7e10 --d 1.4e12
              scaling-laws predict --preset epoch2024 --points runs.csv
              scaling-laws predict --fit curve.json --curve wsd-decay/1B-10xC.csv
            """
    )

    @OptionGroup(title: "Law source")
    var lawSource: LawSourceOptions

    @Option(name: .customLong("n"), help: ArgumentHelp("Model parameters N (repeatable), e.g. 7e10 or 70B.", valueName: "n"))
    var nValues: [String] = []

    @Option(name: .customLong("d"), help: ArgumentHelp("Training tokens D (repeatable), e.g. 1.4e12 or 1.4T.", valueName: "d"))
    var dValues: [String] = []

    @Option(help: ArgumentHelp("CSV file of points to predict at.", valueName: "file"))
    var points: String?

    @Option(
        name: .customLong("x"),
        help: ArgumentHelp(
            "Column for any variable, as ROLE=COLUMN (repeatable), e.g. --x N=params.",
            valueName: "role=column"),
        transform: Syntax.roleMapping)
    var roleMappings: [RoleMapping] = []

    @OptionGroup
    var separatorOption: SeparatorOption

    /// The field separator (`--sep`), when given.
    var separator: Character? { separatorOption.value }

    @OptionGroup(title: "Rows of --points")
    var selection: RowSelectionOptions

    @OptionGroup(title: "Loss curves (with a 'curve fit --output' artifact as --fit)")
    var curveTarget: CurvePredictOptions

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func validate() throws {
        if curveTarget.isUsed {
            guard lawSource.fit != nil else { throw ValidationError("--curve and --schedule predict from a curve fit: give it with --fit <file>") }
            guard nValues.isEmpty, dValues.isEmpty, points == nil else {
                throw ValidationError("give --curve or --schedule, or points with --n/--d or --points, not both")
            }
            return
        }
        if selection.by != nil { throw ValidationError("--by does not apply to predict") }
        if points == nil, selection.isUsed {
            throw ValidationError("--where, --range, --drop-highest, --drop-lowest and --drop-missing select rows of --points <file>")
        }
        if points != nil {
            guard nValues.isEmpty, dValues.isEmpty else {
                throw ValidationError("give points either with --n/--d or with --points, not both")
            }
        } else {
            guard !nValues.isEmpty || !dValues.isEmpty else {
                throw ValidationError("give points with --n <n> --d <d> or --points <file>")
            }
            guard nValues.count == dValues.count else {
                throw ValidationError("--n and --d pair up in order: got \(nValues.count) --n and \(dValues.count) --d")
            }
        }
    }

    func run() throws {
        try Console.run {
            if curveTarget.isUsed, let fit = lawSource.fit {
                let (report, predictions) = try curveTarget.report(fit: try CurvePredictOptions.load(fit), metric: nil, learningRateColumn: nil, stepColumn: nil)
                let text = try report.render(output.format.report, payload: predictions)
                try output.emit(report: text) { Array(try report.render(RenderFormat.json, payload: predictions).utf8) }
                return
            }
            let source = try lawSource.load()
            let (law, values) = try source.lossLaw(for: "a loss prediction ('predict')")
            let inputRoles = law.inputs.map(\.role)
            var rows: [PredictionTable.Row] = []
            if let points {
                let (inputs, observed) = try readPoints(points, law: law, record: source.fit?.input)
                let predicted = law.evaluate(inputs: inputs, parameters: values)
                for i in predicted.indices {
                    let x = inputs.map { $0[i] }
                    let interval = try source.intervals(at: x)
                    var row = PredictionTable.Row(
                        inputs: x, predicted: predicted[i], observed: observed?[i], lower: interval.lower, upper: interval.upper)
                    row.predictionLower = interval.predictionLower
                    row.predictionUpper = interval.predictionUpper
                    rows.append(row)
                }
            } else {
                guard inputRoles == ["N", "D"] else {
                    throw CLIError.incompatibleInputs(law: law.name, inputs: inputRoles)
                }
                let n = try nValues.map { try positive($0, option: "--n", what: "a positive number of parameters such as 7e10") }
                let d = try dValues.map { try positive($0, option: "--d", what: "a positive number of tokens such as 1.4e12") }
                let predicted = law.evaluate(inputs: [n, d], parameters: values)
                for i in predicted.indices {
                    let interval = try source.intervals(at: [n[i], d[i]])
                    var row = PredictionTable.Row(
                        inputs: [n[i], d[i]], predicted: predicted[i], lower: interval.lower, upper: interval.upper)
                    row.predictionLower = interval.predictionLower
                    row.predictionUpper = interval.predictionUpper
                    rows.append(row)
                }
            }
            var table = PredictionTable(
                label: source.label, law: law.name, formula: law.formula, inputs: inputRoles,
                response: law.response.role, rows: rows)
            table.confidenceLevel = source.fit?.bootstrap?.confidenceLevel ?? source.fit?.confidenceLevel ?? 0.95
            table.intervalMethod = source.intervalMethod
            let report = try PredictionRenderer.render(table, format: output.format.report)
            try output.emit(report: report) { Array(try PredictionRenderer.render(table, format: .json).utf8) }
        }
    }

    func positive(_ text: String, option: String, what: String) throws -> Double {
        guard let value = Syntax.number(text), value.isFinite, value > 0 else {
            throw CLIError.invalidNumber(option: option, text: text, expected: what)
        }
        return value
    }

    /// The input columns of a points file (in the law's input order) and its response column
    /// when it has one. A fit's recorded columns (`record`) are read unless --x names another.
    func readPoints(_ path: String, law: any ScalingLaw, record: InputRecord?) throws -> (inputs: [[Double]], observed: [Double]?) {
        // The fit's columns where the points file has them; a response the user named for the
        // fit is never guessed from another column (that would show, say, the C4 loss as the
        // observed value of a fit of hellaswag_bpb).
        let header = try CSVStream(contentsOf: URL(fileURLWithPath: path), separator: separator).header
        var explicit: [String: String] = [:]
        var responseAbsent = false
        if let record {
            for role in record.roles.roles {
                guard let column = record.roles.column(for: role) else { continue }
                if header.contains(column) {
                    explicit[role] = column
                } else if role == law.response.role, case .explicit? = record.roles.origins[role] {
                    responseAbsent = true
                }
            }
        }
        for mapping in roleMappings {
            if let recorded = explicit[mapping.role], recorded != mapping.column {
                Console.note("note: reading \(mapping.role) from '\(mapping.column)'; the fit was made with '\(recorded)'")
            }
            explicit[mapping.role] = mapping.column
        }
        let specification = InputSpecification(
            path: path, separator: separator, columns: explicit, predicates: selection.predicates, filters: selection.filters,
            dropMissing: selection.dropsMissing)
        let inputRoles = law.inputs.map(\.role)
        let response = law.response.role
        var withResponse: InputSelection?
        if !responseAbsent || roleMappings.contains(where: { $0.role == response }) {
            do {
                withResponse = try specification.load(roles: inputRoles + [response])
            } catch DataError.noColumnForRole(_, response, _, _) {
                withResponse = nil
            }
        }
        let selected = try withResponse ?? specification.load(roles: inputRoles)
        let observed = try withResponse.map { try $0.dataset.column(response) }
        for note in selected.roles.notes { Console.note(note) }
        let data = selected.dataset
        let positive = law.inputs.filter(\.mustBePositive).map(\.role)
        try data.requirePositive(positive, reason: "to predict with the \(law.name) law")
        let inputs = try inputRoles.map { try data.column($0) }
        return (inputs, observed)
    }
}
