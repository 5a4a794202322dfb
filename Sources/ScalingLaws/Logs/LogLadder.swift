import Foundation

/// A ladder of training runs read from their logs, one file per run, each reduced to one point
/// (N, D, C, metric), with typed warnings.
///
/// ```swift
/// let ladder = try LogLadder.read(files: urls, sizes: sizes, options: options)
/// let data = try ladder.dataset()   // columns N, D, C, loss, run
/// ```
public struct LogLadder: Sendable {
    /// The runs, in the order of the files.
    public let runs: [LadderRun]
    /// Warnings about the runs, in run order.
    public let warnings: [LogWarning]
    /// The options the ladder was read with.
    public let options: LogReadOptions

    /// Reads every log and reduces each run to a point.
    ///
    /// - Parameters:
    ///   - files: One log per run.
    ///   - sizes: The sizes table joined by the name pattern's size field.
    ///   - options: Metric, columns, reduction.
    ///   - separator: As in ``CSVTable/parse(_:source:separator:)``.
    /// - Throws: ``LogError`` and ``DataError`` naming the file and run.
    public static func read(files: [URL], sizes: SizesTable? = nil, options: LogReadOptions, separator: Character? = nil) throws -> LogLadder {
        guard !options.metric.isEmpty else { throw LogError.noMetric }
        if let pattern = options.namePattern, sizes != nil || options.sizeNamesAsNumbers,
           options.parameterColumn == nil, !pattern.fieldNames.contains(options.sizeField) {
            throw LogError.noSizeField(pattern: pattern.description, field: options.sizeField)
        }
        var runs: [LadderRun] = []
        var warnings: [LogWarning] = []
        var claimed: [String: String] = [:]
        let names = runNames(files)
        for (url, name) in zip(files, names) {
            let (read, readWarnings) = try readRuns(url, name: name, sizes: sizes, options: options, separator: separator)
            for run in read {
                let key = run.metric + "\u{0}" + run.run
                if let first = claimed[key] {
                    throw LogError.duplicateRun(run: run.run, firstSource: first, secondSource: run.path)
                }
                claimed[key] = run.path
            }
            runs += read
            warnings += readWarnings
        }
        let linked = try linkingBranches(runs, given: options.branchOf)
        // An unlinked branch is an error when constant runs were read (its prefix matches none of
        // them); read alone, its end is still a point, with a warning.
        let constantRuns = linked.filter { $0.schedule?.shape == .constant }.map(\.run)
        for run in linked where run.branchOf == nil {
            guard case .decayBranch(let from)? = run.schedule?.shape else { continue }
            if !constantRuns.isEmpty {
                throw LogError.unmatchedBranch(source: run.path, run: run.run, step: from, constantRuns: constantRuns)
            }
            warnings.append(.branchWithoutConstantRun(run: run.run, from: from))
        }
        return LogLadder(runs: linked, warnings: warnings, options: options)
    }

    /// The metrics the ladder holds, in order of first appearance (one unless the metric glob
    /// matched several columns and ``LogReadOptions/eachMetric`` was asked for).
    public var metrics: [String] {
        var seen: [String] = []
        for run in runs where !seen.contains(run.metric) { seen.append(run.metric) }
        return seen
    }

    /// Each file's run name: its file name without extension, or `folder/name` when files in
    /// different folders share a name (a constant run and its decay branch, say).
    static func runNames(_ files: [URL]) -> [String] {
        let stems = files.map { $0.deletingPathExtension().lastPathComponent }
        var counts: [String: Int] = [:]
        for stem in stems { counts[stem, default: 0] += 1 }
        return zip(files, stems).map { url, stem in
            counts[stem, default: 0] > 1 ? url.deletingLastPathComponent().lastPathComponent + "/" + stem : stem
        }
    }

    /// Links each WSD decay branch to the constant-rate run it continues: the run `given` names
    /// (`--branch-of BRANCH=CONSTANT`), else the only constant run of the same metric and N whose
    /// log reaches the branch's first step.
    ///
    /// - Throws: ``LogError/unknownBranchRun(run:option:known:)`` for a mapping naming a run that
    ///   was not read; ``LogError/branchStepNotInRun(branch:step:constantRun:firstStep:lastStep:)``
    ///   when the named constant run does not reach the branch's first step.
    static func linkingBranches(_ runs: [LadderRun], given: [String: String] = [:]) throws -> [LadderRun] {
        let known = runs.map(\.run)
        for (branch, constant) in given.sorted(by: { $0.key < $1.key }) {
            for name in [branch, constant] where !known.contains(name) {
                throw LogError.unknownBranchRun(run: name, option: "--branch-of \(branch)=\(constant)", known: Array(Set(known)).sorted())
            }
        }
        return try runs.map { run in
            var linked = run
            if let constant = given[run.run] {
                let parents = runs.filter { $0.run == constant && $0.metric == run.metric }
                for parent in parents where parent.lastStep < run.firstStep || parent.firstStep > run.firstStep {
                    throw LogError.branchStepNotInRun(
                        branch: run.run, step: run.firstStep, constantRun: constant, firstStep: parent.firstStep, lastStep: parent.lastStep)
                }
                linked.branchOf = constant
                return linked
            }
            guard case .decayBranch(let from)? = run.schedule?.shape else { return run }
            let parents = runs.filter {
                $0.schedule?.shape == .constant && $0.metric == run.metric && $0.parameters == run.parameters
                    && $0.lastStep >= from && $0.firstStep <= from
            }
            guard parents.count == 1 else { return run }
            linked.branchOf = parents[0].run
            return linked
        }
    }

    /// The runs for which `isIncluded` holds, with their warnings.
    public func filtered(_ isIncluded: (LadderRun) -> Bool) -> LogLadder {
        let kept = runs.filter(isIncluded)
        let names = Set(kept.map(\.run))
        return LogLadder(runs: kept, warnings: warnings.filter { names.contains($0.run) }, options: options)
    }

    /// The points as a table, one row per run: `run`, `metric` (when each matching metric is
    /// read), the name pattern's fields, `N`, `D`, `C` and the response under `response`, numbers in their shortest exact form. Rows are
    /// numbered as the runs (line k + 1 is run k), so messages about a row name the run's place.
    public func table(response: String = "loss", source: String = "logs") -> CSVTable {
        let fields = options.namePattern?.fieldNames.filter { !["run", "metric", "N", "D", "C", response].contains($0) } ?? []
        let byMetric = options.eachMetric
        let header = ["run"] + (byMetric ? ["metric"] : []) + fields + ["N", "D", "C", response]
        let rows = runs.map { run in
            [run.run] + (byMetric ? [run.metric] : []) + fields.map { run.fields[$0] ?? "" }
                + [run.parameters, run.tokens, run.compute, run.value].map { "\($0)" }
        }
        return CSVTable(header: header, rows: rows, source: source)
    }

    /// Each point's run as an index (0, 1, …) in order of first appearance: the points of one
    /// run (one per metric) share it.
    public var runIndices: [Int] {
        var index: [String: Int] = [:]
        return runs.map { run in
            if let k = index[run.run] { return k }
            index[run.run] = index.count
            return index.count - 1
        }
    }

    /// The points as a dataset: `N`, `D`, `C`, the response under `response`, `run` (the run's
    /// index, so resampling can keep a run's points together) and every pattern field whose
    /// values are all numbers. Row lines are the runs' positions (1-based).
    public func dataset(response: String = "loss", source: String = "logs") throws -> Dataset {
        var columns: [String: [Double]] = [
            "N": runs.map(\.parameters), "D": runs.map(\.tokens), "C": runs.map(\.compute),
            response: runs.map(\.value), "run": runIndices.map(Double.init),
        ]
        for field in options.namePattern?.fieldNames ?? [] where columns[field] == nil {
            let values = runs.map { $0.fields[field].flatMap(NumericCell.parse) }
            if values.allSatisfy({ $0?.isFinite == true }) { columns[field] = values.map { $0 ?? .nan } }
        }
        var data = try Dataset(source: source, columns: columns, rowLines: runs.indices.map { $0 + 1 })
        data.columnLabels[response] = runs.first?.metric ?? response
        return data
    }

    /// The runs of one file: one run, or one per value of the run column (`--run`); one point per
    /// run and matching metric.
    private static func readRuns(_ url: URL, name fileRun: String, sizes: SizesTable?, options: LogReadOptions, separator: Character?) throws -> ([LadderRun], [LogWarning]) {
        let header = try TrainingLog.header(of: url, separator: separator)
        let source = url.relativePath
        func find(_ given: String?, _ names: [String]) throws -> String? {
            if let given {
                guard let k = ColumnLookup.index(of: given, in: header) else {
                    throw DataError.missingColumn(
                        source: source, column: given, suggestion: ColumnLookup.nearest(to: given, in: header), available: header)
                }
                return header[k]
            }
            return names.lazy.compactMap { ColumnLookup.index(of: $0, in: header) }.first.map { header[$0] }
        }
        let metrics = TrainingLog.columns(matching: options.metric, in: header)
        guard !metrics.isEmpty else {
            throw LogError.noMetricColumn(source: source, metric: options.metric, suggestion: ColumnLookup.nearest(to: options.metric, in: header))
        }
        guard metrics.count == 1 || options.eachMetric else { throw LogError.ambiguousMetric(source: source, metric: options.metric, matches: metrics) }
        let tokensColumn = try find(options.tokensColumn, LogReadOptions.tokensColumnNames)
        let batchColumn = tokensColumn == nil ? try find(options.batchTokensColumn, LogReadOptions.batchTokensColumnNames) : nil
        let flopsColumn = try find(options.flopsColumn, LogReadOptions.flopsColumnNames)
        let rateColumn = try find(options.learningRateColumn, LogReadOptions.learningRateColumnNames)
        let peakColumn = try find(nil, LogReadOptions.peakRateColumnNames)
        let parameterColumn = try find(options.parameterColumn, [])
        let wanted = metrics + [tokensColumn, batchColumn, flopsColumn, rateColumn, peakColumn, parameterColumn].compactMap { $0 }
        let logs = try TrainingLog.read(
            contentsOf: url, runColumn: options.runColumn, columns: wanted, stepColumn: options.stepColumn, separator: separator)
        var runs: [LadderRun] = []
        var warnings: [LogWarning] = []
        for log in logs {
            let run = options.runColumn == nil ? fileRun : log.run
            let stem = options.runColumn == nil ? url.deletingPathExtension().lastPathComponent : log.run
            for metric in metrics {
                let (point, pointWarnings) = try readPoint(
                    log, run: run, stem: stem, metric: metric, source: source, sizes: sizes, options: options,
                    columns: (tokensColumn, batchColumn, flopsColumn, rateColumn, peakColumn, parameterColumn))
                runs.append(point)
                warnings += pointWarnings
            }
        }
        return (runs, warnings)
    }

    /// One run's point for one metric.
    private static func readPoint(
        _ log: TrainingLog, run: String, stem: String, metric: String, source: String, sizes: SizesTable?, options: LogReadOptions,
        columns: (tokens: String?, batch: String?, flops: String?, rate: String?, peak: String?, parameters: String?)
    ) throws -> (LadderRun, [LogWarning]) {
        let (tokensColumn, batchColumn, flopsColumn, rateColumn, peakColumn, parameterColumn) = columns
        var warnings: [LogWarning] = []

        // The metric and the point.
        let values = log.series[metric] ?? []
        let evaluated = values.filter(\.isFinite).count
        guard evaluated > 0 else { throw LogError.noMetricRows(source: source, run: run, metric: metric) }
        let tokenSeries: [Double]?
        let tokensSource: String
        if let tokensColumn, let series = log.series[tokensColumn] {
            tokenSeries = series
            tokensSource = "column \(tokensColumn)"
        } else if let batchColumn, let batch = log.series[batchColumn] {
            tokenSeries = zip(log.steps, batch).map { $0 * $1 }
            tokensSource = "step × \(batchColumn)"
        } else {
            throw LogError.noColumn(source: source, run: run, what: "tokens", flag: "--tokens-column (or --batch-tokens-column)", suggestion: nil)
        }
        guard let (value, index) = options.reduction.reduce(steps: log.steps, tokens: tokenSeries, values: values) else {
            throw LogError.reductionOutOfRange(source: source, run: run, reduction: options.reduction.description)
        }
        let tokens = tokenSeries?[index] ?? .nan
        guard tokens.isFinite, tokens > 0 else {
            throw DataError.notPositive(source: source, line: log.lines[index], column: tokensColumn ?? "tokens", value: tokens,
                                        reason: "for the tokens D of the point")
        }
        if let lastEvaluated = values.lastIndex(where: \.isFinite), lastEvaluated < values.count - 1 {
            warnings.append(.metricMissingAtEnd(run: run, metric: metric, lastEvaluated: log.steps[lastEvaluated], lastStep: log.steps[values.count - 1]))
        }
        if let nanCount = log.notANumberCounts[metric], nanCount > 0 {
            warnings.append(.missingValues(run: run, metric: metric, count: nanCount))
        }

        // The schedule.
        var schedule: RecognizedSchedule?
        if let rateColumn, let rates = log.series[rateColumn] {
            let peak = peakColumn.flatMap { log.series[$0]?.last(where: \.isFinite) }
            schedule = RecognizedSchedule.recognize(steps: log.steps, rates: rates, peak: peak)
        }
        if index < log.steps.count - 1 || !options.reduction.isRunEnd, schedule?.shape != .constant {
            warnings.append(.intermediateCheckpoint(run: run, step: log.steps[index], schedule: schedule?.shape.description ?? "unknown"))
        }

        // N.
        let fields: [String: String]
        if let pattern = options.namePattern {
            guard let matched = pattern.match(stem) else {
                throw LogError.nameDoesNotMatch(source: source, run: stem, pattern: pattern.description)
            }
            fields = matched
        } else {
            fields = [:]
        }
        let parameters: Double
        let parametersSource: String
        var tabledFlopsPerToken: Double?
        if let parameterColumn, let series = log.series[parameterColumn], let n = series.last(where: \.isFinite) {
            parameters = n
            parametersSource = "column \(parameterColumn)"
        } else if let sizes, let size = fields[options.sizeField] {
            guard let entry = sizes.entry(named: size) else {
                throw LogError.unknownSize(source: source, run: run, size: size, table: sizes.source, known: sizes.entries.map(\.name))
            }
            parameters = entry.parameters
            parametersSource = "\(sizes.source): \(entry.name)"
            tabledFlopsPerToken = entry.flopsPerToken
        } else if options.sizeNamesAsNumbers, let size = fields[options.sizeField], let n = NumericCell.parse(size), n.isFinite, n > 0 {
            parameters = n
            parametersSource = "size name \(size)"
            warnings.append(.sizeNameAsNumber(run: run, size: size, parameters: n))
        } else {
            throw LogError.noParameterCount(source: source, run: run)
        }

        // C.
        let sixND = 6 * parameters * tokens
        var compute = sixND
        var computeSource = "6ND"
        if let flopsColumn, let series = log.series[flopsColumn], series[index].isFinite, series[index] > 0 {
            let unit = options.flopsUnit ?? LogReadOptions.unit(ofFlopsColumn: flopsColumn)
            compute = series[index] * unit
            computeSource = "column \(flopsColumn)" + (LogReadOptions.unitName(unit).map { " (\($0))" } ?? "")
        } else if let perToken = tabledFlopsPerToken {
            compute = perToken * tokens
            computeSource = "flops_per_token × D (\(sizes?.source ?? "sizes table"))"
        }
        if computeSource != "6ND", abs(sixND / compute - 1) > 0.10 {
            warnings.append(.computeDisagrees(run: run, used: compute, source: computeSource, sixND: sixND))
        }

        let finalValue = values.last(where: \.isFinite) ?? .nan
        var point = LadderRun(
            run: run, path: log.path, fields: fields, parameters: parameters, parametersSource: parametersSource,
            tokens: tokens, tokensSource: tokensSource, compute: compute, computeSource: computeSource,
            rows: log.steps.count, evaluations: evaluated, firstStep: log.steps[0], lastStep: log.steps[log.steps.count - 1],
            schedule: schedule, metric: metric, value: value, step: log.steps[index], finalValue: finalValue)
        if options.keepCurves, let tokenSeries {
            let kept = values.indices.filter { values[$0].isFinite && tokenSeries[$0].isFinite && tokenSeries[$0] > 0 }
            point.curve = RunCurve(tokens: kept.map { tokenSeries[$0] }, values: kept.map { values[$0] })
        }
        return (point, warnings)
    }
}
