import ArgumentParser
import Foundation
import ScalingLaws

/// Options of user-written laws (`--law 'E + A/N^alpha + B/D^beta'` or `--law @FILE`):
/// parameter declarations, inputs and response. The formula language and the law file format
/// are parsed by ``ScalingLaws/FormulaLawDefinition``; this group only collects the text.
struct FormulaOptions: ParsableArguments {
    @Option(
        name: .customLong("param"),
        help: ArgumentHelp(
            "Bounds and start of a formula parameter (repeatable): 'NAME in [LOWER, UPPER] start VALUE'.",
            discussion: """
                Either part may be left out; bounds may be -inf or inf. 'start [LOW, HIGH]' starts at \
                the midpoint and adds the parameter to the --starts grid. E.g. --param 'alpha in [0, 2] \
                start 0.3'. A linear coefficient with a lower bound >= 0 and no upper bound is fitted as \
                its logarithm, which keeps it positive.
                """,
            valueName: "declaration"))
    var declarations: [String] = []

    @Option(
        name: .customLong("inputs"),
        help: ArgumentHelp(
            "The formula's inputs, as comma-separated names (default: those of N, D, C it uses).",
            valueName: "names"))
    var inputs: String?

    @Option(
        name: .customLong("response"),
        help: ArgumentHelp("The formula's response variable (default: loss).", valueName: "name"))
    var response: String?

    /// Whether any option of the group was given.
    var isUsed: Bool { !declarations.isEmpty || inputs != nil || response != nil }

    /// The law `text` names: a catalog law, a formula (`NAME: FORMULA` names it), or `@FILE`
    /// holding a formula law.
    ///
    /// - Throws: ``CLIError/unknownLaw(name:known:)`` for text that is neither a catalog name
    ///   nor a formula, ``ScalingLaws/DataError`` for a law file that cannot be read,
    ///   ``ScalingLaws/FormulaError`` for a formula, file or option that does not read or fit.
    func law(_ text: String) throws -> any ScalingLaw {
        if let law = LawRegistry.law(named: text) { return law }
        var definition: FormulaLawDefinition
        if text.hasPrefix("@") {
            let path = String(text.dropFirst())
            definition = try FormulaLawDefinition.parseFile(try Self.read(path), source: URL(fileURLWithPath: path).lastPathComponent)
        } else if FormulaLaw.looksLikeFormula(text) {
            definition = try FormulaLawDefinition.commandLine(text)
        } else {
            throw CLIError.unknownLaw(name: text, known: LawRegistry.names)
        }
        definition = try definition.overriding(
            inputs: try inputs.map { try FormulaLawDefinition.names($0, list: "--inputs") },
            response: response,
            declarations: try declarations.map(FormulaParameterDeclaration.parse))
        return try FormulaLaw(definition)
    }

    /// The text of a law file.
    static func read(_ path: String) throws -> String {
        let data = try DataFile.read(path)
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataError.notUTF8(source: URL(fileURLWithPath: path).lastPathComponent)
        }
        return text
    }
}
