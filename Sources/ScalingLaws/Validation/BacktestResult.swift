import Foundation

/// The outcome of a backtest: one fit per fold, the prediction of every held-out run, and
/// error summaries by extrapolation distance.
public struct BacktestResult: Sendable, Codable, Equatable {
    /// One training/held-out split.
    public struct Fold: Sendable, Codable, Equatable {
        /// The fold's index, from 0.
        public let index: Int
        /// Rows the fold's law was fitted to.
        public let trainingRows: Int
        /// Rows held out and predicted.
        public let heldOutRows: Int
        /// The largest training value of the distance variable.
        public let trainingMaximum: Double
        /// Fitted law values (law order), or `nil` when the fit threw.
        public let parameters: [Double]?
        /// Whether the fold's fit converged.
        public let converged: Bool
        /// Why the fit failed, when it did.
        public let failure: String?
    }

    /// One held-out run.
    public struct Prediction: Sendable, Codable, Equatable {
        /// The index of the fold that held the run out.
        public let fold: Int
        /// The file line of the run.
        public let line: Int
        /// The law's inputs, in the law's order.
        public let inputs: [Double]
        /// The distance variable's value.
        public let variable: Double
        /// The run's observed response.
        public let actual: Double
        /// The fold fit's prediction for it.
        public let predicted: Double
        /// `log10(variable / training maximum)`: orders of magnitude beyond the training data
        /// (years `variable − training maximum` for a date rule, ``BacktestResult/distanceUnit``).
        public let distance: Double
        /// The fold fit's prediction interval for a new run at its level (``LawPrediction``;
        /// inside `[chance, 1]` for benchmark-score laws), or `nil` without a covariance.
        public var lower: Double? = nil
        /// Upper end of the prediction interval, or `nil`.
        public var upper: Double? = nil

        /// Whether the actual value lies inside the prediction interval; `nil` without one.
        public var covered: Bool? {
            guard let lower, let upper else { return nil }
            return lower <= actual && actual <= upper
        }

        /// `predicted − actual`.
        public var error: Double { predicted - actual }
        /// `(predicted − actual)/|actual|`.
        public var relativeError: Double { (predicted - actual) / Swift.abs(actual) }
        /// `ln predicted − ln actual`, when both are positive.
        public var logError: Double? { predicted > 0 && actual > 0 ? log(predicted) - log(actual) : nil }
    }

    /// Errors of the predictions whose distance lies in `(lower, upper]` (`nil`: unbounded).
    public struct Bucket: Sendable, Codable, Equatable {
        /// The bucket's label, e.g. `(0.25, 0.5]` (orders of magnitude beyond the training data).
        public let label: String
        /// Lower end of the distance range (exclusive), or `nil` when unbounded.
        public let lower: Double?
        /// Upper end of the distance range (inclusive), or `nil` when unbounded.
        public let upper: Double?
        /// Predictions in the bucket.
        public let count: Int
        /// `mean |predicted − actual|`.
        public let meanAbsoluteError: Double
        /// `mean |predicted − actual|/|actual|`.
        public let meanAbsoluteRelativeError: Double
        /// `max |predicted − actual|/|actual|`.
        public let maxAbsoluteRelativeError: Double
        /// `√mean(logError²)` over the predictions with a log error.
        public let rmsLogError: Double?
        /// Predictions with a prediction interval, and how many of them it covers.
        public let withInterval: Int
        /// How many of them the interval covers.
        public let covered: Int
        /// `covered / withInterval`, or `nil` when no prediction has an interval.
        public var coverage: Double? { withInterval > 0 ? Double(covered) / Double(withInterval) : nil }

        init(label: String, lower: Double, upper: Double, predictions: [Prediction]) {
            self.label = label
            self.lower = lower.isFinite ? lower : nil
            self.upper = upper.isFinite ? upper : nil
            self.count = predictions.count
            var absolute = 0.0, relative = 0.0, maxRelative = 0.0, logSquares = 0.0, logs = 0
            for p in predictions {
                absolute += Swift.abs(p.error)
                relative += Swift.abs(p.relativeError)
                maxRelative = Swift.max(maxRelative, Swift.abs(p.relativeError))
                if let l = p.logError { logSquares += l * l; logs += 1 }
            }
            let n = Double(Swift.max(predictions.count, 1))
            self.meanAbsoluteError = absolute / n
            self.meanAbsoluteRelativeError = relative / n
            self.maxAbsoluteRelativeError = maxRelative
            self.rmsLogError = logs > 0 ? (logSquares / Double(logs)).squareRoot() : nil
            self.withInterval = predictions.filter { $0.covered != nil }.count
            self.covered = predictions.filter { $0.covered == true }.count
        }
    }

    /// The catalog name of the law.
    public let law: String
    /// How runs were held out (largest runs, a date, k-fold, …).
    public let rule: HoldoutRule
    /// The variable distances are measured in (`C = 6ND`, or a column name).
    public let distanceVariable: String
    /// `OOM` (orders of magnitude) or `years` (a date rule).
    public let distanceUnit: String
    /// The law's input roles, in order.
    public let inputNames: [String]
    /// The response role.
    public let response: String
    /// The law's parameter names, the order of each fold's ``Fold/parameters``.
    public let parameterNames: [String]
    /// Every fold, in order.
    public let folds: [Fold]
    /// Every held-out run's prediction.
    public let predictions: [Prediction]
    /// Non-empty distance buckets, nearest first: `≤ 0` (inside the training range), then
    /// (0, 0.25], (0.25, 0.5], (0.5, 1], (1, 2], (2, ∞) orders of magnitude.
    public let buckets: [Bucket]
    /// All predictions together.
    public let overall: Bucket
    /// Notes for the reader (folds that failed, too few runs).
    public let notes: [String]
    /// The level of the prediction intervals (the fold fits' confidence level), or `nil` when no
    /// prediction has one.
    public var intervalLevel: Double? = nil

    /// Bucket edges in orders of magnitude.
    static let edges: [(String, Double, Double)] = [
        ("<= 0", -.infinity, 0), ("0-0.25", 0, 0.25), ("0.25-0.5", 0.25, 0.5),
        ("0.5-1", 0.5, 1), ("1-2", 1, 2), ("> 2", 2, .infinity),
    ]

    /// Bucket edges in years.
    static let yearEdges: [(String, Double, Double)] = [
        ("<= 0", -.infinity, 0), ("0-0.5", 0, 0.5), ("0.5-1", 0.5, 1), ("1-2", 1, 2), ("> 2", 2, .infinity),
    ]

    init(law: any ScalingLaw, rule: HoldoutRule, distanceVariable: String, folds: [Fold], predictions: [Prediction], notes: [String]) {
        self.law = law.name
        self.rule = rule
        self.distanceVariable = distanceVariable
        self.distanceUnit = rule.measuresYears ? "years" : "OOM"
        self.inputNames = law.inputs.map(\.role)
        self.response = law.response.role
        self.parameterNames = law.parameters.map(\.name)
        self.folds = folds
        self.predictions = predictions
        var buckets: [Bucket] = []
        for (label, lower, upper) in rule.measuresYears ? Self.yearEdges : Self.edges {
            let inside = predictions.filter { $0.distance > lower && $0.distance <= upper }
            if !inside.isEmpty { buckets.append(Bucket(label: label, lower: lower, upper: upper, predictions: inside)) }
        }
        self.buckets = buckets
        self.overall = Bucket(label: "all", lower: -.infinity, upper: .infinity, predictions: predictions)
        self.notes = notes
    }
}
