import Foundation

/// Where each variable a law needs comes from in a table: the outcome of
/// ``ColumnRoleResolver/resolve(_:in:)``.
///
/// Roles are variable names: `N` (parameters), `D` (training tokens), `C` (training compute in
/// FLOP), `loss`, or any name a formula law uses.
public struct ColumnRoles: Sendable, Equatable, Codable {
    /// How one role is read.
    public enum Origin: Sendable, Equatable, Codable {
        /// Named by the user (a `--n`, `--d`, `--c`, `--loss` or `--x name=column` flag).
        case explicit(column: String)
        /// Found by its common name (see ``ColumnRoleResolver/commonNames``).
        case inferred(column: String)
        /// `D` computed per row from compute and parameters, by the Kaplan/Chinchilla
        /// approximation of training compute:
        ///
        /// ```
        /// C = 6 N D   ⇒   D = C / (6 N)
        /// ```
        case derivedTokens(compute: String, parameters: String)
    }

    /// The file name used in messages.
    public let source: String
    /// The roles asked for, in order.
    public let roles: [String]
    /// The origin of each role in ``roles``.
    public let origins: [String: Origin]

    /// Makes a mapping; ``ColumnRoleResolver`` is the usual way to get one.
    public init(source: String, roles: [String], origins: [String: Origin]) {
        self.source = source
        self.roles = roles
        self.origins = origins
    }

    /// The file column a role is read from, or `nil` when it is derived or unknown.
    public func column(for role: String) -> String? {
        switch origins[role] {
        case let .explicit(column)?, let .inferred(column)?: return column
        case .derivedTokens?, nil: return nil
        }
    }

    /// One line per derived role, for the user to see on the diagnostics stream, e.g.
    /// `D derived from C_flop and N_params as D = C/(6N)`.
    public var notes: [String] {
        roles.compactMap { role in
            guard case let .derivedTokens(compute, parameters)? = origins[role] else { return nil }
            return "\(role) derived from \(compute) and \(parameters) as D = C/(6N)"
        }
    }

    /// Reads the roles from a table into a dataset keyed by role name (`N`, `D`, `loss`, …).
    ///
    /// Each role's column is converted with ``Dataset/init(table:columns:)``; derived `D` is
    /// `C / (6 N)` row by row, after checking that `C` and `N` are positive. The dataset's
    /// ``Dataset/columnLabels`` remember the file column of each role for messages.
    ///
    /// - Parameters:
    ///   - table: The table the roles were resolved in.
    ///   - extraColumns: More file columns to carry under their own names (for example the
    ///     columns row filters read). Names equal to a role are skipped: the role is already there.
    /// - Throws: every error of ``Dataset/init(table:columns:)``, and
    ///   ``DataError/notPositive(source:line:column:value:reason:)`` for a `C` or `N` that
    ///   cannot give `D`.
    public func dataset(from table: CSVTable, extraColumns: [String] = []) throws -> Dataset {
        try dataset(fromFileColumns: Dataset(table: table, columns: fileColumns(extraColumns: extraColumns)), extraColumns: extraColumns)
    }

    /// As ``dataset(from:extraColumns:)``, reading the file streaming (``Dataset/init(contentsOf:columns:source:separator:)``):
    /// only the needed columns are converted, and the file's text is never held whole.
    ///
    /// - Parameters:
    ///   - url: The file the roles were resolved in (from its ``CSVStream/header``).
    ///   - source: The name used in messages; `nil` uses the file name.
    ///   - separator: As in ``CSVTable/parse(_:source:separator:)``.
    ///   - extraColumns: As in ``dataset(from:extraColumns:)``.
    public func dataset(
        contentsOf url: URL, source: String? = nil, separator: Character? = nil, extraColumns: [String] = []
    ) throws -> Dataset {
        let raw = try Dataset(
            contentsOf: url, columns: fileColumns(extraColumns: extraColumns), source: source, separator: separator)
        return try dataset(fromFileColumns: raw, extraColumns: extraColumns)
    }

    /// The file columns to read: each role's column (or the `C` and `N` a derived `D` needs),
    /// then the extra columns.
    func fileColumns(extraColumns: [String]) -> [String] {
        var fileColumns: [String] = []
        for role in roles {
            switch origins[role] {
            case let .explicit(column)?, let .inferred(column)?:
                fileColumns.append(column)
            case let .derivedTokens(compute, parameters)?:
                fileColumns.append(contentsOf: [compute, parameters])
            case nil:
                break
            }
        }
        return fileColumns + extraColumns.filter { !roles.contains($0) }
    }

    /// The role columns from the file columns read by ``fileColumns(extraColumns:)``.
    func dataset(fromFileColumns raw: Dataset, extraColumns: [String]) throws -> Dataset {
        let extras = extraColumns.filter { !roles.contains($0) }
        var columns: [String: [Double]] = [:]
        var labels: [String: String] = [:]
        for role in roles {
            switch origins[role] {
            case let .explicit(column)?, let .inferred(column)?:
                let key = try raw.resolvedName(column)
                columns[role] = raw.columns[key]
                if key != role { labels[role] = key }
            case let .derivedTokens(compute, parameters)?:
                let reason = "to derive \(role) = C/(6N)"
                try raw.requirePositive([compute, parameters], reason: reason)
                let c = try raw.column(compute)
                let n = try raw.column(parameters)
                var d = [Double](repeating: 0, count: raw.count)
                for r in 0..<raw.count { d[r] = c[r] / (6 * n[r]) }
                columns[role] = d
            case nil:
                break
            }
        }
        for name in extras {
            let key = try raw.resolvedName(name)
            columns[key] = raw.columns[key]
        }
        var result = try Dataset(source: raw.source, columns: columns, rowLines: raw.rowLines)
        result.columnLabels = labels
        return result
    }
}
