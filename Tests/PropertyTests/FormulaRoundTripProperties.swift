import PropertyBased
import ScalingLaws
import Testing

/// Printing a formula tree and parsing the text gives the same tree, and printing is a fixed
/// point: parse(print(t)) == t and print(parse(print(t))) == print(t).
@Suite("formula round trip (property)")
struct FormulaRoundTripProperties {
    /// Literals that stress the printer: signs, a negative zero, integers near the 1e15 switch
    /// to exponent form, subnormals and the extremes of `Double`.
    static let literals: [Double] = [
        0, -0.0, 1, 2, -2, 0.5, -0.5, 3.25, 1e-3, -1e-3, 6, 1e15, 999_999_999_999_999, 1.5e15, 1e22, 1e-300,
        5e-324, -5e-324, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0.1, 1.0 / 3.0, 406.4, 0.34,
    ]
    static let names = ["N", "D", "C", "E", "A", "alpha", "beta_2", "_x"]

    /// A random tree of depth at most 6 over every node kind, drawn from a seed.
    static let tree = Gen.uint64().map { seed -> FormulaExpression in
        var rng = SplitMix(state: seed)
        return build(depth: 6, rng: &rng)
    }

    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static func build(depth: Int, rng: inout SplitMix) -> FormulaExpression {
        let kind = depth == 0 ? rng.below(2) : rng.below(12)
        switch kind {
        case 0: return .number(literals[rng.below(literals.count)])
        case 1: return .name(names[rng.below(names.count)])
        case 2: return .negate(build(depth: depth - 1, rng: &rng))
        case 3: return .add(build(depth: depth - 1, rng: &rng), build(depth: depth - 1, rng: &rng))
        case 4: return .subtract(build(depth: depth - 1, rng: &rng), build(depth: depth - 1, rng: &rng))
        case 5: return .multiply(build(depth: depth - 1, rng: &rng), build(depth: depth - 1, rng: &rng))
        case 6: return .divide(build(depth: depth - 1, rng: &rng), build(depth: depth - 1, rng: &rng))
        case 7, 8: return .power(build(depth: depth - 1, rng: &rng), build(depth: depth - 1, rng: &rng))
        case 9:
            let function = FormulaFunction.userFunctions[rng.below(FormulaFunction.userFunctions.count)]
            let arguments = (0..<function.arity).map { _ in build(depth: depth - 1, rng: &rng) }
            return .call(function, arguments)
        default: return .name(names[rng.below(names.count)])
        }
    }

    @Test("parse(print(t)) == t and printing is a fixed point")
    func roundTrip() throws {
        SeededProperty.check(seed: 0xF0_4D, count: 2000, Self.tree) { tree in
            let printed = tree.description
            let parsed = try FormulaParser.parse(printed)
            #expect(parsed == tree, "\(printed)")
            #expect(parsed.description == printed)
        }
    }

    @Test("a deep chain of signs prints to text within the nesting limit", arguments: [1, 2, 49, 50, 99, 100])
    func signChains(depth: Int) throws {
        // `-` repeated `depth` times before x: parses at every depth up to the limit, and the
        // printed form must parse too (printing must not add nesting the source did not have).
        let text = String(repeating: "-", count: depth) + "x"
        let parsed = try FormulaParser.parse(text)
        let reparsed = try FormulaParser.parse(parsed.description)
        #expect(reparsed == parsed)
    }
}
