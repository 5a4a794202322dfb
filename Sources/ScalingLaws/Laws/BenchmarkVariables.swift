extension LawVariable {
    /// Training compute in FLOP (or Owen's scaled compute) as the input of the benchmark laws
    /// of Owen (2024), which work in `log10 C`.
    public static let benchmarkCompute = LawVariable(
        "C", symbol: "C", unit: "FLOP", summary: "training compute (or Owen's scaled compute); the law uses log10 C")

    /// A benchmark score normalised so that chance = 0 and the best score = 1.
    public static let benchmarkScore = LawVariable(
        "score", symbol: "P", unit: "", summary: "benchmark score normalised so chance = 0 and best = 1", mustBePositive: false)

    /// A benchmark score in [0, 1] whose floor (chance, or the score of small models) is a
    /// fitted parameter, so raw scores need no normalisation (``SigmoidOffsetLaw``).
    public static let benchmarkScoreWithFloor = LawVariable(
        "score", symbol: "P", unit: "", summary: "benchmark score (floor y0 fitted: chance or small models' score)", mustBePositive: false)
}
