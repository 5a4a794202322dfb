import Foundation
import ScalingLaws

/// Iso-FLOP runs built from a table of runs, as `scaling-laws isoflop` and `plot --kind isoflop`
/// build them, so that a library user and the notebooks get the same runs as the tool.
///
/// Each row is one run (Hoffmann et al. 2022, §3.2, Approach 2: a sweep of model sizes at each
/// of several fixed compute budgets): `N` (parameters), `loss`, and the run's compute: the
/// value of a budget column (runs grouped by its exact value), else `C = 6·N·D` (Kaplan et
/// al. 2020, §2.1), grouped by relative tolerance (``IsoFlopGrouping``). Tokens `D` are
/// optional with a budget column.
public enum IsoFlopRuns {
    /// The runs of one `--by` group.
    public struct Group: Sendable, Equatable {
        /// The group's value of the `by` column (`all` without grouping).
        public let label: String
        /// Its runs, in row order.
        public let runs: [IsoFlopRun]
    }

    /// Runs read from a file (``IsoFlopRuns/load(_:budgetColumn:)``).
    public struct Selection: Sendable {
        /// The rows read, with filters applied, and their column roles.
        public let input: InputSelection
        /// The budget column in use: the one given, or one found by name, or `nil`.
        public let budgetColumn: String?
        /// Whether ``budgetColumn`` was found by name (``IsoFlopBudgetColumn``) rather than given.
        public let budgetColumnFoundByName: Bool

        /// Every run selected.
        /// - Throws: `ScalingLaws/DataError` for a missing column.
        public func runs() throws -> [IsoFlopRun] {
            try IsoFlopRuns.build(from: input.dataset, roles: input.roles, budgetColumn: budgetColumn)
        }

        /// The runs of each group of the input's `by` column (one group, `all`, without one).
        /// - Throws: `ScalingLaws/DataError` for a missing column.
        public func groups() throws -> [Group] {
            try input.groups().map { group in
                Group(label: group.label, runs: try IsoFlopRuns.build(from: group.dataset, roles: input.roles, budgetColumn: budgetColumn))
            }
        }

        /// How the input's roles were resolved, one note each (e.g. a column found by name).
        public var roleNotes: [String] { input.roles.notes }
    }

    /// The runs of `data`: one per row, with `N` and `loss` from their role columns, `D` when
    /// the roles include it (a measured tokens column), and compute from `budgetColumn` or else
    /// `6·N·D`.
    ///
    /// - Parameters:
    ///   - data: rows with `N`, `loss`, and `D` unless a budget column is given.
    ///   - roles: how the columns were resolved (whether `D` was read from the file).
    ///   - budgetColumn: the column of per-run budgets, or `nil`.
    /// - Returns: the runs, in row order, each with its source line.
    /// - Throws: `ScalingLaws/DataError` for a missing column.
    public static func build(from data: Dataset, roles: ColumnRoles, budgetColumn: String?) throws -> [IsoFlopRun] {
        let n = try data.column("N"), loss = try data.column("loss")
        let hasTokens = roles.roles.contains("D")
        let d = hasTokens ? try data.column("D") : []
        let measuredTokens = roles.column(for: "D") != nil
        let budgets = try budgetColumn.map { try data.column($0) }
        return n.indices.map { k in
            IsoFlopRun(
                parameters: n[k], tokens: measuredTokens ? d[k] : nil, loss: loss[k],
                compute: budgets?[k] ?? 6 * n[k] * d[k], line: data.rowLines[k])
        }
    }

    /// The budget column of the file `specification` reads: `given`, else a column named as in
    /// ``IsoFlopBudgetColumn/names``, else `nil`. Reads the file's header only (through
    /// `ScalingLaws/CSVStream`).
    /// - Throws: `ScalingLaws/DataError` for a file that cannot be read.
    public static func budgetColumn(_ given: String?, for specification: InputSpecification) throws -> String? {
        if let given { return given }
        let stream = try CSVStream(contentsOf: URL(fileURLWithPath: specification.path), separator: specification.separatorCharacter)
        return IsoFlopBudgetColumn.find(in: CSVTable(header: stream.header, rows: [], source: stream.source))
    }

    /// The rows `specification` selects, read by ScalingLaws' input loader (roles, filters,
    /// groups), with the budget column in use. Roles `N`, `D`, `loss`; with a budget column,
    /// `D` is optional (a file without a tokens column reads as `N`, `loss`).
    ///
    /// - Parameters:
    ///   - specification: the file, separator, column roles, filters and grouping.
    ///   - given: the budget column named by the user, or `nil` to look for one by name.
    /// - Returns: the selection, from which ``IsoFlopRuns/Selection/runs()`` and ``IsoFlopRuns/Selection/groups()`` build runs.
    /// - Throws: the errors of `ScalingLaws/InputSpecification/load(roles:extraColumns:categoryColumns:)`,
    ///   naming file, line, column and option.
    public static func load(_ specification: InputSpecification, budgetColumn given: String?) throws -> Selection {
        let budget = try budgetColumn(given, for: specification)
        let extra = [budget].compactMap { $0 }
        let input: InputSelection
        if budget != nil {
            do {
                input = try specification.load(roles: ["N", "D", "loss"], extraColumns: extra)
            } catch let error as DataError {
                switch error {
                case .noColumnForRole, .noColumnForTokens:
                    input = try specification.load(roles: ["N", "loss"], extraColumns: extra)
                default: throw error
                }
            }
        } else {
            input = try specification.load(roles: ["N", "D", "loss"], extraColumns: extra)
        }
        return Selection(input: input, budgetColumn: budget, budgetColumnFoundByName: given == nil && budget != nil)
    }
}
