import PropertyBased
import Testing

/// Runs a property over inputs drawn from a `swift-property-based` generator with a fixed
/// seed, so every run of the suite checks the same inputs (`propertyCheck` draws a fresh seed
/// each run, which the house rule on determinism forbids in the normal suite).
///
/// Each case gets its own Xoshiro state derived from `seed` and the case index by SplitMix64,
/// and a failing case reports its index and input.
enum SeededProperty {
    static func check<Value, Shrinks: Sequence>(
        seed: UInt64, count: Int, _ generator: Generator<Value, Shrinks>,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: (Value) throws -> Void
    ) {
        for index in 0..<count {
            var state = seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15
            var words: [UInt64] = []
            for _ in 0..<4 { words.append(splitMix(&state)) }
            var rng = Xoshiro(seed: (words[0], words[1], words[2], words[3]))
            let value = generator.run(using: &rng)
            do {
                try body(value)
            } catch {
                Issue.record("case \(index) (seed \(seed)) threw \(error) for input \(value)", sourceLocation: sourceLocation)
            }
        }
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
