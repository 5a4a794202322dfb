/// The text form of a ``ScheduleSpecification``: comma-separated items, each a word or
/// `key:value` (`key=value` is the same):
///
/// ```
/// cosine,warmup:1000,peak:3e-4,final:0.1,steps:16279
/// wsd:decay=0.2,shape=1-sqrt          (a shape word may carry its first option)
/// wsd,decay-start:9000,shape:cosine,final:0,steps:10000
/// inverse-sqrt,warmup:2000,timescale:2000,steps:100000
/// piecewise,points:0=1;8000=1;10000=0.1,steps:10000
/// ```
///
/// Exactly one shape word: `constant`, `linear`, `cosine`, `wsd`, `inverse-sqrt`, `piecewise`.
/// Options: `warmup` (steps, ≥ 0), `peak` (> 0), `final` (fraction of the peak, 0…1), `steps`
/// (T ≥ 1, above the warm-up), and for `wsd` `decay` (fraction of the steps, 0 < f ≤ 1, default
/// 0.2) or `decay-start` (a step), `shape` (`linear` default, `cosine`, `1-sqrt`); for
/// `inverse-sqrt` `timescale` (steps ≥ 1); for `piecewise` `points` (`step=fraction` pairs
/// separated by `;`, steps increasing). Each option at most once. Errors name the 1-based column.
///
/// ``print(_:)`` writes the canonical form (shape first, then options in the order above,
/// defaults left out except the WSD decay and shape), which parses back to the same value.
public enum ScheduleSyntax {
    /// The largest step count accepted (a schedule is laid out step by step).
    public static let maximumSteps = 100_000_000

    static let shapeWords = ["constant", "linear", "cosine", "wsd", "inverse-sqrt", "piecewise"]
    static let optionKeys = ["warmup", "peak", "final", "steps", "decay", "decay-start", "shape", "timescale", "points"]

    /// Parses a specification.
    /// - Throws: ``ScheduleError/syntax(text:column:expected:)`` naming the column.
    public static func parse(_ text: String) throws -> ScheduleSpecification {
        let chars = Array(text)
        func fail(_ column: Int, _ expected: String) -> ScheduleError {
            .syntax(text: text, column: column, expected: expected)
        }
        // Split into items with their 1-based start columns.
        var items: [(text: [Character], column: Int)] = []
        var start = 0
        for k in 0...chars.count where k == chars.count || chars[k] == "," {
            var a = start, b = k
            while a < b, chars[a] == " " { a += 1 }
            while b > a, chars[b - 1] == " " { b -= 1 }
            items.append((Array(chars[a..<b]), a + 1))
            start = k + 1
        }
        var shapeWord: (String, Int)?
        var options: [String: (value: [Character], column: Int)] = [:]
        var order: [String] = []
        func addOption(_ key: String, _ value: [Character], _ column: Int, _ valueColumn: Int) throws {
            guard optionKeys.contains(key) else {
                throw fail(column, "an option (\(optionKeys.joined(separator: ", "))), got '\(ScheduleError.oneLine(key))'")
            }
            guard options[key] == nil else { throw fail(column, "each option once; '\(key)' is repeated") }
            options[key] = (value, valueColumn)
            order.append(key)
        }
        for item in items {
            guard !item.text.isEmpty else { throw fail(item.column, "a schedule shape or an option, got an empty item") }
            let separator = item.text.firstIndex { $0 == ":" || $0 == "=" }
            let key = String(separator.map { item.text[..<$0] } ?? item.text[...])
            let value = separator.map { Array(item.text[($0 + 1)...]) }
            let valueColumn = item.column + (separator.map { $0 + 1 } ?? item.text.count)
            if shapeWords.contains(key) {
                if let (previous, _) = shapeWord {
                    throw fail(item.column, "one schedule shape; '\(previous)' was already given, got '\(ScheduleError.oneLine(key))'")
                }
                shapeWord = (key, item.column)
                if let value {
                    // `wsd:decay=0.2`: the shape word carries its first option.
                    guard let inner = value.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                        throw fail(valueColumn, "an option such as decay=0.2 after '\(key):'")
                    }
                    try addOption(String(value[..<inner]), Array(value[(inner + 1)...]), valueColumn, valueColumn + inner + 1)
                }
                continue
            }
            guard let value else {
                throw fail(item.column, "a schedule shape (\(shapeWords.joined(separator: ", "))) or key:value, got '\(ScheduleError.oneLine(key))'")
            }
            try addOption(key, value, item.column, valueColumn)
        }
        guard let (word, _) = shapeWord else {
            throw fail(chars.count + 1, "a schedule shape (\(shapeWords.joined(separator: ", ")))")
        }

        func number(_ key: String) throws -> (Double, Int)? {
            guard let (value, column) = options[key] else { return nil }
            let string = String(value)
            guard !string.isEmpty, string.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
                  let x = Double(string), x.isFinite else {
                throw fail(column, "a number after '\(key):', got '\(ScheduleError.oneLine(string))'")
            }
            return (x, column)
        }
        func integer(_ key: String, atLeast lower: Int) throws -> Int? {
            guard let (x, column) = try number(key) else { return nil }
            guard x == x.rounded(), x >= Double(lower), x <= Double(maximumSteps) else {
                throw fail(column, "a whole number of steps from \(lower) to \(maximumSteps) after '\(key):', got \(x)")
            }
            return Int(x)
        }
        func onlyWith(_ keys: [String], _ shape: String) throws {
            for key in keys where word != shape {
                if let (_, column) = options[key] {
                    throw fail(column - key.count - 1, "'\(key)' only with the \(shape) shape")
                }
            }
        }
        try onlyWith(["decay", "decay-start", "shape"], "wsd")
        try onlyWith(["timescale"], "inverse-sqrt")
        try onlyWith(["points"], "piecewise")

        var spec = ScheduleSpecification(shape: .constant)
        spec.warmup = try integer("warmup", atLeast: 0) ?? 0
        if let (peak, column) = try number("peak") {
            guard peak > 0 else { throw fail(column, "a positive peak rate, got \(peak)") }
            spec.peak = peak
        }
        if let (final, column) = try number("final") {
            guard final >= 0, final <= 1 else { throw fail(column, "a final rate between 0 and 1 (a fraction of the peak), got \(final)") }
            spec.final = final
        }
        spec.steps = try integer("steps", atLeast: 1)
        if let steps = spec.steps, steps <= spec.warmup, let (_, column) = options["steps"] {
            throw fail(column, "more steps than the warm-up of \(spec.warmup), got \(steps)")
        }
        switch word {
        case "constant": spec.shape = .constant
        case "linear": spec.shape = .linear
        case "cosine": spec.shape = .cosine
        case "wsd":
            var decay = ScheduleSpecification.WSDDecay.fraction(0.2)
            if options["decay"] != nil, let (_, column) = options["decay-start"] {
                throw fail(column - "decay-start".count - 1, "either decay or decay-start, not both")
            }
            if let (f, column) = try number("decay") {
                guard f > 0, f <= 1 else { throw fail(column, "a decay fraction above 0 and at most 1, got \(f)") }
                decay = .fraction(f)
            }
            if let s = try integer("decay-start", atLeast: 0) {
                if s < spec.warmup || (spec.steps.map { s > $0 } ?? false), let (_, column) = options["decay-start"] {
                    throw fail(column, "a decay start inside the stable phase \(spec.warmup)…\(spec.steps.map(String.init) ?? "T"), got \(s)")
                }
                decay = .start(s)
            }
            var shape = DecayShape.linear
            if let (value, column) = options["shape"] {
                guard let parsed = DecayShape(rawValue: String(value)) else {
                    throw fail(column, "a decay shape (linear, cosine, 1-sqrt), got '\(ScheduleError.oneLine(String(value)))'")
                }
                shape = parsed
            }
            spec.shape = .wsd(decay: decay, shape: shape)
        case "inverse-sqrt":
            spec.shape = .inverseSquareRoot(timescale: try integer("timescale", atLeast: 1))
        default:
            guard let (value, column) = options["points"] else {
                throw fail(chars.count + 1, "points:STEP=FRACTION;… for the piecewise shape")
            }
            var points: [ScheduleSpecification.PiecewisePoint] = []
            var offset = 0
            for pair in value.split(separator: ";", omittingEmptySubsequences: false) {
                let at = column + offset
                offset += pair.count + 1
                let parts = pair.split(separator: "=", omittingEmptySubsequences: false)
                guard parts.count == 2, let step = Double(String(parts[0])), step == step.rounded(), step >= 0,
                      step <= Double(maximumSteps),
                      String(parts[1]).allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
                      let fraction = Double(String(parts[1])), fraction.isFinite, fraction >= 0 else {
                    throw fail(at, "a point STEP=FRACTION (whole step, fraction of the peak ≥ 0), got '\(ScheduleError.oneLine(String(pair)))'")
                }
                if let last = points.last, Int(step) <= last.step {
                    throw fail(at, "points in increasing step order, got step \(Int(step)) after \(last.step)")
                }
                points.append(.init(step: Int(step), fraction: fraction))
            }
            spec.shape = .piecewise(points)
        }
        return spec
    }

    /// The canonical text of a specification.
    public static func print(_ spec: ScheduleSpecification) -> String {
        var items: [String] = []
        switch spec.shape {
        case .constant: items.append("constant")
        case .linear: items.append("linear")
        case .cosine: items.append("cosine")
        case let .wsd(decay, shape):
            items.append("wsd")
            switch decay {
            case let .fraction(f): items.append("decay:\(f)")
            case let .start(s): items.append("decay-start:\(s)")
            }
            items.append("shape:\(shape.rawValue)")
        case let .inverseSquareRoot(timescale):
            items.append("inverse-sqrt")
            if let timescale { items.append("timescale:\(timescale)") }
        case let .piecewise(points):
            items.append("piecewise")
            items.append("points:" + points.map { "\($0.step)=\($0.fraction)" }.joined(separator: ";"))
        }
        if spec.warmup != 0 { items.append("warmup:\(spec.warmup)") }
        if spec.peak != 1 { items.append("peak:\(spec.peak)") }
        if spec.final != 0 { items.append("final:\(spec.final)") }
        if let steps = spec.steps { items.append("steps:\(steps)") }
        return items.joined(separator: ",")
    }
}
