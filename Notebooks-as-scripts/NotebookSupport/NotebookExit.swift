/// The exit statuses of a notebook script (documented in `Notebooks-as-scripts/README.md`).
public enum NotebookExit: Int32, Sendable {
    /// Every checked row is within its tolerance; the last line is `PASS`.
    case pass = 0
    /// A checked row is out of tolerance or the run threw; the last line is `FAIL: <what>`.
    case fail = 1
    /// A bad command line (sysexits `EX_USAGE`).
    case usage = 64
    /// The shared data is absent: the run was skipped, the last line is `SKIPPED: <what>`
    /// (77 is the Automake convention for a skipped test).
    case skipped = 77
}
