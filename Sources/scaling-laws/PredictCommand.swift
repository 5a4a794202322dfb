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
            When the file also has a loss column, the observed loss is printed beside the \
            prediction.

            With --fit, each prediction carries two intervals: the confidence interval (CI) of \
            the mean curve, and the prediction interval (PI) of a new run, which adds the fit's \
            residual scatter (in log space for log-space objectives). They come from the \
            bootstrap draws when the fit was saved with 'fit --bootstrap N', else from the \
            delta method on the fit's covariance.

            Examples:
              scaling-laws predict --fit fit.json --n 7e10 --d 1.4e12
              scaling-laws predict --preset epoch2024 --points runs.csv
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
        help: ArgumentHelp("Column of the points file for a variable, as ROLE=COLUMN (repeatable).", valueName: "role=column"),
        transform: Syntax.roleMapping)
    var roleMappings: [RoleMapping] = []

    @Option(
        name: .customLong("sep"),
        help: ArgumentHelp("Field separator of the points file: one character, or 'tab'.", valueName: "char"),
        transform: Syntax.separator)
    var separator: Character?

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func validate() throws {
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
            let source = try lawSource.load()
            let (law, values) = try source.lossLaw(for: "a loss prediction ('predict')")
            let inputRoles = law.inputs.map(\.role)
            var rows: [PredictionTable.Row] = []
            if let points {
                let (inputs, observed) = try readPoints(points, law: law)
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
    /// when it has one.
    func readPoints(_ path: String, law: any ScalingLaw) throws -> (inputs: [[Double]], observed: [Double]?) {
        let table = try CSVTable.read(contentsOf: URL(fileURLWithPath: path), separator: separator)
        var explicit: [String: String] = [:]
        for mapping in roleMappings { explicit[mapping.role] = mapping.column }
        let resolver = ColumnRoleResolver(explicit: explicit)
        let inputRoles = law.inputs.map(\.role)
        let resolved = try resolver.resolve(inputRoles, in: table)
        for note in resolved.notes { Console.note(note) }
        let data = try resolved.dataset(from: table)
        let positive = law.inputs.filter(\.mustBePositive).map(\.role)
        try data.requirePositive(positive, reason: "to predict with the \(law.name) law")
        let inputs = try inputRoles.map { try data.column($0) }

        let response = law.response.role
        let observed: [Double]?
        do {
            let roles = try resolver.resolve([response], in: table)
            observed = try roles.dataset(from: table).column(response)
        } catch DataError.noColumnForRole {
            observed = nil
        }
        return (inputs, observed)
    }
}
