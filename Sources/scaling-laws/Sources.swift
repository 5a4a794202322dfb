import ArgumentParser
import Forecast
import Foundation
import Reports
import ScalingLaws

/// Where `optimal`, `forecast` and `predict` take their law from (``Forecast/LawSource``): one
/// option group, the same flags in every command. `--fit FILE` reads a fit artifact or an
/// iso-FLOP artifact (told apart by the file's `kind`); `--preset NAME` published constants;
/// `--law NAME|FORMULA` with `--param NAME=VALUE` for each parameter, a law given by value
/// (as in `score`).
struct LawSourceOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "A fit artifact ('scaling-laws fit --output') or an iso-FLOP artifact ('scaling-laws isoflop --output'); the kind is read from the file.",
            valueName: "file"))
    var fit: String?

    @Option(
        help: ArgumentHelp(
            "Published constants instead of a fit: any law's preset ('scaling-laws laws' lists them) or a law set such as liang2024.",
            valueName: "name"))
    var preset: String?

    @Option(
        name: .customLong("frontier-fit"),
        help: ArgumentHelp(
            "A compute-frontier law set from your fits (repeatable): ROLE=FILE with a one-variable fit of compute; roles N (N_opt) and D (D_opt) are required, any other role (loss, FID) is a metric at the optimum.",
            valueName: "role=file"))
    var frontierFits: [String] = []

    @Option(
        help: ArgumentHelp(
            "A law given by value: a catalog name or a formula, with --param NAME=VALUE for every parameter.",
            valueName: "law"))
    var law: String?

    @Option(
        name: .customLong("param"),
        help: ArgumentHelp("The value of a --law parameter (repeatable), e.g. --param alpha=0.34.", valueName: "name=value"))
    var params: [String] = []

    func validate() throws {
        let given = [fit, preset, law].compactMap({ $0 }).count
        if !frontierFits.isEmpty {
            guard given == 0 else { throw ValidationError("--frontier-fit gives a law set by itself: give it without --fit, --preset or --law") }
        } else {
            guard given == 1 else { throw ValidationError("give exactly one of --fit <file>, --preset <name> and --law <law>") }
        }
        if law == nil, !params.isEmpty { throw ValidationError("--param goes with --law") }
    }

    /// The source the options name. `dataConstrained` picks the data-constrained constants of a
    /// preset that has them.
    /// - Throws: as `Reports/LawSource/load(artifactAt:)`, ``Forecast/LawSourceError``, ``CLIError/unknownLaw(name:known:)``,
    ///   ``ScalingLaws/FormulaError``.
    func load(dataConstrained: Bool = false) throws -> LawSource {
        if let fit { return try LawSource.load(artifactAt: fit) }
        if let preset { return try LawSource.preset(preset, dataConstrained: dataConstrained) }
        if !frontierFits.isEmpty { return try frontierSet() }
        let text = law ?? ""
        guard let resolved = try FormulaLaw.catalogOrFormula(text) else {
            throw CLIError.unknownLaw(name: text, known: LawRegistry.names)
        }
        var values: [String: Double] = [:]
        for text in params {
            guard let (name, valueText) = FitFile.pair(text), let value = Syntax.number(valueText), value.isFinite else {
                throw CLIError.invalidNumber(option: "--param", text: text, expected: "NAME=VALUE with a finite number, e.g. alpha=0.34")
            }
            values[name] = value
        }
        return try LawSource.given(resolved, values: values)
    }
}

extension LawSourceOptions {
    /// The law set of `--frontier-fit ROLE=FILE` options: each file a fit of one variable
    /// (compute), its fitted range the range of its input.
    /// - Throws: ``CLIError/invalidNumber(option:text:expected:)`` for a malformed pair, the
    ///   errors of `Reports/LawSource/load(fitArtifactAt:)`, ``Forecast/ComputeFrontierError``.
    func frontierSet() throws -> LawSource {
        var members: [ComputeFrontierSet.Member] = []
        for text in frontierFits {
            guard let (roleText, path) = FitFile.pair(text), !path.isEmpty else {
                throw CLIError.invalidNumber(option: "--frontier-fit", text: text, expected: "ROLE=FILE, e.g. N=n_opt.json or FID=fid.json")
            }
            members.append(ComputeFrontierSet.Member.fitted(role: roleText, source: try LawSource.load(fitArtifactAt: path)))
        }
        let detail = members.map { "\($0.role) from \($0.source.label)" }.joined(separator: "; ")
        return LawSource.lawSet(try ComputeFrontierSet(name: "frontier fits", detail: detail, members: members))
    }
}
