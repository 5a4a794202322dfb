import ArgumentParser
import ScalingLaws

/// `--law` and `--lambda` of the commands that fit a curve law (`curve fit`, `curve ladder`).
struct CurveLawOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The law: lr-annealing or multi-power.", valueName: "law"))
    var law: String = "lr-annealing"

    @Option(help: ArgumentHelp("lr-annealing's annealing momentum λ.", valueName: "λ"))
    var lambda: Double = LRAnnealingLaw.defaultLambda

    /// The curve law named by `--law`, with `--lambda` for lr-annealing.
    /// - Throws: `ValidationError` naming `--law` for an unknown name.
    func curveLaw() throws -> CurveLaw {
        guard var curveLaw = CurveLaw(name: law) else {
            throw ValidationError("--law: expected lr-annealing or multi-power, got '\(law)'")
        }
        if case .lrAnnealing = curveLaw { curveLaw = .lrAnnealing(lambda: lambda) }
        return curveLaw
    }
}
