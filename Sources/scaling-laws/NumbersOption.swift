import ArgumentParser
import Reports

/// `--numbers human|scientific` (see ``Reports/NumberStyle``).
extension NumberStyle: ExpressibleByArgument {}
