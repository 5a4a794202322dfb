/// The parameters of a transformer shape, counted matrix by matrix (no biases).
///
/// Per layer: attention d·(h + 2·h_kv)·d_head + h·d_head·d (query, key, value, output);
/// feed-forward m·d·d_ff with m = 3 gated, 2 plain (for a mixture of experts: (E + shared)
/// experts of width d_e plus a router d·E); RMSNorm weights 2·d (and (h + h_kv)·d_head with
/// QK-norm). Then a final norm d, the input embedding V·d and, when untied, the output head V·d.
public struct ParameterCount: Codable, Sendable, Equatable {
    /// Every parameter.
    public var total: Double
    /// The input embedding table V·d (the only lookup: it costs no FLOP in the forward pass).
    public var embedding: Double
    /// total − embedding: every parameter that multiplies an activation, including an untied
    /// output head (the "params" of OLMo's code and the usual N of a ladder).
    public var nonEmbedding: Double
    /// Kaplan et al. (2020, Table 1)'s N: the layers' weight matrices only,
    /// `N = n_layer·(d·(h + 2·h_kv)·d_head + h·d_head·d + m·d·d_ff)`, no embeddings, head or norms.
    public var layers: Double
    /// Parameters a token passes through: total less the routed experts it is not sent to.
    public var active: Double
    /// Non-embedding parameters a token passes through.
    public var activeNonEmbedding: Double
    /// Kaplan's N restricted to the experts a token passes through.
    public var activeLayers: Double

    /// Which count a published number or a target refers to.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// ``ParameterCount/total``: every parameter.
        case total
        /// ``ParameterCount/nonEmbedding``: every parameter but the input embedding.
        case nonEmbedding = "non-embedding"
        /// ``ParameterCount/active``: the parameters a token passes through.
        case active
    }

    /// The count of `kind`.
    public func value(_ kind: Kind) -> Double {
        switch kind {
        case .total: return total
        case .nonEmbedding: return nonEmbedding
        case .active: return active
        }
    }

    /// Counts the parameters of `shape`.
    public init(_ shape: TransformerShape) {
        let d = Double(shape.dModel)
        let dh = Double(shape.headDim)
        let h = Double(shape.heads)
        let kv = Double(shape.kvHeads)
        let attention = d * (h + 2 * kv) * dh + h * dh * d
        let m: Double = shape.gated ? 3 : 2
        var ffnAll: Double
        var ffnActive: Double
        if let moe = shape.moe {
            let expert = m * d * Double(moe.expertFFN)
            let router = d * Double(moe.experts)
            ffnAll = Double(moe.experts + moe.shared) * expert + router
            ffnActive = Double(moe.active + moe.shared) * expert + router
        } else {
            ffnAll = m * d * Double(shape.ffn)
            ffnActive = ffnAll
        }
        let norms = 2 * d + (shape.qkNorm ? (h + kv) * dh : 0)
        let l = Double(shape.layers)
        let v = Double(shape.vocab)
        let head = shape.tiedEmbeddings ? 0 : v * d
        embedding = v * d
        layers = l * (attention + ffnAll)
        activeLayers = l * (attention + ffnActive)
        total = l * (attention + ffnAll + norms) + d + embedding + head
        nonEmbedding = total - embedding
        active = total - l * (ffnAll - ffnActive)
        activeNonEmbedding = active - embedding
    }
}
