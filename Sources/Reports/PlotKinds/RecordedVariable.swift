import ScalingLaws

/// The variable a figure's axis names: the column the data were read from, with its unit.
///
/// A law names its response generically (Chinchilla's is "final training loss L (nats/token)"),
/// but the runs may record something else under that role: bits per byte, a benchmark's
/// accuracy, a validation loss. The axis then names the recorded column, and gives a unit only
/// when it is known: the law's own unit when the column is the law's role itself, or the unit
/// the column's name states (`_bpb` → bits/byte). A renamed column whose name states no unit
/// gets none rather than a guess.
enum RecordedVariable {
    /// `variable` as recorded in `data`: unchanged when its role was read from a column of the
    /// same name; otherwise named by the file column, with the unit that name states.
    static func variable(_ variable: LawVariable, in data: Dataset) -> LawVariable {
        let column = data.label(of: variable.role)
        guard column != variable.role else { return variable }
        return LawVariable(
            variable.role, symbol: column, unit: unit(ofColumn: column) ?? "", summary: column,
            mustBePositive: variable.mustBePositive)
    }

    /// The unit a column name states, or `nil`: bits per byte (`bpb`, `bits_per_byte`), bits
    /// per character (`bpc`), nats per token (`nats`), FLOP (`C`, `flops`), or none for accuracies and perplexities
    /// (dimensionless, the empty unit).
    static func unit(ofColumn name: String) -> String? {
        let words = name.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        let has = { (word: String) in words.contains(word) }
        if has("bpb") || (has("bits") && (has("byte") || has("bytes"))) { return "bits/byte" }
        if has("bpc") || (has("bits") && (has("char") || has("character"))) { return "bits/character" }
        if has("nats") { return "nats/token" }
        // Training compute: the toolkit's own compute column `C`, or a name stating FLOP.
        if name == "C" || has("flop") || has("flops") { return "FLOP" }
        if has("acc") || has("accuracy") || has("ppl") || has("perplexity") { return "" }
        return nil
    }
}
