import Foundation
import LinearAlgebra
import NonlinearFit

/// A fitted law: estimates with uncertainty, statistics, diagnostics, and enough context (law,
/// data digest, options, tool version) to be saved as JSON and used by later commands.
public struct LawFit: Sendable, Codable, Equatable {
    /// One parameter of the law with its estimate.
    public struct Parameter: Sendable, Codable, Equatable {
        /// The parameter's name in the law's catalog entry (e.g. `alpha`).
        public let name: String
        /// The symbol printed in formulas and reports (e.g. `α`).
        public let symbol: String
        /// Its units, or empty for a pure number.
        public let unit: String
        /// The estimate, in the law's units.
        public let value: Double
        /// The starting value of the reported run (in the law's units), when known.
        public let initial: Double?
        /// Standard error: the delta method `A·SE(log A)` for parameters fitted as logarithms under
        /// the linearised covariance; the refits' spread in the law's units under a bootstrap
        /// (``LawFit/intervals``).
        public let standardError: Double?
        /// Confidence interval at ``LawFit/confidenceLevel`` (from the fitted parameterization:
        /// `exp` of the log-scale interval for parameters fitted as logarithms).
        public let lower: Double?
        /// Upper end of the confidence interval (see ``lower``), or `nil` without a covariance.
        public let upper: Double?
        /// Whether the parameter was held fixed (`--fix`) rather than fitted.
        public let fixed: Bool
        /// `lower` or `upper` when the estimate sits on that bound of its allowed range, else `nil`.
        public let atBound: String?
    }

    /// What the fit was made from.
    public struct DataSummary: Sendable, Codable, Equatable {
        /// The display name of the data (the file name, or `--by` group), used in messages.
        public let source: String
        /// Rows fitted.
        public let rows: Int
        /// FNV-1a 64-bit digest of the fitted columns' values, hex.
        public let digest: String
        /// Range of each input column.
        public let ranges: [String: [Double]]
        /// The data file as it was given to `fit` (relative to the directory `fit` ran in), when
        /// recorded (``LawFit/withDataLocation(path:absolutePath:)``); absent in older artifacts.
        /// ``source`` stays the display name used in messages.
        public var path: String? = nil
        /// The data file's absolute path when the fit was made, when recorded.
        public var absolutePath: String? = nil
    }

    /// Fit statistics.
    public struct Statistics: Sendable, Codable, Equatable {
        /// The minimised objective `Σρ(r_i)` of the reported run, over the fit's residuals (log residuals
        /// under a log-space objective).
        public let objective: Double
        /// The weighted residual sum of squares `χ² = Σ w_i r_i²` of the same residuals.
        public let chiSquare: Double
        /// `n − p_free`: rows minus free parameters.
        public let degreesOfFreedom: Int
        /// `χ²/dof`, or `nil` without degrees of freedom.
        public let reducedChiSquare: Double?
        /// Akaike information criterion `n·ln(χ²/n) + 2p` (Akaike 1974; Gaussian errors, constants dropped).
        public let aic: Double
        /// Bayesian information criterion `n·ln(χ²/n) + p·ln n` (Schwarz 1978).
        public let bic: Double
        /// Coefficient of determination `1 − χ²/Σw(y − ȳ_w)²` in the fitted space, or `nil` when the
        /// response is constant.
        public let rSquared: Double?
        /// Root-mean-square residual `√(χ²/n)`, in the fitted space.
        public let rmse: Double
        /// The condition number of the column-scaled Jacobian at the optimum (above 10⁸ the fit is
        /// ill-conditioned), or `nil` when it could not be computed.
        public let conditionNumber: Double?
        /// Solver iterations of the reported run.
        public let iterations: Int
        /// Model evaluations of the reported run.
        public let functionEvaluations: Int
        /// Why the solver stopped (a `NonlinearFit.Termination` raw value such as `small-step`).
        public let termination: String
        /// Whether the reported run converged.
        public let converged: Bool
        /// Starting points run by a multi-start, or `nil` for a single start.
        public let starts: Int?
        /// How many of them converged.
        public let convergedStarts: Int?
        /// How many distinct optima the converged starts reached (more than one: the objective is
        /// multimodal and the best was kept).
        public let distinctOptima: Int?
        /// The best objective of each distinct optimum of a multi-start, ascending (at most 10);
        /// absent for a single start and in older artifacts.
        public var optimumObjectives: [Double]? = nil
    }

    /// The tool that wrote the artifact (`scaling-laws`).
    public let tool: String
    /// Its version (``currentToolVersion`` when written).
    public let toolVersion: String
    /// The catalog name of the law (`chinchilla`, `kaplan-nd`, …).
    public let law: String
    /// The law's formula as text, e.g. `L(N, D) = E + A/N^α + B/D^β`.
    public let formula: String
    /// The paper the law comes from.
    public let citation: String
    /// The objective minimised (least squares, or Huber on log residuals, …).
    public let objective: LawObjective
    /// How starting points were chosen.
    public let startStrategy: LawStartStrategy
    /// The seed of the random start search.
    public let seed: UInt64
    /// `false` when every start of a large start set ran to convergence (`--race off`,
    /// ``LawFitOptions/racing``); absent (`nil`) for the default, racing.
    public var racing: Bool? = nil
    /// Level of the parameter intervals (e.g. 0.95).
    public let confidenceLevel: Double
    /// The law's input roles, in order (e.g. `N`, `D`).
    public let inputs: [String]
    /// The response role (e.g. `loss`).
    public let response: String
    /// Every parameter of the law, in its catalog order, with estimate and interval.
    public let parameters: [Parameter]
    /// Names of the fitted (free) parameters: law names, or `log_X` for logs.
    public let fittedNames: [String]
    /// Fitted values of all parameters in the fitted parameterization.
    public let fittedValues: [Double]
    /// Covariance of the free fitted parameters (rows in ``covarianceNames`` order), or `nil`.
    public let covariance: [[Double]]?
    /// Names of the rows and columns of ``covariance`` and ``correlation`` (the free fitted parameters).
    public let covarianceNames: [String]
    /// Correlation matrix of the free fitted parameters, or `nil` with the covariance.
    public let correlation: [[Double]]?
    /// What the fit was made from: data name, rows, digest and input ranges.
    public private(set) var data: DataSummary
    /// Fit statistics of the reported run.
    public let statistics: Statistics
    /// Typed warnings, parameters named by their law names (older artifacts' text warnings
    /// decode as `NonlinearFit/FitWarning/text(_:)`).
    public private(set) var warnings: [FitWarning]
    /// How the parameters' standard errors and intervals were computed; `nil` in artifacts
    /// written before it was recorded (they used the linearised covariance, see ``intervals``).
    public private(set) var intervalMethod: LawIntervalMethod? = nil
    /// The interval method, ``LawIntervalMethod/linearized`` for older artifacts.
    public var intervals: LawIntervalMethod { intervalMethod ?? .linearized }
    /// Bootstrap uncertainty of this fit, when one was run (``withBootstrap(_:)``); absent in
    /// artifacts written without `--bootstrap`, which still decode.
    public private(set) var bootstrap: BootstrapSummary? = nil
    /// The input specification that selected the fitted rows (file, columns as resolved,
    /// `--where` predicates, filters, `--by` group) and their digest (``withInput(_:)``);
    /// absent in older artifacts, which still decode.
    public private(set) var input: InputRecord? = nil

    /// The saved summary of a bootstrap of the fit (`LawBootstrap/run(law:data:options:fitOptions:)`):
    /// the converged draws of the law parameters and per-parameter standard errors and
    /// percentile intervals.
    public struct BootstrapSummary: Sendable, Codable, Equatable {
        /// Bootstrap standard error and percentile interval of one parameter.
        public struct Parameter: Sendable, Codable, Equatable {
            /// The parameter's name.
            public let name: String
            /// The standard deviation of the converged draws, in the law's units.
            public let standardError: Double
            /// Lower end of the percentile interval at ``LawFit/BootstrapSummary/confidenceLevel``.
            public let lower: Double
            /// Upper end of the percentile interval.
            public let upper: Double
        }

        /// Bootstrap refits requested.
        public let resamples: Int
        /// The seed of the resampling.
        public let seed: UInt64
        /// What was resampled: `rows` or `groups of 'COLUMN'`.
        public let kind: String
        /// Level of the percentile intervals.
        public let confidenceLevel: Double
        /// Refits that converged (the rows of ``draws``).
        public let converged: Int
        /// Refits that threw.
        public let failed: Int
        /// Refits excluded from the statistics (threw or did not converge).
        public let nonConverged: Int
        /// Law parameter names, the columns of ``draws``.
        public let parameterNames: [String]
        /// Law values of each converged resample, in resample order.
        public let draws: [[Double]]
        /// Per-parameter summaries in the law's order (percentile intervals).
        public let parameters: [Parameter]
        /// Residuals of the full-data fit in the objective's space, for bootstrap prediction
        /// intervals (absent in artifacts written before they were stored).
        public private(set) var residuals: [Double]? = nil

        /// The summary of a bootstrap run.
        public init(_ result: LawBootstrapResult) {
            self.resamples = result.options.resamples
            self.seed = result.options.seed
            self.kind = result.options.kind.description
            self.confidenceLevel = result.options.confidenceLevel
            self.converged = result.draws.count
            self.failed = result.failed
            self.nonConverged = result.nonConverged
            self.parameterNames = result.parameterNames
            self.draws = result.draws
            self.parameters = result.parameters.enumerated().map { k, q in
                Parameter(name: q.name ?? result.parameterNames[k], standardError: q.standardError,
                          lower: q.percentile.lower, upper: q.percentile.upper)
            }
            self.residuals = result.residuals
        }

        /// The percentile interval at ``confidenceLevel`` of a quantity derived from the law
        /// values (in ``parameterNames`` order) across the draws; non-finite values are dropped.
        /// `nil` when fewer than 2 draws give a finite value.
        public func percentileInterval(_ f: ([Double]) -> Double) -> BootstrapInterval? {
            var values: [Double] = []
            for draw in draws {
                let v = f(draw)
                if v.isFinite { values.append(v) }
            }
            guard values.count >= 2 else { return nil }
            return BootstrapStatistics.percentile(sorted: values.sorted(), level: confidenceLevel)
        }
    }

    /// Profile-likelihood intervals of this fit, when computed (``withProfile(_:)``); absent in
    /// artifacts written without `--profile`, which still decode.
    public private(set) var profile: ProfileLikelihoodResult? = nil

    /// Diagnostics of this fit (``FitDiagnostics/evaluate(_:law:data:)``), when attached with
    /// ``withDiagnostics(_:)``; `nil` in older artifacts.
    public private(set) var diagnostics: [FitDiagnostic]? = nil

    /// This fit with profile-likelihood intervals attached.
    public func withProfile(_ profile: ProfileLikelihoodResult?) -> LawFit {
        var copy = self
        copy.profile = profile
        return copy
    }

    /// This fit with `diagnostics` attached.
    public func withDiagnostics(_ diagnostics: [FitDiagnostic]?) -> LawFit {
        var copy = self
        copy.diagnostics = diagnostics
        return copy
    }

    /// This fit with the location of its data file recorded: `path` as the user gave it
    /// (relative to the current directory) and `absolutePath`, so later commands can find the
    /// data without being told. The caller resolves the absolute path (this layer reads no files).
    public func withDataLocation(path: String, absolutePath: String) -> LawFit {
        var copy = self
        copy.data.path = path
        copy.data.absolutePath = absolutePath
        return copy
    }

    /// This fit with the record of its input attached.
    public func withInput(_ record: InputRecord?) -> LawFit {
        var copy = self
        copy.input = record
        return copy
    }

    /// This fit with `summary` attached.
    public func withBootstrap(_ summary: BootstrapSummary?) -> LawFit {
        var copy = self
        copy.bootstrap = summary
        if summary != nil {
            // Resampled intervals are shown: the warning about linearised ones no longer applies.
            copy.warnings.removeAll { if case .linearizedRobustIntervals = $0 { return true } else { return false } }
        }
        return copy
    }

    /// The version written into artifacts.
    public static let currentToolVersion = "0.1.0"

    init(
        law: any ScalingLaw, data: Dataset, options: LawFitOptions, parameterization: LawParameterization, result: FitResult,
        intervalMethod: LawIntervalMethod = .linearized, lawStandardErrors: [Double]? = nil, extraWarnings: [FitWarning] = []
    ) {
        self.intervalMethod = intervalMethod
        let fitted = result.values
        let values = parameterization.lawValues(fitted)
        var parameters: [Parameter] = []
        for (k, spec) in law.parameters.enumerated() {
            let r = result.parameters[k]
            let logged = parameterization.logged[k]
            let se = r.standardError.map { lawStandardErrors?[k] ?? (logged ? values[k] * $0 : $0) }
            let lower = r.interval.map { logged ? exp($0.lowerBound) : $0.lowerBound }
            let upper = r.interval.map { logged ? exp($0.upperBound) : $0.upperBound }
            let initial = logged ? exp(r.initialValue) : r.initialValue
            parameters.append(Parameter(
                name: spec.name, symbol: spec.symbol, unit: spec.unit, value: values[k],
                initial: initial.isFinite ? initial : nil, standardError: se,
                lower: lower, upper: upper, fixed: r.constraint == .fixed, atBound: r.atBound?.rawValue))
        }
        self.tool = "scaling-laws"
        self.toolVersion = Self.currentToolVersion
        self.law = law.name
        self.formula = law.formula
        self.citation = law.citation
        self.objective = options.objective
        self.startStrategy = options.starts
        self.seed = options.seed
        self.racing = options.racing ? nil : false
        self.confidenceLevel = options.confidenceLevel
        self.inputs = law.inputs.map(\.role)
        self.response = law.response.role
        self.parameters = parameters
        self.fittedNames = parameterization.fittedNames
        self.fittedValues = fitted
        self.covarianceNames = result.freeParameterNames
        self.covariance = result.covariance.map { m in (0..<m.rows).map { m.row($0) } }
        self.correlation = result.correlation.map { m in (0..<m.rows).map { m.row($0) } }
        let roles = law.inputs.map(\.role) + [law.response.role]
        var ranges: [String: [Double]] = [:]
        for role in law.inputs.map(\.role) {
            let column = data.columns[role] ?? []
            ranges[role] = [column.min() ?? .nan, column.max() ?? .nan]
        }
        self.data = DataSummary(source: data.source, rows: data.count, digest: Self.digest(data, columns: roles), ranges: ranges)
        let n = Double(result.observationCount)
        var statistics = Statistics(
            objective: result.objective, chiSquare: result.chiSquare, degreesOfFreedom: result.degreesOfFreedom,
            reducedChiSquare: result.reducedChiSquare.isFinite ? result.reducedChiSquare : nil,
            aic: result.aic, bic: result.bic, rSquared: result.rSquared.isFinite ? result.rSquared : nil,
            rmse: (result.chiSquare / n).squareRoot(),
            conditionNumber: result.conditionNumber.isFinite ? result.conditionNumber : nil,
            iterations: result.iterations, functionEvaluations: result.functionEvaluations,
            termination: result.termination.rawValue, converged: result.converged,
            starts: result.multiStart?.starts, convergedStarts: result.multiStart?.converged,
            distinctOptima: result.multiStart?.distinctOptima)
        statistics.optimumObjectives = result.multiStart?.optimumObjectives
        self.statistics = statistics
        var warnings = result.warnings.map { warning in
            warning.mapParameters { fittedName in
                guard let k = parameterization.fittedNames.firstIndex(of: fittedName) else { return (fittedName, false) }
                return (law.parameters[k].name, parameterization.logged[k])
            }
        }
        if let multiStart = result.multiStart, multiStart.starts > 0, multiStart.converged == 0 {
            warnings.append(.noConvergedStart(starts: multiStart.starts))
        }
        for (name, value) in data.constantColumns(law.inputs.map(\.role)) {
            warnings.append(.constantInput(name: name, value: value))
        }
        self.warnings = warnings + extraWarnings
    }

    /// The estimate of parameter `name`.
    public func value(_ name: String) -> Double? {
        parameters.first { $0.name == name }?.value
    }

    /// All parameter values in the law's order.
    public var values: [Double] { parameters.map(\.value) }

    /// FNV-1a over the bit patterns of the named columns, row by row.
    static func digest(_ data: Dataset, columns: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for name in columns {
            for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            for v in data.columns[name] ?? [] {
                var bits = v.bitPattern
                for _ in 0..<8 {
                    hash = (hash ^ (bits & 0xff)) &* 0x100_0000_01b3
                    bits >>= 8
                }
            }
        }
        return String(hash, radix: 16)
    }
}
