import Foundation
import ScalingLaws
import Testing

extension LawConformanceCase {
    /// Three 1,000-step schedules (constant, cosine to 0.1×, WSD with a 20% linear decay; peak
    /// 0.01, 50 warm-up steps), losses every 50 steps after the warm-up.
    static let curveSchedules: [StepSchedule] = [
        "constant,warmup:50,peak:0.01,steps:1000", "cosine,warmup:50,peak:0.01,final:0.1,steps:1000",
        "wsd,decay:0.2,warmup:50,peak:0.01,final:0.1,steps:1000",
    ].map { try! ScheduleSyntax.parse($0).schedule() }
    static let curveSteps = stride(from: 100, through: 1000, by: 50).map { $0 }

    /// lr-annealing (λ = 0.999): S1 and S2 of the three schedules at the logged steps; C such
    /// that the annealing lowers the loss by about 0.15 at the cosine's end; additive noise 0.003.
    static let lrAnnealing: LawConformanceCase = {
        var s1: [Double] = [], s2: [Double] = []
        for schedule in curveSchedules {
            let areas = ScheduleAreas(schedule, lambda: 0.999)
            for s in curveSteps {
                s1.append(areas.forward[s])
                s2.append(areas.annealing[s])
            }
        }
        let c = 0.15 / (s2.max() ?? 1)
        return LawConformanceCase(law: LRAnnealingLaw(), truth: [2.0, 1.0, 0.5, c], design: [s1, s2], noise: .additive(0.003))
    }()

    /// multi-power over the three schedules: L0 = 2, A = 1, α = 0.5, B = 20 (a loss drop of
    /// about 0.15 at the cosine's end), C = 2, with β = 0.6 and γ = 0.5 held fixed (with all
    /// seven free, 93% of estimates fell within 3 SE on this design: β and γ are weakly
    /// identified by three 1,000-step curves); additive noise 0.002.
    static let multiPower: LawConformanceCase = {
        let law = MultiPowerLaw(curves: curveSchedules.map { MultiPowerTerms($0) })
        var curve: [Double] = [], step: [Double] = []
        for r in curveSchedules.indices {
            for s in curveSteps {
                curve.append(Double(r))
                step.append(Double(s))
            }
        }
        return LawConformanceCase(law: law, truth: [2.0, 1.0, 0.5, 20, 2, 0.6, 0.5], design: [curve, step], noise: .additive(0.002),
                                  fixed: ["beta", "gamma"])
    }()
}

@Suite("Curve laws")
struct CurveLawTests {
    @Test("lr-annealing fitted to simulated constant and cosine curves predicts the WSD curve's end")
    func annealingPredictsWSD() throws {
        let truth = [2.0, 1.0, 0.5, 0.05]
        let law = LRAnnealingLaw()
        let curves = LawConformanceCase.curveSchedules.enumerated().map { r, schedule in
            let areas = ScheduleAreas(schedule, lambda: 0.999)
            let steps = LawConformanceCase.curveSteps
            return LossCurve(run: "run\(r)", schedule: schedule, steps: steps,
                             losses: steps.map { law.evaluate([areas.forward[$0], areas.annealing[$0]], truth) })
        }
        let fit = try CurveFitter.fit(Array(curves[0...1]), law: .lrAnnealing(lambda: 0.999))
        for (k, value) in truth.enumerated() { #expect(abs(fit.parameters[k] - value) <= 1e-6 * max(1, abs(value))) }
        let predicted = fit.predictFinal(curves[2].schedule)
        #expect(abs(predicted - (curves[2].finalLoss ?? .nan)) < 1e-8)
    }

    @Test("multi-power fitted to simulated constant and cosine curves predicts the WSD curve's end")
    func multiPowerPredictsWSD() throws {
        let truth = [2.0, 1.0, 0.5, 20, 2, 0.6, 0.5]
        let law = LawConformanceCase.multiPower.law
        let curves = LawConformanceCase.curveSchedules.enumerated().map { r, schedule in
            let steps = LawConformanceCase.curveSteps
            return LossCurve(run: "run\(r)", schedule: schedule, steps: steps, losses: steps.map { law.evaluate([Double(r), Double($0)], truth) })
        }
        let fit = try CurveFitter.fit(Array(curves[0...1]), law: .multiPower)
        let predicted = fit.predictFinal(curves[2].schedule)
        #expect(abs(predicted - (curves[2].finalLoss ?? .nan)) < 2e-3, "predicted \(predicted), simulated \(curves[2].finalLoss ?? .nan)")
    }

    @Test("a curve too short to fit is a one-line error")
    func tooShort() throws {
        let schedule = LawConformanceCase.curveSchedules[1]
        let curve = LossCurve(run: "short", schedule: schedule, steps: [100, 200], losses: [3, 2.9])
        #expect(throws: DataError.self) { try CurveFitter.fit([curve], law: .lrAnnealing(lambda: 0.999)) }
        do {
            _ = try CurveFitter.fit([curve], law: .lrAnnealing(lambda: 0.999))
        } catch {
            #expect(!"\(error)".contains("\n"))
        }
    }

    @Test("the schedule choice prefers a WSD decay over the cosine for a law with an annealing bonus")
    func choice() throws {
        let truth = [2.0, 1.0, 0.5, 0.05]
        let law = LRAnnealingLaw()
        let curves = LawConformanceCase.curveSchedules.enumerated().map { r, schedule in
            let areas = ScheduleAreas(schedule, lambda: 0.999)
            let steps = LawConformanceCase.curveSteps
            return LossCurve(run: "run\(r)", schedule: schedule, steps: steps,
                             losses: steps.map { law.evaluate([areas.forward[$0], areas.annealing[$0]], truth) })
        }
        let fit = try CurveFitter.fit(Array(curves[0...1]), law: .lrAnnealing(lambda: 0.999))
        let choice = try ScheduleChoice.search(fit: fit, steps: 1000, warmup: 50, peak: 0.01)
        #expect(choice.wsd.count == 36)
        #expect(choice.cosine.count == 11)
        #expect(choice.gainOverCosine > 0)
        // The best WSD is the grid point of least predicted loss, computed directly.
        let direct = try choice.wsd.map { fit.predictFinal(try $0.specification.schedule()) }.min()
        #expect(choice.bestWSD.finalLoss == direct)
    }
}

@Suite("Loss curves read from logs")
struct LossCurveReadingTests {
    func write(_ text: String, _ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("curve-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("a log's rates and losses become a per-step schedule and a curve")
    func reads() throws {
        let url = try write("_step,lr,loss\n10,0.5,3.0\n20,1.0,2.5\n30,1.0,\n40,0.5,2.2\n", "run.csv")
        let curve = try LossCurve.read(url, metric: "loss")
        #expect(curve.steps == [10, 20, 40])
        #expect(curve.losses == [3.0, 2.5, 2.2])
        #expect(curve.schedule.lastStep == 40)
        #expect(curve.schedule.rates[5] == 0.25)
        #expect(curve.schedule.rates[35] == 0.75)
        #expect(curve.schedule.warmupSteps == 20)
    }

    @Test("a log without a learning-rate column, or with a negative rate, is a one-line error")
    func errors() throws {
        let none = try write("_step,loss\n10,3.0\n20,2.5\n", "norate.csv")
        #expect(throws: LogError.self) { try LossCurve.read(none, metric: "loss") }
        let negative = try write("_step,lr,loss\n10,0.5,3.0\n20,-1,2.5\n", "negative.csv")
        #expect(throws: ScheduleError.self) { try LossCurve.read(negative, metric: "loss") }
        do {
            _ = try LossCurve.read(negative, metric: "loss")
        } catch {
            #expect("\(error)".hasSuffix("negative.csv: learning rate -1.0 at step 20 is not a non-negative number"))
        }
    }

    @Test("λ profiled over a grid recovers the momentum of simulated curves")
    func profileLambda() throws {
        let truth = [2.0, 1.0, 0.5, 0.05]
        let law = LRAnnealingLaw(lambda: 0.99)
        let curves = LawConformanceCase.curveSchedules.enumerated().map { r, schedule in
            let areas = ScheduleAreas(schedule, lambda: 0.99)
            let steps = LawConformanceCase.curveSteps
            return LossCurve(run: "run\(r)", schedule: schedule, steps: steps,
                             losses: steps.map { law.evaluate([areas.forward[$0], areas.annealing[$0]], truth) })
        }
        let fit = try CurveFitter.fitProfilingLambda(curves)
        #expect(fit.law == .lrAnnealing(lambda: 0.99))
    }
}

@Suite("Curve bootstrap by run")
struct CurveBootstrapTests {
    @Test("resamples runs with a seed: same seed, same replicates; one-schedule resamples are skipped")
    func seeded() {
        let truth = [2.0, 1.0, 0.5, 0.05]
        let law = LRAnnealingLaw()
        var rng = SplitMixForTests(seed: 3)
        let curves = LawConformanceCase.curveSchedules.enumerated().map { r, schedule in
            let areas = ScheduleAreas(schedule, lambda: 0.999)
            let steps = LawConformanceCase.curveSteps
            return LossCurve(run: "run\(r)", schedule: schedule, steps: steps,
                             losses: steps.map { law.evaluate([areas.forward[$0], areas.annealing[$0]], truth) + 0.003 * rng.normal() })
        }
        let statistic = { (fit: CurveFit) in fit.predictFinal(curves[2].schedule) }
        let a = CurveFitter.bootstrap(curves, law: .lrAnnealing(lambda: 0.999), replicates: 20, seed: 7, statistic: statistic)
        let b = CurveFitter.bootstrap(curves, law: .lrAnnealing(lambda: 0.999), replicates: 20, seed: 7, statistic: statistic)
        #expect(a == b)
        #expect(a.count >= 10 && a.count <= 20)
        let truthEnd = law.evaluate([ScheduleAreas(curves[2].schedule, lambda: 0.999).forward[1000],
                                     ScheduleAreas(curves[2].schedule, lambda: 0.999).annealing[1000]], truth)
        #expect(a.allSatisfy { abs($0 - truthEnd) < 0.02 })
    }
}

/// A seeded normal generator for the bootstrap test (Box–Muller over SplitMix64).
struct SplitMixForTests {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
    mutating func normal() -> Double {
        let u = max(next(), 1e-300), v = next()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}
