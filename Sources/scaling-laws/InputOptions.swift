import ArgumentParser
import Foundation
import ScalingLaws

/// Options shared by commands that read a table of training runs: the file, which column holds
/// each variable, the separator, and row filters.
struct InputOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "CSV (or TSV, semicolon-separated) file of training runs, one run per row; or training logs (files, directories or globs, one run per file, with --metric).",
            valueName: "file"))
    var files: [String]

    @OptionGroup(title: "Training logs")
    var logs: LogOptions

    /// The file of runs (the first argument; with logs, the first log path).
    var file: String { files.first ?? "" }

    /// Whether the arguments are training logs: several files, a directory, or `--metric`.
    var readsLogs: Bool {
        var isDirectory: ObjCBool = false
        let directory = files.count == 1 && FileManager.default.fileExists(atPath: files[0], isDirectory: &isDirectory) && isDirectory.boolValue
        return files.count > 1 || directory || logs.metric != nil
    }

    @OptionGroup
    var columns: ColumnOptions

    @OptionGroup(title: "Rows")
    var selection: RowSelectionOptions

    /// Row filters in the order they apply (after --where): --drop-highest, --drop-lowest,
    /// --range, each in the order given.
    var filters: [RowFilter] { selection.filters }

    /// The file, columns and row selection, as the library reads them.
    var specification: InputSpecification {
        var specification = InputSpecification(
            path: readsLogs ? files.joined(separator: " ") : file, separator: separator, columns: explicitColumns,
            predicates: selection.predicates, filters: selection.filters, by: selection.by,
            dropMissing: selection.dropsMissing)
        if readsLogs {
            specification.logs = LogInput(paths: files, sizes: logs.sizes, options: logs.readOptions)
        }
        return specification
    }

    /// Role → file column, from --n, --d, --c, --loss and --x.
    var explicitColumns: [String: String] { columns.explicitColumns }

    /// The field separator, when given.
    var separator: Character? { columns.separator }

    /// Reads the rows and columns `law` needs (``ScalingLaws/InputSpecification``), streaming.
    /// Notes about derived columns go to standard error. `extraColumns` are more file columns
    /// carried under their own names; `categoryColumns` are carried as category codes (text allowed).
    ///
    /// - Throws: ``DataError`` or ``InputError`` naming the file, line, column and option.
    func selection(for law: any ScalingLaw, extraColumns: [String] = [], categoryColumns: [String] = []) throws -> InputSelection {
        let selected = try specification.load(for: law, extraColumns: extraColumns, categoryColumns: categoryColumns)
        for note in selected.roles.notes { Console.note(note) }
        if selected.missingDropped > 0 {
            Console.note("note: --drop-missing dropped \(selected.missingDropped) row\(selected.missingDropped == 1 ? "" : "s") with an empty cell in \(selected.missingColumns.joined(separator: ", ")); \(selected.dataset.count) kept")
        }
        for warning in selected.logWarnings { Console.note("warning: \(warning)") }
        return selected
    }

    /// The selected rows as one dataset (``selection(for:extraColumns:categoryColumns:)``).
    func dataset(for law: any ScalingLaw, extraColumns: [String] = [], categoryColumns: [String] = []) throws -> Dataset {
        try selection(for: law, extraColumns: extraColumns, categoryColumns: categoryColumns).dataset
    }
}

/// `ROLE=COLUMN` from `--x`.
struct RoleMapping: Sendable, Equatable {
    let role: String
    let column: String
}
