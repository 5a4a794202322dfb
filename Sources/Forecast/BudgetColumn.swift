import Foundation
import ScalingLaws

extension BudgetList {
    /// FLOP budgets read from a column of a table (`--from-csv FILE --budget-column NAME`), in
    /// file order. Cells are read as `ScalingLaws/NumericCell` reads them (`1e21`, `5.76e23`).
    ///
    /// - Throws: `ScalingLaws/DataError` naming the file, line and column of the first cell
    ///   that is missing, not a number or not positive, and
    ///   ``ForecastError/invalidBudgets(spec:reason:)`` for more than ``maximumCount`` rows.
    public static func column(_ name: String, in table: CSVTable) throws -> [Double] {
        let data = try Dataset(table: table, columns: [name])
        try data.requirePositive([name], reason: "as a FLOP budget")
        let values = try data.column(name)
        guard values.count <= maximumCount else {
            throw ForecastError.invalidBudgets(spec: table.source, reason: "more than \(maximumCount) budgets")
        }
        return values
    }
}
