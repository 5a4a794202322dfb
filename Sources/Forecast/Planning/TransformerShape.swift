/// The shape of a decoder-only transformer, enough to count its parameters and FLOP.
///
/// Defaults follow today's Llama-style decoders (Touvron et al. 2023): a gated (SwiGLU) FFN of
/// three matrices, untied input and output embeddings, RMSNorm weights (two per layer and one
/// final), no biases, and no positional parameters (rotary). Each is overridable.
public struct TransformerShape: Codable, Sendable, Equatable {
    /// Layers n_layer.
    public var layers: Int
    /// Residual width d_model.
    public var dModel: Int
    /// Query heads.
    public var heads: Int
    /// Key/value heads (grouped-query attention when below `heads`).
    public var kvHeads: Int
    /// Width of one head; `dModel / heads` unless given.
    public var headDim: Int
    /// Hidden size of the dense feed-forward network (ignored when `moe` is set).
    public var ffn: Int
    /// A gated FFN (SwiGLU: three matrices) or a plain one (two).
    public var gated: Bool
    /// Vocabulary size (the embedding rows, padded as trained).
    public var vocab: Int
    /// Training context length n_ctx.
    public var context: Int
    /// Output projection shares the input embedding's weights.
    public var tiedEmbeddings: Bool
    /// Normalisation weights on queries and keys (OLMo 2's QK-norm: one weight per query and key
    /// channel).
    public var qkNorm: Bool
    /// The mixture-of-experts FFN, if any.
    public var moe: MixtureOfExperts?

    /// A shape.
    /// - Parameters:
    ///   - layers: Layers `n_layer`.
    ///   - dModel: Residual width `d_model`.
    ///   - heads: Query heads.
    ///   - kvHeads: Key/value heads, or `nil` for `heads` (no grouped-query attention).
    ///   - headDim: Width of one head, or `nil` for `dModel / heads`.
    ///   - ffn: Hidden size of the dense FFN, or `nil` for the default width.
    ///   - gated: Whether the FFN is gated (default `true`).
    ///   - vocab: Vocabulary size.
    ///   - context: Training context length.
    ///   - tiedEmbeddings: Whether the output head shares the input embedding (default `false`).
    ///   - qkNorm: Whether queries and keys are normalised (default `false`).
    ///   - moe: The mixture-of-experts FFN, or `nil`.
    public init(layers: Int, dModel: Int, heads: Int, kvHeads: Int? = nil, headDim: Int? = nil,
                ffn: Int? = nil, gated: Bool = true, vocab: Int, context: Int,
                tiedEmbeddings: Bool = false, qkNorm: Bool = false, moe: MixtureOfExperts? = nil) {
        self.layers = layers
        self.dModel = dModel
        self.heads = heads
        self.kvHeads = kvHeads ?? heads
        self.headDim = headDim ?? (heads > 0 ? dModel / heads : 0)
        self.gated = gated
        self.ffn = ffn ?? Self.defaultFFN(dModel: dModel, gated: gated)
        self.vocab = vocab
        self.context = context
        self.tiedEmbeddings = tiedEmbeddings
        self.qkNorm = qkNorm
        self.moe = moe
    }

    /// The FFN width a Llama-style decoder uses when none is given: 4·d for a plain FFN;
    /// for a gated one (2/3)·4·d rounded up to a multiple of 256, which keeps its parameter
    /// count at 8·d² (Touvron et al. 2023, following Shazeer 2020).
    public static func defaultFFN(dModel: Int, gated: Bool) -> Int {
        guard gated else { return 4 * dModel }
        let raw = (8 * dModel) / 3
        return ((raw + 255) / 256) * 256
    }

    /// The attention width h·d_head (d_attn in Kaplan et al. 2020, Table 1).
    public var attentionWidth: Int { heads * headDim }

    /// Checks that the shape is one a transformer can have.
    ///
    /// - Throws: `PlanningError` naming the first setting out of range: a non-positive size,
    ///   heads not dividing d_model (when no head width is given), KV heads not dividing heads,
    ///   active experts outside 1…experts.
    public func validate(headDimGiven: Bool = false) throws {
        for (name, value) in [("--layers", layers), ("--d-model", dModel), ("--heads", heads), ("--kv-heads", kvHeads),
                              ("--vocab", vocab), ("--context", context)] where value <= 0 {
            throw PlanningError.notPositive(setting: name, value: value)
        }
        if !headDimGiven, dModel % heads != 0 {
            throw PlanningError.notDividing(setting: "--d-model", value: dModel, divisor: "--heads", by: heads)
        }
        if headDim <= 0 { throw PlanningError.notPositive(setting: "--head-dim", value: headDim) }
        if heads % kvHeads != 0 {
            throw PlanningError.notDividing(setting: "--heads", value: heads, divisor: "--kv-heads", by: kvHeads)
        }
        if let moe {
            if moe.experts < 1 { throw PlanningError.expertsOutOfRange(setting: "--experts", value: moe.experts, range: "at least 1") }
            if moe.active < 1 || moe.active > moe.experts {
                throw PlanningError.expertsOutOfRange(setting: "--active-experts", value: moe.active, range: "1...\(moe.experts) (--experts)")
            }
            if moe.expertFFN < 1 { throw PlanningError.notPositive(setting: "--expert-ffn", value: moe.expertFFN) }
            if moe.shared < 0 { throw PlanningError.expertsOutOfRange(setting: "--shared-experts", value: moe.shared, range: "0 or more") }
        } else if ffn <= 0 {
            throw PlanningError.notPositive(setting: "--ffn", value: ffn)
        }
    }
}
