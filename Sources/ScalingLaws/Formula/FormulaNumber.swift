/// Numbers as formulas write them: the shortest text that reads back as the same double.
enum FormulaNumber {
    /// `3`, `0.5`, `1e-05`, `1.2345678901234568e+17`, `inf`, `-inf`, `nan`: integers below 1e15
    /// without a fraction, otherwise Swift's shortest round-trip form.
    static func text(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == value.rounded(), Swift.abs(value) < 1e15 {
            return value == 0 && value.sign == .minus ? "-0" : String(Int64(value))
        }
        return value.description
    }
}
