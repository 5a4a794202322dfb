/// A model whose shape and parameter count (and, for some, training FLOP per token) are
/// published, so the accounting can be checked against it and used by name (`model --preset`).
public struct PublishedShape: Sendable, Equatable {
    /// The model's name (`llama2-7B`, `llama3-8B`, the OLMo 2 sizes).
    public var name: String
    /// Its published shape.
    public var shape: TransformerShape
    /// The published parameter count and which of our counts it corresponds to.
    public var parameters: Double
    /// Which of our counts the published number corresponds to.
    public var parameterKind: ParameterCount.Kind
    /// The published training FLOP per token, with the convention it follows.
    public var flopsPerToken: Double?
    /// The convention the published FLOP per token follows, or `nil`.
    public var flopConvention: FlopConvention?
    /// Where the numbers come from.
    public var source: String

    /// The OLMo 2 ladder sizes of Bhagia et al. (2024) and their 3B/7B/13B targets: shapes of
    /// OLMo-core's `olmo2_*` configurations (d_model, layers, heads, FFN = 1.5·(8/3)·d rounded up
    /// to 256, QK-norm, untied, the Dolma 2 vocabulary padded to 100,352, context 4,096), and
    /// `params` (non-embedding) and `flops_per_token` as computed by the authors' code (the
    /// ladder's `model_sizes.csv`, OLMo-ladder `flops_calculation.py`).
    public static let olmo2: [PublishedShape] = {
        let rows: [(String, Int, Int, Int, Double, Double)] = [
            ("olmo2-190M", 768, 12, 12, 190_354_176, 1_903_391_232),
            ("olmo2-370M", 1024, 16, 16, 371_262_464, 3_443_922_944),
            ("olmo2-600M", 1344, 16, 16, 597_382_464, 5_180_751_744),
            ("olmo2-760M", 1536, 16, 16, 758_220_288, 6_373_843_968),
            ("olmo2-1B", 2048, 16, 16, 1_279_395_840, 10_109_071_360),
            ("olmo2-3B", 3328, 16, 16, 3_169_537_280, 22_970_355_200),
            ("olmo2-7B", 4096, 32, 32, 6_887_575_552, 49_412_071_424),
            ("olmo2-13B", 5120, 40, 40, 13_202_396_160, 91_335_915_520),
        ]
        return rows.map { name, d, l, h, params, flops in
            // OLMo-core llama_like: hidden = int(1.5·int(8d/3)) rounded up to 256; the 7B and
            // 13B use Llama 2's 11,008 and 13,824.
            let ffn: Int
            switch name {
            case "olmo2-7B": ffn = 11008
            case "olmo2-13B": ffn = 13824
            default: ffn = (((3 * ((8 * d) / 3)) / 2 + 255) / 256) * 256
            }
            return PublishedShape(
                name: name,
                shape: TransformerShape(layers: l, dModel: d, heads: h, ffn: ffn, gated: true, vocab: 100_352,
                                        context: 4096, tiedEmbeddings: false, qkNorm: true),
                parameters: params, parameterKind: .nonEmbedding, flopsPerToken: flops, flopConvention: .olmo,
                source: "Bhagia et al. 2024 OLMo ladder model_sizes.csv (authors' code)")
        }
    }()

    /// Llama 2 7B (Touvron et al. 2023, Table 1/Sec. 2.2: 32 layers, d = 4,096, 32 heads,
    /// SwiGLU 11,008, vocabulary 32,000, context 4,096, untied): 6,738,415,616 parameters, the
    /// count of the released checkpoint ("7B").
    public static let llama2_7B = PublishedShape(
        name: "llama2-7B",
        shape: TransformerShape(layers: 32, dModel: 4096, heads: 32, ffn: 11008, vocab: 32000, context: 4096),
        parameters: 6_738_415_616, parameterKind: .total, flopsPerToken: nil, flopConvention: nil,
        source: "Touvron et al. 2023 (arXiv:2307.09288); released checkpoint count 6,738,415,616")

    /// Llama 3 8B (Dubey et al. 2024, Table 3: 32 layers, d = 4,096, FFN 14,336, 32 heads,
    /// 8 KV heads, vocabulary 128,256, context 8,192, untied): 8,030,261,248 parameters, the
    /// count of the released checkpoint ("8B").
    public static let llama3_8B = PublishedShape(
        name: "llama3-8B",
        shape: TransformerShape(layers: 32, dModel: 4096, heads: 32, kvHeads: 8, ffn: 14336, vocab: 128_256, context: 8192),
        parameters: 8_030_261_248, parameterKind: .total, flopsPerToken: nil, flopConvention: nil,
        source: "Dubey et al. 2024 (arXiv:2407.21783), Table 3; released checkpoint count 8,030,261,248")

    /// Chinchilla 70B (Hoffmann et al. 2022, Table 4: 80 layers, d = 8,192, 64 heads of 128,
    /// FFN 4·d, vocabulary 32,000, context 2,048). The published "70B" includes Transformer-XL
    /// relative-position weights (d² per layer) and biases that a Llama-style count leaves out.
    public static let chinchilla70B = PublishedShape(
        name: "chinchilla-70B",
        shape: TransformerShape(layers: 80, dModel: 8192, heads: 64, ffn: 32768, gated: false, vocab: 32000, context: 2048),
        parameters: 70e9, parameterKind: .total, flopsPerToken: nil, flopConvention: nil,
        source: "Hoffmann et al. 2022 (arXiv:2203.15556), Table 4")

    /// Every published shape, by name.
    public static let all: [PublishedShape] = olmo2 + [llama2_7B, llama3_8B, chinchilla70B]

    /// The published shape called `name` (case-insensitive).
    public static func named(_ name: String) throws -> PublishedShape {
        guard let shape = all.first(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw PlanningError.unknownPreset(name: name, known: all.map(\.name))
        }
        return shape
    }
}
