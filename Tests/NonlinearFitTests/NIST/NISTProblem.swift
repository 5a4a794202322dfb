import Foundation
import TestSupport

/// An error loading a NIST StRD `.dat` file.
enum NISTProblemError: Error, CustomStringConvertible, Equatable {
    /// The file name is not one of the 27 NIST nonlinear regression problems.
    case unknownModel(name: String, file: String)
    /// `../shared/datasets/nist-strd/<name>.dat` is absent.
    case missingFile(name: String)
    /// The file does not follow the NIST layout; `line` is 1-based when known.
    case malformed(file: String, line: Int?, reason: String)

    var description: String {
        switch self {
        case let .unknownModel(name, file):
            return "\(file): no NIST model is defined for problem '\(name)' (known: \(NISTProblem.names.joined(separator: ", ")))"
        case let .missingFile(name):
            return "NIST StRD file for '\(name)' not found under shared/datasets/nist-strd/"
        case let .malformed(file, line, reason):
            if let line { return "\(file):\(line): \(reason)" }
            return "\(file): \(reason)"
        }
    }
}

/// One NIST StRD nonlinear least-squares problem, parsed from NIST's original `.dat` file.
///
/// Uniform fitting convention: minimise `Σ_row (response[row] − value(row: row, b))²` over
/// `row in 0..<observationCount`. `response` is `y` except for Nelson, whose model predicts
/// `log(y)` (so `response = log(y)`); the certified residual sum of squares refers to that
/// sum. Nelson has two predictors: `x` holds x1 (time) and `x2` holds x2 (temperature); `x2` is
/// `nil` for the other 26 problems.
struct NISTProblem: Sendable {
    /// The problem name, e.g. `"MGH09"` (the file's base name).
    let name: String
    /// "Lower", "Average" or "Higher", from the file's "… Level of Difficulty" line.
    let difficulty: String
    let model: NISTModel
    /// The (first) predictor column.
    let x: [Double]
    /// The second predictor column (Nelson only), else `nil`.
    let x2: [Double]?
    /// The response column as printed in the file.
    let y: [Double]
    /// The first predictor and the response exactly as printed (for evaluation in a precision
    /// above `Double`'s: e.g. 0.05 and 2.5134 are not representable in binary).
    let xText: [String]
    let yText: [String]
    /// What the model predicts: `y`, or `log(y)` for Nelson (`model.responseTransform == .log`).
    let response: [Double]
    /// `[start1, start2]`, each with `model.parameterCount` values.
    let starts: [[Double]]
    let certifiedValues: [Double]
    let certifiedStandardDeviations: [Double]
    let certifiedResidualSumOfSquares: Double
    let certifiedResidualStandardDeviation: Double
    /// The file's "Degrees of Freedom:" entry. This is n − p except in Rat43.dat, which prints 9
    /// although n − p = 11 (its residual standard deviation is √(RSS/11)); use
    /// `observationCount − parameterCount` for statistics.
    let degreesOfFreedom: Int
    /// The file's "Number of Observations:" entry (the parsed columns have `observationCount` rows).
    let declaredObservationCount: Int

    var observationCount: Int { y.count }
    var parameterCount: Int { model.parameterCount }

    /// The model prediction of `response[row]` at parameters `b`.
    func value(row: Int, _ b: [Double]) -> Double {
        model.value(x[row], x2?[row] ?? 0, b)
    }

    /// `∂ value(row:, b) / ∂b_j` into `out[j]`; `out.count` must equal `parameterCount`.
    func gradient(row: Int, _ b: [Double], into out: inout [Double]) {
        model.gradient(x[row], x2?[row] ?? 0, b, &out)
    }

    /// `Σ (response − value)²`, with Neumaier-compensated summation.
    func residualSumOfSquares(at b: [Double]) -> Double {
        var sum = 0.0
        var compensation = 0.0
        for row in 0..<observationCount {
            let r = response[row] - value(row: row, b)
            let term = r * r
            let t = sum + term
            if Swift.abs(sum) >= Swift.abs(term) {
                compensation += (sum - t) + term
            } else {
                compensation += (term - t) + sum
            }
            sum = t
        }
        return sum + compensation
    }

    /// All 27 problems, in the order of NIST's (and the datasets README's) listing: lower
    /// difficulty, then average, then higher.
    static let names: [String] = [
        // Lower
        "Misra1a", "Chwirut2", "Chwirut1", "Lanczos3", "Gauss1", "Gauss2", "DanWood", "Misra1b",
        // Average
        "Kirby2", "Hahn1", "Nelson", "MGH17", "Lanczos1", "Lanczos2", "Gauss3", "Misra1c", "Misra1d",
        "Roszman1", "ENSO",
        // Higher
        "MGH09", "Thurber", "BoxBOD", "Rat42", "MGH10", "Eckerle4", "Rat43", "Bennett5",
    ]

    /// The shared file `nist-strd/<name>.dat`, or `nil` when the shared data folder is absent.
    static func url(named name: String) -> URL? {
        RepositoryPaths.sharedDataset("nist-strd/\(name).dat")
    }

    /// Loads `nist-strd/<name>.dat` from the shared data folder.
    static func load(named name: String) throws -> NISTProblem {
        guard let url = url(named: name) else { throw NISTProblemError.missingFile(name: name) }
        return try load(url)
    }

    /// Parses a NIST StRD nonlinear regression `.dat` file. The model is chosen by the file's base
    /// name (which must also be the "Dataset Name:"); the starting/certified values and data are
    /// read from the line ranges given in the file's header.
    static func load(_ url: URL) throws -> NISTProblem {
        let file = url.lastPathComponent
        let name = url.deletingPathExtension().lastPathComponent
        guard let model = NISTModel.named(name) else {
            throw NISTProblemError.unknownModel(name: name, file: file)
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        var parser = Parser(file: file, text: text)
        return try parser.parse(name: name, model: model)
    }
}

// MARK: - Parsing

private struct Parser {
    let file: String
    /// The file's lines, without line terminators; `lines[k]` is line `k + 1`.
    let lines: [String]

    init(file: String, text: String) {
        self.file = file
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
    }

    func error(_ reason: String, line: Int? = nil) -> NISTProblemError {
        .malformed(file: file, line: line, reason: reason)
    }

    mutating func parse(name: String, model: NISTModel) throws -> NISTProblem {
        // Header.
        let datasetName = try valueAfter(prefix: "Dataset Name:")
        guard datasetName.split(whereSeparator: \.isWhitespace).first.map(String.init) == name else {
            throw error("'Dataset Name: \(datasetName)' does not match the file name '\(name)'")
        }
        let startBlock = try headerBlock("Starting Values")
        let certifiedBlock = try headerBlock("Certified Values")
        let dataBlock = try headerBlock("Data")

        // Difficulty: "<Lower|Average|Higher> Level of Difficulty".
        guard let difficultyLine = lines.firstIndex(where: { $0.contains("Level of Difficulty") }) else {
            throw error("no '… Level of Difficulty' line")
        }
        let difficulty = lines[difficultyLine].split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
        guard ["Lower", "Average", "Higher"].contains(difficulty) else {
            throw error("unrecognised difficulty '\(difficulty)'", line: difficultyLine + 1)
        }

        // Parameters: "bK = start1 start2 certified sd", one per line of the starting-values block.
        let p = startBlock.count
        guard p == model.parameterCount else {
            throw error("the starting-values block (lines \(startBlock.lowerBound)-\(startBlock.upperBound)) has \(p) parameters but the \(name) model has \(model.parameterCount)")
        }
        var start1: [Double] = [], start2: [Double] = [], certified: [Double] = [], sds: [Double] = []
        for (index, lineNumber) in startBlock.enumerated() {
            let line = lines[lineNumber - 1]
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2,
                  parts[0].trimmingCharacters(in: .whitespaces) == "b\(index + 1)" else {
                throw error("expected 'b\(index + 1) = start1 start2 certified sd', found '\(line)'", line: lineNumber)
            }
            let numbers = try parts[1].split(whereSeparator: \.isWhitespace).map { try number($0, line: lineNumber) }
            guard numbers.count == 4 else {
                throw error("expected 4 numbers after 'b\(index + 1) =', found \(numbers.count)", line: lineNumber)
            }
            start1.append(numbers[0]); start2.append(numbers[1])
            certified.append(numbers[2]); sds.append(numbers[3])
        }

        // Certified statistics, within the certified-values block.
        let rss = try number(after: "Residual Sum of Squares:", in: certifiedBlock)
        let rsd = try number(after: "Residual Standard Deviation:", in: certifiedBlock)
        let dof = try integer(after: "Degrees of Freedom:", in: certifiedBlock)
        let declaredCount = try integer(after: "Number of Observations:", in: 1...lines.count)

        // Data: y, then the predictor columns.
        let columns = 1 + model.predictorCount
        var x: [Double] = [], x2: [Double] = [], y: [Double] = []
        var xText: [String] = [], yText: [String] = []
        for lineNumber in dataBlock {
            let fields = lines[lineNumber - 1].split(whereSeparator: \.isWhitespace)
            guard fields.count == columns else {
                throw error("expected \(columns) columns (y then \(model.predictorCount) predictor(s)), found \(fields.count)", line: lineNumber)
            }
            y.append(try number(fields[0], line: lineNumber))
            x.append(try number(fields[1], line: lineNumber))
            yText.append(String(fields[0]))
            xText.append(String(fields[1]))
            if columns == 3 { x2.append(try number(fields[2], line: lineNumber)) }
        }

        let response: [Double]
        switch model.responseTransform {
        case .identity:
            response = y
        case .log:
            if let bad = y.firstIndex(where: { !($0 > 0) }) {
                throw error("log response needs y > 0, found \(y[bad])", line: dataBlock.lowerBound + bad)
            }
            response = y.map { Foundation.log($0) }
        }

        return NISTProblem(
            name: name, difficulty: difficulty, model: model,
            x: x, x2: model.predictorCount == 2 ? x2 : nil, y: y,
            xText: xText, yText: yText, response: response,
            starts: [start1, start2],
            certifiedValues: certified, certifiedStandardDeviations: sds,
            certifiedResidualSumOfSquares: rss, certifiedResidualStandardDeviation: rsd,
            degreesOfFreedom: dof, declaredObservationCount: declaredCount
        )
    }

    /// The text after `prefix` on the first line that starts with it.
    func valueAfter(prefix: String, in range: ClosedRange<Int>? = nil) throws -> String {
        let range = range ?? 1...lines.count
        for lineNumber in range where lines[lineNumber - 1].hasPrefix(prefix) {
            return lines[lineNumber - 1].dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        }
        throw error("no '\(prefix)' line" + (range == 1...lines.count ? "" : " in lines \(range.lowerBound)-\(range.upperBound)"))
    }

    func number(after prefix: String, in range: ClosedRange<Int>) throws -> Double {
        let text = try valueAfter(prefix: prefix, in: range)
        guard let value = Double(text) else { throw error("'\(prefix)' is followed by '\(text)', not a number") }
        return value
    }

    func integer(after prefix: String, in range: ClosedRange<Int>) throws -> Int {
        let text = try valueAfter(prefix: prefix, in: range)
        guard let value = Int(text) else { throw error("'\(prefix)' is followed by '\(text)', not an integer") }
        return value
    }

    /// A full-precision number (`Double(String)` is correctly rounded).
    func number(_ token: Substring, line: Int) throws -> Double {
        guard let value = Double(token), value.isFinite else {
            throw error("'\(token)' is not a finite number", line: line)
        }
        return value
    }

    /// The line range of a header entry such as `Starting Values   (lines 41 to 44)`: the first of
    /// the header's lines (before the data) that contains `label` followed by `(lines A to B)`.
    func headerBlock(_ label: String) throws -> ClosedRange<Int> {
        for (index, line) in lines.prefix(20).enumerated() {
            guard let labelRange = line.range(of: label, options: .caseInsensitive),
                  let open = line.range(of: "(lines", range: labelRange.upperBound..<line.endIndex),
                  let close = line[open.upperBound...].firstIndex(of: ")") else { continue }
            let fields = line[open.upperBound..<close].split(whereSeparator: \.isWhitespace)
            guard fields.count == 3, fields[1] == "to",
                  let first = Int(fields[0]), let last = Int(fields[2]),
                  first >= 1, first <= last, last <= lines.count else {
                throw error("cannot read the line range in '\(line.trimmingCharacters(in: .whitespaces))'", line: index + 1)
            }
            return first...last
        }
        throw error("no '\(label) (lines A to B)' entry in the header")
    }
}
