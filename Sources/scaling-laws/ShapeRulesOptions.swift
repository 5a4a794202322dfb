import ArgumentParser
import Forecast

/// The rules for turning a parameter count into transformer shapes, shared by
/// `model --target-params`, `optimal --shapes` and `plan`.
struct ShapeRulesOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Range of d_model / layers, LOW:HIGH.", valueName: "low:high"))
    var aspect: String = "32:192"

    @Option(name: .customLong("shape-head-dim"), help: ArgumentHelp("Head width of proposed shapes.", valueName: "width"))
    var headDim: Int = 128

    @Option(help: ArgumentHelp("d_model of proposed shapes is a multiple of this.", valueName: "m"))
    var multiple: Int = 128

    @Option(name: .customLong("shape-vocab"), help: ArgumentHelp("Vocabulary of proposed shapes.", valueName: "v"))
    var vocab: Int = 32000

    @Option(name: .customLong("shape-context"), help: ArgumentHelp("Context length of proposed shapes.", valueName: "tokens"))
    var context: Int = 4096

    @Option(help: ArgumentHelp("Which count the target is: total or non-embedding.", valueName: "kind"))
    var count: String = "total"

    @Option(help: ArgumentHelp("Largest relative difference from the target, in percent.", valueName: "percent"))
    var tolerance: Double = 2

    func rules() throws -> ShapeRules {
        let range = try FitFile.range(aspect, option: "--aspect", what: "d_model/layers ratios")
        guard let kind = ParameterCount.Kind(rawValue: count), kind != .active else {
            throw CLIError.invalidNumber(option: "--count", text: count, expected: "total or non-embedding")
        }
        guard tolerance > 0, tolerance.isFinite else {
            throw CLIError.invalidNumber(option: "--tolerance", text: "\(tolerance)", expected: "a positive percentage such as 2")
        }
        return ShapeRules(aspect: range, headDim: headDim, multiple: multiple, vocab: vocab, context: context,
                          count: kind, tolerance: tolerance / 100)
    }
}
