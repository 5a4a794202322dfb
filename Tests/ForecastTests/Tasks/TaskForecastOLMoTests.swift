import Foundation
import Testing
import TestSupport
@testable import Forecast
@testable import ScalingLaws

/// The task prediction on the OLMo 2 ladder's cosine runs (Bhagia et al. 2024, arXiv:2412.04403),
/// HellaSwag (5-shot, ranked classification): the numbers below were computed independently
/// with numpy/scipy (Nelder–Mead on the summed Huber, δ = 1e-3, of log residuals from 18
/// starts for step 1; `curve_fit` for step 2), by this script, run once:
///
/// ```python
/// import csv, glob, os, numpy as np
/// from scipy.optimize import minimize, curve_fit
/// root = '../shared/datasets/olmo_ladder_bhagia2024'
/// sizes = {r['size']: float(r['params']) for r in csv.DictReader(open(f'{root}/model_sizes.csv'))}
/// def run(f, lc, ac):
///     rows = list(csv.DictReader(open(f)))
///     return np.array([(float(r[lc]), float(r[ac]), float(r['throughput/total_tokens'])) for r in rows
///                      if r[lc] not in ('', 'nan') and r[ac] not in ('', 'nan')])
/// def ma(x, n):
///     c = np.cumsum(x); out = c.copy(); out[n:] = c[n:] - c[:-n]
///     return np.concatenate([out[:n-1] / np.arange(1, n), out[n-1:] / n]) if len(x) >= n else c / np.arange(1, len(x) + 1)
/// def huber(r, d=1e-3): a = np.abs(r); return np.where(a <= d, 0.5 * r * r, d * (a - 0.5 * d))
/// def fit1(N, D, L):
///     best = None
///     for a0 in (0.2, 0.4, 0.6):
///         for b0 in (0.2, 0.4, 0.6):
///             for e0 in (0.1, 0.5 * L.min()):
///                 def obj(p):
///                     E, lA, lB, al, be = p
///                     pred = E + np.exp(lA - al * np.log(N)) + np.exp(lB - be * np.log(D))
///                     return np.sum(huber(np.log(np.maximum(pred, 1e-12)) - np.log(L)))
///                 r = minimize(obj, [e0, 5, 5, a0, b0], method='Nelder-Mead',
///                              options={'maxiter': 40000, 'maxfev': 40000, 'xatol': 1e-10, 'fatol': 1e-16})
///                 if best is None or r.fun < best.fun: best = r
///     E, lA, lB, al, be = best.x
///     return lambda n, d: E + np.exp(lA) / n**al + np.exp(lB) / d**be
/// sig = lambda L, a, k, L0, b: a / (1 + np.exp(-k * (L - L0))) + b
/// def task(lc, ac, files, targets):
///     fin, X, Y = [], [], []
///     for f in files:
///         p = run(f, lc, ac); N = sizes[os.path.basename(f).split('-')[0]]
///         fin.append((N, p[-1, 2], p[-5:, 0].mean(), p[-5:, 1].mean()))
///         s = int(np.ceil(0.1 * len(p))); X += list(ma(p[s:, 0], 5)); Y += list(ma(p[s:, 1], 5))
///     fin = np.array(fin); f1 = fit1(fin[:, 0], fin[:, 1], fin[:, 2])
///     p2, _ = curve_fit(sig, np.array(X), np.array(Y), p0=[-0.75, 3, 1, 1], maxfev=100000)
///     return [(f1(n, d), sig(f1(n, d), *p2)) for n, d in targets]
/// lc = 'eval/downstream_bpb/hellaswag_val_rc_5shot_bpb'; ac = 'eval/downstream/hellaswag_val_rc_5shot_len_norm'
/// allf = sorted(glob.glob(f'{root}/cosine/*.csv'))
/// print(task(lc, ac, allf, [(sizes['7B'], 4e12), (sizes['13B'], 5e12)]))
/// small = [f for f in allf if not os.path.basename(f).startswith('1B-')]
/// one = sorted([f for f in allf if os.path.basename(f).startswith('1B-')], key=lambda f: run(f, lc, ac)[-1, 2])
/// print(task(lc, ac, small, [(sizes['1B'], run(f, lc, ac)[-1, 2]) for f in one]))
/// print([(run(f, lc, ac)[-5:, 0].mean(), run(f, lc, ac)[-5:, 1].mean()) for f in one])
/// ```
@Suite("task prediction on the OLMo ladder", .enabled(if: RepositoryPaths.sharedDataset("olmo_ladder_bhagia2024/model_sizes.csv") != nil,
                                                      "needs ../shared/datasets/olmo_ladder_bhagia2024"))
struct TaskForecastOLMoTests {
    static func ladder(_ glob: String) throws -> TaskLadder {
        let folder = try #require(RepositoryPaths.sharedDataset("olmo_ladder_bhagia2024"))
        var options = LogReadOptions(metric: "")
        options.namePattern = try RunNamePattern(parsing: "{size}-{mult}xC")
        let input = LogInput(paths: [folder.appendingPathComponent("cosine").path],
                             sizes: folder.appendingPathComponent("model_sizes.csv").path, options: options)
        return try TaskLadder.read(input, tasks: glob)
    }

    static var method: TaskMethod {
        var method = TaskMethod()
        method.bootstrap = 0
        return method
    }

    @Test("HellaSwag at OLMo 2's targets 7B/4T and 13B/5T matches the independent numpy/scipy chain")
    func targets() throws {
        let ladder = try Self.ladder("eval/downstream_bpb/hellaswag_val*")
        #expect(ladder.tasks == [TaskColumns(task: "hellaswag_val_rc_5shot", loss: "eval/downstream_bpb/hellaswag_val_rc_5shot_bpb",
                                             accuracy: "eval/downstream/hellaswag_val_rc_5shot_len_norm")])
        #expect(ladder.runs.count == 20)
        let results = try TaskForecaster.forecast(
            ladder, targets: [.model(parameters: 6887575552, tokens: 4e12), .model(parameters: 13202396160, tokens: 5e12)], method: Self.method)
        let seven = results[0][0], thirteen = results[1][0]
        #expect(abs(seven.loss / 0.6712177426550436 - 1) < 1e-3, "\(seven.loss)")
        #expect(abs(seven.accuracy - 0.8179826398297914) < 2e-3, "\(seven.accuracy)")
        #expect(abs(thirteen.loss / 0.6519996710786984 - 1) < 1e-3, "\(thirteen.loss)")
        #expect(abs(thirteen.accuracy - 0.8451269056375065) < 2e-3, "\(thirteen.accuracy)")
        // The paper's variance measure on 1B-10xC: np.std of the last 10 accuracies.
        #expect(seven.noise?.run == "1B-10xC")
        #expect(abs((seven.noise?.accuracySD ?? 0) - 0.0015842241198201956) < 1e-9)
        #expect(seven.predictable)
    }

    @Test("HellaSwag: the 1B rung held out and predicted from 190M–760M, as the independent chain predicts it")
    func backtest() throws {
        let result = try TaskBacktest.run(try Self.ladder("eval/downstream_bpb/hellaswag_val*"), method: Self.method)
        #expect(result.heldOut == ["1B-0.5xC", "1B-1xC", "1B-2xC", "1B-5xC", "1B-10xC"])
        let predicted: [(Double, Double)] = [
            (0.8499241378811145, 0.44909211864357723), (0.8237837123172391, 0.4994268842190563), (0.8024735454518753, 0.544974704254687),
            (0.7802308085360337, 0.59534505068396), (0.7669827684546221, 0.6259582510302955),
        ]
        let actual: [(Double, Double)] = [
            (0.8533199191093445, 0.4276638150215149), (0.8178394436836243, 0.4966739654541016), (0.7946480870246887, 0.552897822856903),
            (0.7696408033370972, 0.6121091365814209), (0.7597608089447021, 0.6435769677162171),
        ]
        #expect(result.rows.count == 5)
        for (row, (p, a)) in zip(result.rows, zip(predicted, actual)) {
            #expect(abs(row.actualLoss - a.0) < 1e-9 && abs(row.actualAccuracy - a.1) < 1e-9, "\(row.run)")
            #expect(abs(row.loss / p.0 - 1) < 1e-3, "\(row.run): loss \(row.loss) vs \(p.0)")
            #expect(abs(row.accuracy - p.1) < 2e-3, "\(row.run): accuracy \(row.accuracy) vs \(p.1)")
        }
    }

    @Test("--where selects runs on the name pattern's fields: size!=1B keeps the 15 runs of 190M–760M")
    func selection() throws {
        let folder = try #require(RepositoryPaths.sharedDataset("olmo_ladder_bhagia2024"))
        var options = LogReadOptions(metric: "")
        options.namePattern = try RunNamePattern(parsing: "{size}-{mult}xC")
        let input = LogInput(paths: [folder.appendingPathComponent("cosine").path],
                             sizes: folder.appendingPathComponent("model_sizes.csv").path, options: options)
        let ladder = try TaskLadder.read(input, tasks: "eval/downstream_bpb/piqa*", predicates: [try RowPredicate(parsing: "size!=1B")])
        #expect(ladder.runs.count == 15)
        #expect(!ladder.runs.contains { $0.run.fields["size"] == "1B" })
        #expect(ladder.tasks.map(\.accuracy) == ["eval/downstream/piqa_val_rc_5shot_len_norm"])
    }

    @Test("BoolQ is flagged noisy: SD 0.0186 of its last 10 accuracies on 1B-10xC against a spread of 0.141 of final accuracies (numpy)")
    func boolq() throws {
        let ladder = try Self.ladder("eval/downstream_bpb/boolq*")
        #expect(ladder.tasks.first?.accuracy == "eval/downstream/boolq_val_rc_5shot_acc")
        let forecast = try #require(TaskForecaster.forecast(ladder, targets: [.model(parameters: 6887575552, tokens: 4e12)], method: Self.method).first?.first)
        #expect(!forecast.predictable)
        guard case let .noisy(noise, spread, limit, run, window)? = forecast.concerns.first else {
            Issue.record("expected noisy, got \(forecast.concerns)")
            return
        }
        // np.std(acc[-10:]) of 1B-10xC; max − min over the 20 runs of the mean of their last 5 accuracies.
        #expect(abs(noise - 0.01859571327181338) < 1e-9 && abs(spread - 0.14134556651115415) < 1e-9)
        #expect(limit == 0.1 && run == "1B-10xC" && window == 10)
        #expect(forecast.chance == 0.5)
    }
}
