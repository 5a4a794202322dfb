import ArgumentParser
import ScalingLaws

/// How every command that fits a law (`fit`, `backtest`, `compare`, `report`) fits it: objective,
/// Huber threshold, starts, seed and fixed parameters: one option group, one meaning.
struct FitSettingsOptions: ParsableArguments {
    @Option(help: ArgumentHelp("What to minimise (default: the law's own; huber for chinchilla)."))
    var objective: ObjectiveChoice?

    @Option(help: ArgumentHelp("Huber threshold δ for --objective huber (default: 1e-3).", valueName: "delta"))
    var delta: Double?

    @Option(
        help: ArgumentHelp("Starting points: auto, grid, single or lhs:N. (default: auto)", valueName: "strategy"),
        transform: StartChoice.parse)
    var starts: StartChoice = .automatic

    @Option(help: ArgumentHelp(
        "Race more than 64 starts (on: each gets 8 iterations, the best tenth run to convergence; off: every start runs to convergence).",
        valueName: "on|off"))
    var race: RaceChoice = .on

    @Option(help: ArgumentHelp("Seed for random start strategies.", valueName: "n"))
    var seed: UInt64 = 0

    @Option(
        help: ArgumentHelp("Hold a parameter at a value, as NAME=VALUE (repeatable), e.g. --fix alpha=0.34.", valueName: "name=value"),
        transform: Syntax.fixedParameter)
    var fix: [FixedParameter] = []

    func validate() throws {
        if let delta {
            guard objective == nil || objective == .huber else { throw ValidationError("--delta applies only to --objective huber") }
            guard delta.isFinite, delta > 0 else { throw ValidationError("--delta must be a positive number, got \(delta)") }
        }
        var seen: Set<String> = []
        for parameter in fix where !seen.insert(parameter.name).inserted {
            throw ValidationError("--fix \(parameter.name) is given twice")
        }
    }

    /// The fit options for `law`: the library's defaults (``ScalingLaws/LawFitOptions/defaults(for:)``)
    /// with what was given on the command line.
    func options(for law: any ScalingLaw) -> LawFitOptions {
        let choice: ObjectiveChoice? = objective ?? (delta == nil ? nil : .huber)
        var options = LawFitOptions.defaults(for: law)
        switch choice {
        case nil: break
        case .huber?: options.objective = .logHuber(delta: delta ?? 1e-3)
        case .lsq?: options.objective = .leastSquares
        case .logLsq?: options.objective = .logLeastSquares
        }
        options.starts = starts.strategy
        options.racing = race == .on
        options.seed = seed
        for parameter in fix { options.fixed[parameter.name] = parameter.value }
        return options
    }
}

/// `--race on|off`.
enum RaceChoice: String, CaseIterable, ExpressibleByArgument {
    case on
    case off
}

extension Syntax {
    /// `largest:K`, `above:COLUMN=VALUE` or `rollout:COLUMN` for `--holdout`.
    @Sendable static func holdout(_ text: String) throws -> HoldoutRule {
        let expected = "expected largest:K, above:COLUMN=VALUE, after:[COLUMN=]DATE or rollout:COLUMN"
        guard let colon = text.firstIndex(of: ":") else { throw ValidationError("'\(text)': \(expected)") }
        let kind = text[..<colon].lowercased()
        let rest = String(text[text.index(after: colon)...])
        switch kind {
        case "largest":
            guard let count = Int(rest), count >= 1 else {
                throw ValidationError("'\(text)': expected largest:K with a whole number K >= 1")
            }
            return .largest(count: count)
        case "above":
            let (column, valueText) = try pair(rest, separator: "=", expected: "above:COLUMN=VALUE, e.g. above:C=1e20")
            guard let value = number(valueText), value.isFinite else {
                throw ValidationError("'\(text)': '\(valueText)' is not a finite number")
            }
            return .above(column: column, value: value)
        case "after":
            // after:DATE (the column named date) or after:COLUMN=DATE; DATE is YYYY-MM-DD, YYYY-MM or a decimal year.
            var column = "date", dateText = rest
            if let equals = rest.firstIndex(of: "=") {
                column = String(rest[..<equals])
                dateText = String(rest[rest.index(after: equals)...])
            }
            guard !column.isEmpty, let year = ISODate.decimalYear(dateText) ?? number(dateText), year.isFinite else {
                throw ValidationError("'\(text)': '\(dateText)' is not a date: expected after:[COLUMN=]DATE with DATE as YYYY-MM-DD, YYYY-MM or a decimal year such as 2023.5")
            }
            return .after(column: column, year: year)
        case "rollout":
            guard !rest.isEmpty else { throw ValidationError("'\(text)': expected rollout:COLUMN, e.g. rollout:N") }
            return .rollout(column: rest)
        default:
            throw ValidationError("'\(text)': \(expected)")
        }
    }
}
