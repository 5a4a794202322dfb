import NonlinearFit

/// The words every format uses for the state of a fit or a budget, so that text, Markdown,
/// CSV, JSON, LaTeX and HTML say the same thing in the same words.
///
/// - A solver's stop: ``termination(_:)`` (`converged: step size below tolerance`,
///   `stopped: iteration limit reached`, …), the wording of `NonlinearFit/Termination`.
/// - Whether a fit converged: ``convergence(_:)`` (`converged` / `not converged`).
/// - An iso-FLOP budget: ``budget(accepted:)`` (`accepted` / `refused`).
public enum StatusWords {
    /// The sentence for a termination given by its recorded raw value (`max-iterations`), or the
    /// raw value itself when it names no known termination.
    public static func termination(_ raw: String) -> String {
        Termination(rawValue: raw)?.description ?? raw
    }

    /// `converged` or `not converged`.
    public static func convergence(_ converged: Bool) -> String {
        converged ? "converged" : "not converged"
    }

    /// `accepted` or `refused`: whether a budget's minimum was bracketed and used.
    public static func budget(accepted: Bool) -> String {
        accepted ? "accepted" : "refused"
    }
}
