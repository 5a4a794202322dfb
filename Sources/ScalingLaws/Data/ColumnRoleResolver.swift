/// Decides which table column holds each variable a law needs.
///
/// Rules, for each role in the order asked:
///
/// 1. An explicit mapping (from a command-line flag) wins. Its column must exist: an exact name,
///    else the only case-insensitive match.
/// 2. Otherwise the role is inferred from the header by its common names (``commonNames``),
///    ignoring case and treating spaces, hyphens and underscores alike, and skipping columns
///    explicitly given to other roles. A role that is not one of `N`, `D`, `C`, `loss` is matched by
///    its own name. Exactly one column may match; two or more is an error naming them and the
///    flag that settles it.
/// 3. When `loss` is needed and no column matches, the tidy table of points `scaling-laws runs
///    --format csv` writes (a `metric` column naming the logged metric beside its `value`)
///    supplies `value`.
/// 4. When `D` is needed and no column matches, but `C` and `N` can be found (by rules 1–2),
///    `D` is derived as `C / (6N)` (see ``ColumnRoles/Origin/derivedTokens(compute:parameters:)``
///    and ``ColumnRoles/notes``).
///
/// Common names:
///
/// | role | names |
/// | ---- | ----- |
/// | `N` | N, params, n_params, N_params, parameters, model_size, Model Size, num_params |
/// | `D` | D, tokens, D_tokens, n_tokens, train_tokens, data |
/// | `C` | C, flops, C_flop, compute, Training FLOP, training_flops |
/// | `loss` | loss, L, final_loss, val_loss, eval_loss |
public struct ColumnRoleResolver: Sendable, Equatable {
    /// Role name → file column, from flags. Entries for roles not asked for are ignored,
    /// except `C` and `N`, which are used to derive `D`.
    public var explicit: [String: String]

    /// Makes a resolver.
    /// - Parameter explicit: Role name → file column, as given by the user.
    public init(explicit: [String: String] = [:]) {
        self.explicit = explicit
    }

    /// The names each standard role is recognised by.
    public static let commonNames: [String: [String]] = [
        "N": ["N", "params", "n_params", "N_params", "parameters", "model_size", "Model Size", "num_params"],
        "D": ["D", "tokens", "D_tokens", "n_tokens", "train_tokens", "data"],
        "C": ["C", "flops", "C_flop", "compute", "Training FLOP", "training_flops"],
        "loss": ["loss", "L", "final_loss", "val_loss", "eval_loss"],
    ]

    /// The command-line flag that names the column of a role: `--n`, `--d`, `--c`, `--loss`,
    /// or `--x <role>=<column>` for any other role.
    public static func flag(for role: String) -> String {
        switch role {
        case "N": return "--n <column>"
        case "D": return "--d <column>"
        case "C": return "--c <column>"
        case "loss": return "--loss <column>"
        default: return "--x \(role)=<column>"
        }
    }

    /// Resolves roles against a table's header.
    ///
    /// - Parameters:
    ///   - roles: The variables needed, e.g. `["N", "D", "loss"]`.
    ///   - table: The parsed file (only its header and source are used).
    /// - Returns: The origin of every role.
    /// - Throws: ``DataError/missingColumn(source:column:suggestion:available:)`` for an explicit
    ///   column that is not in the header (with the nearest name),
    ///   ``DataError/ambiguousRole(source:role:candidates:flag:)``,
    ///   ``DataError/noColumnForRole(source:role:flag:available:)``, and
    ///   ``DataError/noColumnForTokens(source:flag:available:)``.
    public func resolve(_ roles: [String], in table: CSVTable) throws -> ColumnRoles {
        var unique: [String] = []
        for role in roles where !unique.contains(role) { unique.append(role) }

        // Explicit mappings first, so a misspelt flag is reported before anything is guessed.
        var explicitColumns: [String: String] = [:]
        for (role, column) in explicit.sorted(by: { $0.key < $1.key }) {
            guard unique.contains(role) || role == "C" || role == "N" else { continue }
            explicitColumns[role] = table.header[try table.columnIndex(named: column)]
        }
        let claimed = Set(explicitColumns.values)

        var origins: [String: ColumnRoles.Origin] = [:]
        for role in unique {
            if let column = explicitColumns[role] {
                origins[role] = .explicit(column: column)
                continue
            }
            if let column = try infer(role, in: table, excluding: claimed) {
                origins[role] = .inferred(column: column)
                continue
            }
            if role == "loss", let column = Self.tidyValueColumn(in: table, excluding: claimed) {
                origins[role] = .inferred(column: column)
                continue
            }
            if role == "D" {
                let compute = try explicitColumns["C"] ?? infer("C", in: table, excluding: claimed)
                let parameters = try explicitColumns["N"] ?? infer("N", in: table, excluding: claimed)
                if let compute, let parameters {
                    origins[role] = .derivedTokens(compute: compute, parameters: parameters)
                    continue
                }
                throw DataError.noColumnForTokens(source: table.source, flag: Self.flag(for: role), available: table.header)
            }
            throw DataError.noColumnForRole(
                source: table.source, role: role, flag: Self.flag(for: role), available: table.header)
        }
        return ColumnRoles(source: table.source, roles: unique, origins: origins)
    }

    /// The one column whose name is a common name of `role`, `nil` when none is.
    private func infer(_ role: String, in table: CSVTable, excluding claimed: Set<String>) throws -> String? {
        let names = Set((Self.commonNames[role] ?? [role]).map(Self.normalized))
        let candidates = table.header.filter { !claimed.contains($0) && names.contains(Self.normalized($0)) }
        if candidates.count > 1 {
            throw DataError.ambiguousRole(
                source: table.source, role: role, candidates: candidates, flag: Self.flag(for: role))
        }
        return candidates.first
    }

    /// The `value` column of a tidy table of points (one `metric` column naming what `value`
    /// holds, as `scaling-laws runs --format csv` writes), `nil` when the header is not one.
    private static func tidyValueColumn(in table: CSVTable, excluding claimed: Set<String>) -> String? {
        let value = table.header.filter { !claimed.contains($0) && normalized($0) == "value" }
        guard value.count == 1, table.header.contains(where: { normalized($0) == "metric" }) else { return nil }
        return value[0]
    }

    /// Lowercased, with spaces and hyphens read as underscores.
    static func normalized(_ name: String) -> String {
        String(name.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
    }
}
