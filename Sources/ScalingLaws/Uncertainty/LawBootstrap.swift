import Foundation
import NonlinearFit

/// Bootstrap uncertainty of a law fit: fit once on the full data, refit many resamples, and
/// summarise the spread of the refitted parameters (Efron & Tibshirani 1993; as Besiroglu et
/// al. 2024, arXiv:2404.10102, did with 4,000 resamples of the Chinchilla data).
public enum LawBootstrap {
    /// Bootstraps the fit of `law` to `data`.
    ///
    /// 1. Fits the full data with `fitOptions` (its start strategy, e.g. the global default).
    /// 2. For resample `i` in `0..<options.resamples`, draws a resampled ``Dataset`` from
    ///    `SeededGenerator.stream(seed: options.seed, index: i)` (rows, groups or residuals, see
    ///    ``BootstrapOptions/Kind``) and refits it from a single start at the full-data optimum
    ///    (the engine's fallbacks on), on all cores unless `options.parallel` is false. Each
    ///    resample depends only on its index, so a seed gives bit-identical draws whatever the
    ///    scheduling.
    /// 3. Resamples whose refit throws or does not converge are excluded from the statistics
    ///    and counted (``LawBootstrapResult/nonConverged``).
    /// 4. For BCa intervals, also refits the jackknife (leave one row, or one group, out).
    ///
    /// - Parameters:
    ///   - law: the law to fit.
    ///   - data: rows with the law's input and response columns (and the group column).
    ///   - options: number of resamples, seed, kind, level, interval method.
    ///   - fitOptions: objective and settings of the fits (its `starts` and `start` apply to the
    ///     full-data fit only).
    /// - Returns: the draws and their summaries.
    /// - Throws: ``LawFitError/invalidOption(_:)`` for fewer than 2 resamples, a level outside
    ///   (0, 1) or fewer than 2 groups; any error of the full-data fit; ``DataError`` for a
    ///   missing group column.
    public static func run(
        law: any ScalingLaw, data: Dataset, options: BootstrapOptions = BootstrapOptions(),
        fitOptions: LawFitOptions = LawFitOptions()
    ) throws -> LawBootstrapResult {
        guard options.resamples >= 2 else {
            throw LawFitError.invalidOption("a bootstrap needs at least 2 resamples (got \(options.resamples))")
        }
        guard options.confidenceLevel > 0, options.confidenceLevel < 1 else {
            throw LawFitError.invalidOption("confidence level must be in (0, 1) (got \(options.confidenceLevel))")
        }
        let full = try LawFitter.fit(law, to: data, options: fitOptions)
        let resampler = try BootstrapResampler(kind: options.kind, law: law, data: data, fit: full)

        var refitOptions = fitOptions
        refitOptions.starts = .single
        refitOptions.start = full.values
        let refit = refitOptions
        let seed = options.seed

        let outcomes = ParallelMap.map(count: options.resamples, parallel: options.parallel) { i in
            var rng = SeededGenerator.stream(seed: seed, index: i)
            return Refit(law: law, data: resampler.resample(using: &rng), options: refit)
        }

        var notes: [String] = []
        var jackknife: [Refit]?
        if options.intervalMethod == .bca {
            if let units = resampler.units {
                jackknife = ParallelMap.map(count: units.count, parallel: options.parallel) { k in
                    Refit(law: law, data: resampler.leavingOut(k)!, options: refit)
                }
            } else {
                notes.append("BCa needs a jackknife, which a residual bootstrap does not define; intervals are percentile intervals")
            }
        }
        return LawBootstrapResult(law: law, fit: full, options: options, outcomes: outcomes, jackknife: jackknife, notes: notes)
    }

    /// The outcome of one refit.
    struct Refit: Sendable {
        /// Law values, or `nil` when the fit threw.
        let values: [Double]?
        let converged: Bool

        init(law: any ScalingLaw, data: Dataset, options: LawFitOptions) {
            do {
                let fit = try LawFitter.fit(law, to: data, options: options)
                let values = fit.values
                self.values = values
                self.converged = fit.statistics.converged && values.allSatisfy(\.isFinite)
            } catch {
                self.values = nil
                self.converged = false
            }
        }
    }
}
