import ArgumentParser

/// `--sep`: the field separator of a table or log, shared by every command that reads one.
struct SeparatorOption: ParsableArguments {
    @Option(
        name: .customLong("sep"),
        help: ArgumentHelp(
            "Field separator: one character, or 'tab'. Default: detected from the header (',', tab or ';').",
            valueName: "char"),
        transform: Syntax.separator)
    var value: Character?
}
