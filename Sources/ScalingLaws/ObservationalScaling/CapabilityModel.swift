/// An observational scaling analysis of a models × benchmarks table (Ruan, Maddison and
/// Hashimoto 2024, "Observational Scaling Laws and the Predictability of Language Model
/// Performance", arXiv:2405.10938, Sec. 3):
///
/// 1. missing benchmark cells filled by the authors' iterative rank-1 PCA imputation
///    (``MissingScoreImputation``);
/// 2. capabilities `S_m` = the top `K` principal components of the benchmark scores
///    (``PrincipalComponents``);
/// 3. per family, capabilities log-linear in compute, `S_m ≈ θ_f log C_m + ν_f`
///    (``CapabilityEfficiencies``);
/// 4. per target benchmark, a sigmoid link `E = c + (1 − c)·σ(b + wᵀS)` (``CapabilityLink``);
///    a target that is also a benchmark is predicted from the components of the *other*
///    benchmarks, so it never predicts itself;
/// 5. with a compute cutoff (the authors' backtest: fit on models with compute ≤ the cutoff,
///    predict the larger ones), every step is fitted on the smaller models only and the larger
///    models are predicted from their other benchmarks, with intervals and their coverage.
public struct CapabilityModel: Sendable, Equatable, Codable {
    /// What the analysis was asked to do.
    public struct Settings: Sendable, Equatable, Codable {
        /// The benchmarks whose principal components are the capabilities.
        public var benchmarks: [String]
        /// The benchmarks each predicted through a sigmoid link.
        public var targets: [String]
        /// The number of principal components `K`.
        public var components: Int
        /// Whether benchmark columns are scaled to unit variance before the PCA (the authors: no).
        public var standardize: Bool
        /// Chance level of each target (absent: 0).
        public var chance: [String: Double]
        /// Fit on models with compute ≤ this value and predict the rest; `nil`: fit on all.
        public var cutoff: Double?
        /// Confidence level of the intervals.
        public var level: Double
        /// Whether the held-out new-model intervals come from an inner backtest
        /// (``CapabilityModel/calibrationErrors``) instead of the link's delta method.
        public var calibrated: Bool

        /// Settings.
        ///
        /// - Parameters:
        ///   - benchmarks: The benchmarks of the PCA.
        ///   - targets: The benchmarks to link (default: the benchmarks themselves).
        ///   - components: `K` (the authors use 3 for prediction).
        ///   - standardize: Whether to standardise before the PCA.
        ///   - chance: Chance level per target.
        ///   - cutoff: The compute cutoff of a backtest, or `nil`.
        ///   - level: Confidence level.
        ///   - calibrated: Inner-backtest (split-conformal) held-out intervals; `false`: the link's delta method.
        public init(benchmarks: [String], targets: [String]? = nil, components: Int = 3, standardize: Bool = false,
                    chance: [String: Double] = [:], cutoff: Double? = nil, level: Double = 0.95, calibrated: Bool = true) {
            self.benchmarks = benchmarks
            self.targets = targets ?? benchmarks
            self.components = components
            self.standardize = standardize
            self.chance = chance
            self.cutoff = cutoff
            self.level = level
            self.calibrated = calibrated
        }
    }

    /// One held-out model's prediction of one target.
    public struct HeldOutPrediction: Sendable, Equatable, Codable {
        /// The model.
        public let model: String
        /// Its family.
        public let family: String
        /// Its training compute.
        public let compute: Double?
        /// The target benchmark.
        public let target: String
        /// The observed score.
        public let observed: Double
        /// The prediction with its intervals.
        public let prediction: CapabilityPrediction
        /// Whether the new-model interval holds the observed score.
        public var covered: Bool { prediction.newModelInterval.contains(observed) }
        /// Whether the mean-curve interval holds the observed score.
        public var meanCovered: Bool { prediction.meanInterval.contains(observed) }
    }

    /// Coverage of the held-out predictions of one target.
    public struct Coverage: Sendable, Equatable, Codable {
        /// The target (or "all").
        public let target: String
        /// Predictions scored.
        public let count: Int
        /// Observed scores inside the new-model interval.
        public let covered: Int
        /// Observed scores inside the mean-curve interval.
        public let meanCovered: Int
        /// Mean absolute error of the predicted score.
        public let meanAbsoluteError: Double
    }

    /// The settings.
    public let settings: Settings
    /// The principal components of the benchmarks (fitted rows).
    public let components: PrincipalComponents
    /// Cells of the benchmark columns filled by imputation (fitted rows).
    public let imputedCells: Int
    /// Models the components and links were fitted to.
    public let fittedModels: Int
    /// Models predicted (compute above the cutoff).
    public let heldOutModels: Int
    /// Models left out of a backtest because their compute is unknown.
    public let modelsWithoutCompute: Int
    /// Per-family compute efficiencies of PC 1 (`nil` when too few models have compute).
    public let efficiencies: CapabilityEfficiencies?
    /// One sigmoid link per target.
    public let links: [CapabilityLink]
    /// The held-out predictions (empty without a cutoff).
    public let predictions: [HeldOutPrediction]
    /// Per target, the absolute score errors `|E − Ê|` of the inner backtest behind the calibrated
    /// intervals, sorted (empty without a cutoff or with `calibrated` off).
    ///
    /// The inner backtest repeats the outer one inside the fitted models: sorted by compute, the
    /// smallest `1 − h` of them (`h` = the outer held-out share) refit the whole pipeline
    /// (imputation, components, link) and predict the rest. A held-out model's new-model interval
    /// is then the split-conformal interval (Vovk, Gammerman and Shafer 2005, "Algorithmic
    /// Learning in a Random World"; Lei et al. 2018, JASA 113:1094, Sec. 2.2, split conformal prediction)
    /// `Ê ± q`, clamped to `[c, 1]`, where `q` is the `⌈(m + 1)·level⌉`-th smallest of the `m`
    /// inner errors (the largest when `⌈(m + 1)·level⌉ > m`). The errors are extrapolation
    /// errors (larger models than the fit saw), the situation the backtest asks about.
    public let calibrationErrors: [String: [Double]]

    /// The half-width `q` of the calibrated interval of a target (`nil` without inner errors).
    ///
    /// - Parameter target: The target benchmark.
    /// - Returns: The `⌈(m + 1)·level⌉`-th smallest inner error, or the largest.
    public func calibratedHalfWidth(_ target: String) -> Double? {
        Self.conformalQuantile(calibrationErrors[target] ?? [], level: settings.level)
    }

    /// The `⌈(m + 1)·level⌉`-th smallest of `m` sorted errors, capped at the largest.
    static func conformalQuantile(_ sorted: [Double], level: Double) -> Double? {
        guard let last = sorted.last else { return nil }
        let rank = Int((Double(sorted.count + 1) * level).rounded(.up))
        return rank >= 1 && rank <= sorted.count ? sorted[rank - 1] : last
    }

    /// Runs the analysis.
    ///
    /// - Parameters:
    ///   - table: The models, families, compute and scores.
    ///   - settings: What to fit.
    /// - Throws: ``ObservationalScalingError`` for too few models, too many components, a
    ///   constant benchmark, an invalid chance level or an empty side of the cutoff, and the
    ///   errors of the solvers.
    public init(table: CapabilityTable, settings: Settings) throws {
        let all = Array(0..<table.count)
        var train = all
        var test: [Int] = []
        var noCompute = 0
        if let cutoff = settings.cutoff {
            train = all.filter { (table.compute[$0] ?? .infinity) <= cutoff }
            test = all.filter { table.compute[$0].map { $0 > cutoff } ?? false }
            noCompute = all.filter { table.compute[$0] == nil }.count
            guard !train.isEmpty, !test.isEmpty else {
                throw ObservationalScalingError.emptyHoldout(train: train.count, test: test.count, cutoff: cutoff)
            }
        }
        let main = try Self.capabilities(table: table, benchmarks: settings.benchmarks, train: train, test: test, settings: settings)
        self.settings = settings
        self.components = main.components
        self.imputedCells = main.imputed
        self.fittedModels = train.count
        self.heldOutModels = test.count
        self.modelsWithoutCompute = noCompute
        self.efficiencies = try CapabilityEfficiencies.fit(
            capabilities: main.train, families: train.map { table.families[$0] }, compute: train.map { table.compute[$0] })
        var links: [CapabilityLink] = []
        var predictions: [HeldOutPrediction] = []
        var calibration: [String: [Double]] = [:]
        var innerTrain: [Int] = []
        var innerTest: [Int] = []
        if settings.calibrated, !test.isEmpty {
            let byCompute = train.sorted { (table.compute[$0] ?? 0, $0) < (table.compute[$1] ?? 0, $1) }
            let share = Double(test.count) / Double(train.count + test.count)
            var split = Int((Double(byCompute.count) * (1 - share)).rounded())
            // Models tied in compute stay on one side, as at the outer cutoff.
            while split > 0, split < byCompute.count, table.compute[byCompute[split]] == table.compute[byCompute[split - 1]] { split -= 1 }
            innerTrain = Array(byCompute[..<split])
            innerTest = Array(byCompute[split...])
        }
        for target in settings.targets {
            var benchmarks = settings.benchmarks
            var features = main
            if settings.benchmarks.contains(target) {
                let others = settings.benchmarks.filter { $0 != target }
                guard settings.components <= others.count else {
                    throw ObservationalScalingError.tooFewOtherBenchmarks(target: target, components: settings.components, others: others.count)
                }
                features = try Self.capabilities(table: table, benchmarks: others, train: train, test: test, settings: settings)
                benchmarks = others
            }
            let observed = table.column(target)
            var xs: [[Double]] = []
            var ys: [Double] = []
            for (r, i) in train.enumerated() {
                if let y = observed[i] { xs.append(features.train[r]); ys.append(y) }
            }
            let link = try CapabilityLink(target: target, capabilities: xs, scores: ys, chance: settings.chance[target] ?? 0)
            links.append(link)
            var half: Double?
            if !innerTest.isEmpty, innerTrain.count >= settings.components + 3,
               let inner = try? Self.capabilities(table: table, benchmarks: benchmarks, train: innerTrain, test: innerTest, settings: settings) {
                var ix: [[Double]] = []
                var iy: [Double] = []
                for (r, i) in innerTrain.enumerated() {
                    if let y = observed[i] { ix.append(inner.train[r]); iy.append(y) }
                }
                if let innerLink = try? CapabilityLink(target: target, capabilities: ix, scores: iy, chance: link.chance) {
                    var errors: [Double] = []
                    for (r, i) in innerTest.enumerated() {
                        if let y = observed[i] { errors.append(Swift.abs(y - innerLink.predict(capabilities: inner.test[r], level: settings.level).score)) }
                    }
                    errors.sort()
                    calibration[target] = errors
                    half = Self.conformalQuantile(errors, level: settings.level)
                }
            }
            for (r, i) in test.enumerated() {
                guard let y = observed[i] else { continue }
                var prediction = link.predict(capabilities: features.test[r], level: settings.level)
                if let half {
                    let p = prediction.score
                    prediction = CapabilityPrediction(
                        score: p, eta: prediction.eta, meanInterval: prediction.meanInterval,
                        newModelInterval: Swift.max(p - half, link.chance)...Swift.min(p + half, 1), level: prediction.level)
                }
                predictions.append(HeldOutPrediction(
                    model: table.models[i], family: table.families[i], compute: table.compute[i], target: target,
                    observed: y, prediction: prediction))
            }
        }
        self.links = links
        self.predictions = predictions
        self.calibrationErrors = calibration
    }

    /// Imputation, PCA and the capabilities of the fitted and held-out rows for `benchmarks`.
    static func capabilities(
        table: CapabilityTable, benchmarks: [String], train: [Int], test: [Int], settings: Settings
    ) throws -> (components: PrincipalComponents, imputed: Int, train: [[Double]], test: [[Double]]) {
        guard settings.components <= benchmarks.count else {
            throw ObservationalScalingError.tooManyComponents(components: settings.components, benchmarks: benchmarks.count)
        }
        guard train.count >= settings.components + 1 else {
            throw ObservationalScalingError.tooFewModels(models: train.count, components: settings.components, needed: settings.components + 1)
        }
        let cells = table.cells(benchmarks, rows: train)
        let imputation = try MissingScoreImputation(rows: cells, names: benchmarks)
        let pca = try PrincipalComponents(
            rows: imputation.completed, components: settings.components, standardize: settings.standardize, names: benchmarks)
        let trainScores = imputation.completed.map { pca.scores(of: $0) }
        let testScores = table.cells(benchmarks, rows: test).map { pca.scores(of: imputation.complete($0)) }
        return (pca, imputation.filled, trainScores, testScores)
    }

    /// Coverage per target, then over all targets ("all").
    public var coverage: [Coverage] {
        var out: [Coverage] = []
        for target in settings.targets + ["all"] {
            let rows = target == "all" ? predictions : predictions.filter { $0.target == target }
            guard !rows.isEmpty else { continue }
            var error = 0.0
            for row in rows { error += Swift.abs(row.prediction.score - row.observed) }
            out.append(Coverage(
                target: target, count: rows.count,
                covered: rows.filter(\.covered).count, meanCovered: rows.filter(\.meanCovered).count,
                meanAbsoluteError: error / Double(rows.count)))
        }
        return out
    }
}
