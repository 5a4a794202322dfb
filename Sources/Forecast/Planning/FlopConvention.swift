/// A way of counting the training FLOP (forward and backward) of one token.
///
/// The conventions differ by up to 2× at small sizes, where attention and the vocabulary
/// projection are a large share of the work: OLMo 2's 190M model costs 1.90e9 FLOP per token
/// by its authors' count, against 6N = 1.14e9.
public enum FlopConvention: String, CaseIterable, Codable, Sendable {
    /// `C = 6·N` with N the non-embedding parameters a token passes through (Kaplan et al.
    /// 2020, Sec. 2.1; Hoffmann et al. 2022 use the same 6ND).
    case sixN = "6N"
    /// Kaplan et al. (2020), Table 1 and Eq. 2.2: forward `2N + 2·n_layer·n_ctx·d_attn` with N
    /// their non-embedding count (layers' matrices only), training three times that:
    /// `C = 6N + 6·n_layer·n_ctx·d_attn`.
    case kaplan
    /// Hoffmann et al. (2022), Appendix F: every matrix product counted, including the
    /// embedding and logits, the attention logits and values over the whole n_ctx, and 3 FLOP
    /// per softmax entry; backward = 2 × forward.
    case hoffmann
    /// The count of OLMo's training code (Groeneveld et al. 2024; the `model_sizes.csv` of the
    /// OLMo ladder): forward `2·N_ne + 4·n_layer·n_ctx·d_attn`, backward
    /// `4·N_total + 8·n_layer·n_ctx·d_attn` (the backward pass counts the embedding too).
    case olmo

    /// A label for reports.
    public var label: String {
        switch self {
        case .sixN: return "6N (N = active non-embedding parameters)"
        case .kaplan: return "Kaplan et al. 2020: 6N + 6·n_layer·n_ctx·d_attn"
        case .hoffmann: return "Hoffmann et al. 2022, App. F (attention, embeddings, logits)"
        case .olmo: return "OLMo code: 2·N_ne + 4·N_total + 12·n_layer·n_ctx·d_attn"
        }
    }
}

/// Hoffmann et al. (2022)'s Appendix F count of one forward pass, per token, by component.
///
/// ```
/// embeddings  2·V·d
/// attention   2·d·(h + 2·h_kv)·d_head            (key, query, value projections)
///           + 2·n_ctx·h·d_head                    (key @ query logits)
///           + 3·h·n_ctx                           (softmax)
///           + 2·n_ctx·h·d_head                    (softmax @ value)
///           + 2·h·d_head·d                        (final linear)      per layer
/// dense       2·m·d·d_ff (m = 2 in the paper; 3 for a gated FFN)     per layer
/// logits      2·d·V
/// ```
/// The paper writes the projections as 2·3·d·(d_head·h); with grouped-query attention the key
/// and value projections are h_kv heads wide. For a mixture of experts the dense term counts
/// the active and shared experts and the router (2·d·E).
public struct HoffmannForwardFlops: Codable, Sendable, Equatable {
    /// Embeddings, `2·V·d` FLOP per token.
    public var embeddings: Double
    /// Attention over all layers (projections, QK logits, softmax, softmax @ value, final linear).
    public var attention: Double
    /// Feed-forward over all layers, `L·2·m·d·d_ff` (experts and router for a mixture of experts).
    public var dense: Double
    /// The output logits, `2·d·V`.
    public var logits: Double

    /// Forward FLOP per token: embeddings + attention + dense + logits.
    public var total: Double { embeddings + attention + dense + logits }

    /// The forward count of `shape` (Hoffmann et al. 2022, Appendix F).
    /// - Parameter shape: The transformer's shape.
    public init(_ shape: TransformerShape) {
        let d = Double(shape.dModel)
        let dh = Double(shape.headDim)
        let h = Double(shape.heads)
        let kv = Double(shape.kvHeads)
        let s = Double(shape.context)
        let l = Double(shape.layers)
        let v = Double(shape.vocab)
        let projections = 2 * d * (h + 2 * kv) * dh
        let logitsQK = 2 * s * h * dh
        let softmax = 3 * h * s
        let values = 2 * s * h * dh
        let output = 2 * h * dh * d
        attention = l * (projections + logitsQK + softmax + values + output)
        let m: Double = shape.gated ? 3 : 2
        if let moe = shape.moe {
            dense = l * (2 * m * d * Double(moe.expertFFN) * Double(moe.active + moe.shared) + 2 * d * Double(moe.experts))
        } else {
            dense = l * 2 * m * d * Double(shape.ffn)
        }
        embeddings = 2 * v * d
        logits = 2 * d * v
    }
}

/// Training FLOP per token of a shape under every convention, and its parameter counts.
public struct ModelAccounting: Codable, Sendable, Equatable {
    /// The shape counted.
    public var shape: TransformerShape
    /// Its parameter counts under each convention (``ParameterCount``).
    public var parameters: ParameterCount
    /// Hoffmann et al.'s forward count by component.
    public var hoffmannForward: HoffmannForwardFlops

    /// The accounting of `shape`.
    /// - Parameter shape: The transformer's shape.
    public init(_ shape: TransformerShape) {
        self.shape = shape
        parameters = ParameterCount(shape)
        hoffmannForward = HoffmannForwardFlops(shape)
    }

    /// Training FLOP (forward + backward) per token under `convention`.
    public func flopsPerToken(_ convention: FlopConvention) -> Double {
        let attention = Double(shape.layers) * Double(shape.context) * Double(shape.attentionWidth)
        switch convention {
        case .sixN:
            return 6 * parameters.activeNonEmbedding
        case .kaplan:
            return 6 * parameters.activeLayers + 6 * attention
        case .hoffmann:
            return 3 * hoffmannForward.total
        case .olmo:
            let inactive = parameters.total - parameters.active
            return 2 * parameters.activeNonEmbedding + 4 * (parameters.total - inactive) + 12 * attention
        }
    }
}
