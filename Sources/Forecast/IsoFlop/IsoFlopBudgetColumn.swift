import Foundation
import ScalingLaws

/// The budget column of an iso-FLOP sweep found by name when none is given: the first header
/// that equals (ignoring case) one of ``names``.
public enum IsoFlopBudgetColumn {
    /// Conventional names of a per-run compute-budget column, in order of preference.
    public static let names = ["budget", "flops_budget", "compute_budget"]

    /// The first column of `table` named as in ``names``, or `nil`.
    public static func find(in table: CSVTable) -> String? {
        for name in names {
            if let column = table.header.first(where: { $0.lowercased() == name }) { return column }
        }
        return nil
    }
}
