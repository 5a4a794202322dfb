extension LawVariable {
    /// Training compute in FLOP (or Owen's scaled compute) as the input of the benchmark laws
    /// of Owen (2024), which work in `log10 C`.
    public static let benchmarkCompute = LawVariable(
        "C", symbol: "C", unit: "FLOP", summary: "training compute (or Owen's scaled compute); the law uses log10 C")

    /// A benchmark score normalised so that chance = 0 and the best score = 1.
    public static let benchmarkScore = LawVariable(
        "score", symbol: "P", unit: "", summary: "benchmark score normalised so chance = 0 and best = 1", mustBePositive: false)
}
