import Foundation

extension CSVTable {
    /// The first of `names` the table has as a column (matched as ``columnIndex(named:)``
    /// matches), or `nil`: a role's column found by its conventional names.
    /// - Parameter names: candidate column names, in order of preference.
    /// - Returns: the first present name, as given in `names`.
    public func firstColumn(among names: [String]) -> String? {
        names.first { (try? columnIndex(named: $0)) != nil }
    }
}
