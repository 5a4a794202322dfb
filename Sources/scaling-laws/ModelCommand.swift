import ArgumentParser
import Forecast
import Foundation
import Reports

/// `scaling-laws model`: parameter and FLOP accounting of a transformer shape, or shapes for a
/// parameter target.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Count a transformer's parameters and training FLOP per token, or propose shapes for a parameter target.",
        discussion: """
            Counts total, non-embedding, embedding, Kaplan (layers only) and active parameters, \
            and the training FLOP per token under four conventions: 6N; Kaplan et al. 2020 \
            (6N + 6·n_layer·n_ctx·d_attn); Hoffmann et al. 2022 App. F (attention, embeddings and \
            logits counted); and OLMo's training code. Defaults follow Llama-style decoders: gated \
            SwiGLU FFN of (8/3)·d rounded up to 256, untied embeddings, no biases.

            With --target-params, proposes shapes whose parameter count is within --tolerance of \
            the target under the shape rules, ranked by closeness to the middle of --aspect.

            Examples:
              scaling-laws model --preset olmo2-190M
              scaling-laws model --layers 32 --d-model 4096 --heads 32 --kv-heads 8 --ffn 14336 \\
                  --vocab 128256 --context 8192
              scaling-laws model --target-params 7B --shape-vocab 32000
            """)

    @Option(help: ArgumentHelp("A published shape: olmo2-190M … olmo2-13B, llama2-7B, llama3-8B, chinchilla-70B.", valueName: "name"))
    var preset: String?

    @Option(help: ArgumentHelp("Layers.", valueName: "n")) var layers: Int?
    @Option(name: .customLong("d-model"), help: ArgumentHelp("Residual width d_model.", valueName: "d")) var dModel: Int?
    @Option(help: ArgumentHelp("Query heads.", valueName: "h")) var heads: Int?
    @Option(name: .customLong("kv-heads"), help: ArgumentHelp("Key/value heads (default: --heads).", valueName: "h")) var kvHeads: Int?
    @Option(name: .customLong("head-dim"), help: ArgumentHelp("Head width (default d_model / heads).", valueName: "w")) var headDim: Int?
    @Option(help: ArgumentHelp("FFN hidden size.", valueName: "size")) var ffn: Int?
    @Option(name: .customLong("ffn-ratio"), help: ArgumentHelp("FFN hidden size as a multiple of d_model.", valueName: "r")) var ffnRatio: Double?
    @Flag(inversion: .prefixedNo, help: "Gated (SwiGLU, three matrices) or plain (two) FFN.") var gated: Bool = true
    @Option(help: ArgumentHelp("Vocabulary size.", valueName: "v")) var vocab: Int = 32000
    @Option(help: ArgumentHelp("Training context length.", valueName: "tokens")) var context: Int = 4096
    @Flag(name: .customLong("tied-embeddings"), help: "The output head shares the input embedding.") var tied: Bool = false
    @Flag(name: .customLong("qk-norm"), help: "Count QK-norm weights (OLMo 2).") var qkNorm: Bool = false
    @Option(help: ArgumentHelp("Routed experts per layer (mixture of experts).", valueName: "e")) var experts: Int?
    @Option(name: .customLong("active-experts"), help: ArgumentHelp("Routed experts per token.", valueName: "k")) var activeExperts: Int?
    @Option(name: .customLong("expert-ffn"), help: ArgumentHelp("Hidden size of one expert.", valueName: "size")) var expertFFN: Int?
    @Option(name: .customLong("shared-experts"), help: ArgumentHelp("Experts every token passes through.", valueName: "s")) var sharedExperts: Int = 0
    @Option(help: ArgumentHelp("Training tokens D: adds the training FLOP under each convention.", valueName: "d")) var tokens: String?

    @Option(name: .customLong("target-params"), help: ArgumentHelp("Propose shapes for this many parameters instead.", valueName: "n"))
    var targetParams: String?
    @Option(help: ArgumentHelp("Shapes listed with --target-params.", valueName: "k")) var limit: Int = 5
    @OptionGroup(title: "Shape rules (--target-params)")
    var rules: ShapeRulesOptions

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func shape() throws -> (TransformerShape, String?) {
        if let preset {
            let published = try PublishedShape.named(preset)
            return (published.shape, published.name)
        }
        guard let layers else { throw CLIError.invalidNumber(option: "--layers", text: "", expected: "a number of layers (or --preset, or --target-params)") }
        guard let dModel else { throw CLIError.invalidNumber(option: "--d-model", text: "", expected: "the residual width d_model") }
        guard let heads else { throw CLIError.invalidNumber(option: "--heads", text: "", expected: "the number of query heads") }
        if ffn != nil, ffnRatio != nil {
            throw CLIError.invalidNumber(option: "--ffn-ratio", text: "\(ffnRatio ?? 0)", expected: "either --ffn or --ffn-ratio, not both")
        }
        var size = ffn
        if let ffnRatio {
            guard ffnRatio > 0, ffnRatio.isFinite else { throw CLIError.invalidNumber(option: "--ffn-ratio", text: "\(ffnRatio)", expected: "a positive multiple of d_model such as 4") }
            size = Int((ffnRatio * Double(dModel)).rounded())
        }
        var moe: MixtureOfExperts?
        if experts != nil || activeExperts != nil || expertFFN != nil {
            guard let experts, let activeExperts, let expertFFN else {
                throw CLIError.invalidNumber(option: "--experts", text: "", expected: "--experts, --active-experts and --expert-ffn together")
            }
            moe = MixtureOfExperts(experts: experts, active: activeExperts, expertFFN: expertFFN, shared: sharedExperts)
        }
        let shape = TransformerShape(layers: layers, dModel: dModel, heads: heads, kvHeads: kvHeads, headDim: headDim, ffn: size,
                                     gated: gated, vocab: vocab, context: context, tiedEmbeddings: tied, qkNorm: qkNorm, moe: moe)
        try shape.validate(headDimGiven: headDim != nil)
        return (shape, nil)
    }

    func run() throws {
        try Console.run {
            if let targetParams {
                let target = try FitFile.positive(targetParams, option: "--target-params", what: "a positive parameter count such as 7B")
                let r = try rules.rules()
                let candidates = try ShapeSearch.shapes(for: target, rules: r, limit: limit)
                let report = ModelReport.shapes(candidates, target: target, rules: r)
                try output.emit(report: try report.render(output.format.report, payload: candidates)) {
                    Array(try report.render(ReportFormat.json, payload: candidates).utf8)
                }
                return
            }
            let (shape, name) = try shape()
            let d = try tokens.map { try FitFile.positive($0, option: "--tokens", what: "a positive number of tokens such as 1.4T") }
            let accounting = ModelAccounting(shape)
            let payload = ModelPayload(accounting: accounting, flopsPerToken: Dictionary(uniqueKeysWithValues: FlopConvention.allCases.map { ($0.rawValue, accounting.flopsPerToken($0)) }), tokens: d)
            let report = ModelReport.make(accounting, name: name, tokens: d)
            try output.emit(report: try report.render(output.format.report, payload: payload)) {
                Array(try report.render(ReportFormat.json, payload: payload).utf8)
            }
        }
    }
}

/// The JSON of `model`: the shape, its counts and the FLOP per token by convention.
struct ModelPayload: Encodable {
    var accounting: ModelAccounting
    var flopsPerToken: [String: Double]
    var tokens: Double?
}
