import Foundation

/// Rules for turning a parameter budget into transformer shapes.
public struct ShapeRules: Codable, Sendable, Equatable {
    /// Range of the aspect ratio d_model / n_layer. Kaplan et al. (2020, Fig. 5) find the loss
    /// within a few percent over aspect ratios 20–200; Llama and OLMo 2 use 64–128.
    public var aspect: ClosedRange<Double>
    /// Width of one attention head (64 or 128 in most models).
    public var headDim: Int
    /// d_model is a multiple of this (hardware tiles: 64 or 128).
    public var multiple: Int
    /// FFN width = ffnRatio·d rounded up to `ffnMultiple` (8/3 for SwiGLU, 4 for a plain FFN).
    public var ffnRatio: Double
    /// The FFN width is rounded up to a multiple of this.
    public var ffnMultiple: Int
    /// Whether the FFN is gated (SwiGLU: three matrices) or plain (two).
    public var gated: Bool
    /// Vocabulary size `V`.
    public var vocab: Int
    /// Context length in tokens.
    public var context: Int
    /// Whether the output head shares the input embedding.
    public var tiedEmbeddings: Bool
    /// Which count the target refers to.
    public var count: ParameterCount.Kind
    /// Largest relative difference from the target accepted.
    public var tolerance: Double

    /// Rules; the defaults are a Llama-like decoder (SwiGLU, head width 128, untied, 32k vocabulary).
    /// - Parameters:
    ///   - aspect: Range of `d_model / n_layer` (default 32–192).
    ///   - headDim: Width of one attention head (default 128).
    ///   - multiple: `d_model` is a multiple of this (default 128).
    ///   - ffnRatio: FFN width over `d_model` before rounding (default 8/3).
    ///   - ffnMultiple: The FFN width is rounded up to a multiple of this (default 256).
    ///   - gated: Whether the FFN is gated (default `true`).
    ///   - vocab: Vocabulary size (default 32,000).
    ///   - context: Context length (default 4,096).
    ///   - tiedEmbeddings: Whether the output head shares the input embedding (default `false`).
    ///   - count: Which parameter count the target refers to (default total).
    ///   - tolerance: Largest relative difference from the target accepted (default 0.02).
    public init(aspect: ClosedRange<Double> = 32...192, headDim: Int = 128, multiple: Int = 128,
                ffnRatio: Double = 8.0 / 3.0, ffnMultiple: Int = 256, gated: Bool = true,
                vocab: Int = 32000, context: Int = 4096, tiedEmbeddings: Bool = false,
                count: ParameterCount.Kind = .total, tolerance: Double = 0.02) {
        self.aspect = aspect
        self.headDim = headDim
        self.multiple = multiple
        self.ffnRatio = ffnRatio
        self.ffnMultiple = ffnMultiple
        self.gated = gated
        self.vocab = vocab
        self.context = context
        self.tiedEmbeddings = tiedEmbeddings
        self.count = count
        self.tolerance = tolerance
    }

    /// The rules in words, for errors and reports.
    public var summary: String {
        let a = String(format: "%g–%g", aspect.lowerBound, aspect.upperBound)
        return "d_model/n_layer in \(a), d_model a multiple of \(multiple), head width \(headDim), FFN \(String(format: "%.4g", ffnRatio))·d rounded up to \(ffnMultiple), \(count.rawValue) parameters"
    }
}

/// One proposed shape for a parameter budget.
public struct ShapeCandidate: Codable, Sendable, Equatable {
    /// The shape.
    public var shape: TransformerShape
    /// Its parameter counts.
    public var parameters: ParameterCount
    /// Counted parameters / target − 1.
    public var relativeError: Double
    /// Its aspect ratio `d_model / n_layer`.
    public var aspect: Double
    /// Training FLOP per token (Hoffmann et al. 2022, App. F) and 6N.
    public var flopsPerToken: Double
    /// `6N`, the common approximation of the same, for comparison.
    public var sixN: Double
}

/// Budget to shape: the shapes whose parameter count is within the tolerance of a target.
public enum ShapeSearch {
    /// Shapes for `target` parameters under `rules`, best first.
    ///
    /// Enumerates d_model over multiples of `lcm(multiple, headDim)` and n_layer from 1 to 256,
    /// keeps those with d/n_layer inside `rules.aspect` and the counted parameters within
    /// `rules.tolerance` of `target`, and ranks them by |log(aspect / a₀)| where a₀ is the
    /// geometric centre of the aspect range (the shape in the middle of the allowed range),
    /// then by the parameter error.
    ///
    /// - Throws: `PlanningError.invalidValue` for a non-positive target,
    ///   `PlanningError.noShape` when nothing fits.
    public static func shapes(for target: Double, rules: ShapeRules, limit: Int = 5) throws -> [ShapeCandidate] {
        guard target > 0, target.isFinite else { throw PlanningError.invalidValue(what: "target parameters", value: target) }
        for (name, v) in [("--head-dim", rules.headDim), ("--multiple", rules.multiple), ("--ffn-multiple", rules.ffnMultiple),
                          ("--vocab", rules.vocab), ("--context", rules.context)] where v <= 0 {
            throw PlanningError.notPositive(setting: name, value: v)
        }
        let step = lcm(rules.multiple, rules.headDim)
        let centre = (rules.aspect.lowerBound * rules.aspect.upperBound).squareRoot()
        var found: [ShapeCandidate] = []
        var d = step
        while d <= 65536 {
            let lo = max(1, Int((Double(d) / rules.aspect.upperBound).rounded(.up)))
            let hi = min(256, Int((Double(d) / rules.aspect.lowerBound).rounded(.down)))
            if lo <= hi {
                for layers in lo...hi {
                    let ffnRaw = rules.ffnRatio * Double(d)
                    let ffn = Int((ffnRaw / Double(rules.ffnMultiple)).rounded(.up)) * rules.ffnMultiple
                    let shape = TransformerShape(layers: layers, dModel: d, heads: d / rules.headDim, ffn: ffn, gated: rules.gated,
                                                 vocab: rules.vocab, context: rules.context, tiedEmbeddings: rules.tiedEmbeddings)
                    let count = ParameterCount(shape)
                    let error = count.value(rules.count) / target - 1
                    guard abs(error) <= rules.tolerance else { continue }
                    let accounting = ModelAccounting(shape)
                    found.append(ShapeCandidate(shape: shape, parameters: count, relativeError: error,
                                                aspect: Double(d) / Double(layers),
                                                flopsPerToken: accounting.flopsPerToken(.hoffmann),
                                                sixN: accounting.flopsPerToken(.sixN)))
                }
            }
            d += step
        }
        guard !found.isEmpty else {
            throw PlanningError.noShape(target: target, tolerance: rules.tolerance, rules: rules.summary)
        }
        found.sort {
            let a = abs(log($0.aspect / centre)), b = abs(log($1.aspect / centre))
            if abs(a - b) > 1e-12 { return a < b }
            return abs($0.relativeError) < abs($1.relativeError)
        }
        return Array(found.prefix(max(1, limit)))
    }

    static func lcm(_ a: Int, _ b: Int) -> Int {
        var x = a, y = b
        while y != 0 { (x, y) = (y, x % y) }
        return a / x * b
    }
}
