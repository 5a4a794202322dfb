import Forecast
import Reports
import ScalingLaws

/// The law-set path shared by `optimal` and `forecast`: every member at each budget, warnings on
/// stderr, the report on stdout.
enum FrontierSetOutput {
    /// Renders the law set at `budgets` through `output` (`optimal`).
    static func emit(_ set: ComputeFrontierSet, budgets: [Double], output: OutputOptions) throws {
        let forecast = try set.forecast(budgets: budgets)
        for warning in forecast.warnings { Console.note("warning: \(warning)") }
        let report = try FrontierSetRenderer.render(forecast, format: output.format.report)
        try output.emit(report: report) { Array(try FrontierSetRenderer.render(forecast, format: .json).utf8) }
    }

    /// Renders the law set at `budgets` in `format` on stdout (`forecast`).
    static func emit(_ set: ComputeFrontierSet, budgets: [Double], format: ReportFormat) throws {
        let forecast = try set.forecast(budgets: budgets)
        for warning in forecast.warnings { Console.note("warning: \(warning)") }
        Console.out(try FrontierSetRenderer.render(forecast, format: format))
    }

    /// A compute-optimal allocation needs a law of (N, D): a law of one variable (a power law of
    /// compute) is refused with the law-set spelling that uses it.
    static func requireTwoInputs(_ law: any ScalingLaw, source: LawSource) throws {
        let roles = law.inputs.map(\.role)
        guard !(roles.contains("N") && roles.contains("D")) else { return }
        throw LawSourceError.cannot(
            source: source.label,
            request: "a compute-optimal allocation from \(law.name) of \(roles.joined(separator: ", ")) alone",
            can: "\(law.name)'s predictions ('predict'); for compute-frontier laws give the set: --frontier-fit N=N_OPT.json --frontier-fit D=D_OPT.json [--frontier-fit loss=FILE], or --preset liang2024")
    }
}
