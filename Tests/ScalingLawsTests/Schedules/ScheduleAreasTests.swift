import Foundation
import ScalingLaws
import Testing

@Suite("Schedule areas and the multi-power loss drop")
struct ScheduleAreasTests {
    /// Short schedules of every shape, including rises after the warm-up (piecewise).
    static let schedules: [StepSchedule] = {
        let specs = [
            "cosine,warmup:10,final:0.1,steps:150", "wsd,decay:0.3,shape:1-sqrt,warmup:5,steps:120", "linear,final:0,steps:90",
            "piecewise,points:0=1;30=0.3;60=0.8;90=0.1,warmup:8,steps:100", "inverse-sqrt,warmup:12,steps:140",
        ]
        return specs.map { try! ScheduleSyntax.parse($0).schedule() }
    }()

    @Test("the momentum recurrence of S2 equals the paper's double sum to 1e-10", arguments: [0.9, 0.99, 0.999])
    func annealingRecurrence(_ lambda: Double) {
        for schedule in Self.schedules {
            let fast = ScheduleAreas.annealingArea(schedule, lambda: lambda)
            for s in stride(from: 0, through: schedule.lastStep, by: 7) {
                let naive = ScheduleAreas.annealingAreaNaive(schedule, lambda: lambda, at: s)
                #expect(abs(fast[s] - naive) <= 1e-10, "λ \(lambda), step \(s): \(fast[s]) vs \(naive)")
            }
        }
    }

    @Test("S2 of a constant schedule is 0 and of a one-step drop is Δ·(1 − λ^n)/(1 − λ)")
    func annealingClosedForm() {
        var rates = [Double](repeating: 1, count: 101)
        for s in 51...100 { rates[s] = 0.25 }
        let areas = ScheduleAreas(StepSchedule(rates: rates, warmupSteps: 0), lambda: 0.9)
        #expect(areas.annealing[50] == 0)
        // m_i = 0.75·0.9^(i−51) for i ≥ 51; S2(100) = 0.75·(1 − 0.9^50)/(1 − 0.9).
        #expect(abs(areas.annealing[100] - 0.75 * (1 - pow(0.9, 50)) / 0.1) < 1e-12)
        #expect(areas.forward[100] == 50 + 50 * 0.25)
    }

    /// LD(t)/B and its derivatives in C, β and γ summed term by term with `pow`, as the paper
    /// writes them: the reference of the fast sum.
    static func naiveDrop(_ schedule: StepSchedule, at t: Int, c: Double, beta: Double, gamma: Double) -> [Double] {
        let f = ScheduleAreas.forwardArea(schedule)
        var sums = [0.0, 0.0, 0.0, 0.0]
        guard t > schedule.warmupSteps else { return sums }
        for k in (schedule.warmupSteps + 1)...t where k >= 1 {
            let d = schedule.rates[k - 1] - schedule.rates[k]
            guard d != 0 else { continue }
            let eta = schedule.rates[k]
            guard eta > 0 else {
                // A rate that reaches zero: its drop counts in full (G = 1).
                sums[0] += d
                continue
            }
            let x = pow(eta, -gamma) * (f[t] - f[k - 1])
            let u = c * x + 1
            sums[0] += d * (1 - pow(u, -beta))
            sums[1] += d * beta * pow(u, -beta - 1) * x
            sums[2] += d * pow(u, -beta) * log(u)
            sums[3] += d * beta * pow(u, -beta - 1) * c * x * -log(eta)
        }
        return sums
    }

    /// Short schedules of every kind for the fast sum: cosine with warm-up, linear, WSD with
    /// linear, cosine and 1−sqrt decays, inverse sqrt, piecewise with a rise after the warm-up,
    /// one falling to zero.
    static let shortSchedules: [(String, StepSchedule)] = [
        "cosine,warmup:100,peak:1,final:0.1,steps:3000", "linear,peak:1,final:0.05,steps:2000",
        "wsd,decay:0.3,shape:linear,warmup:50,peak:1,final:0.1,steps:2000", "wsd,decay:0.2,shape:cosine,warmup:50,peak:1,final:0.1,steps:2000",
        "wsd,decay:0.25,shape:1-sqrt,warmup:50,peak:1,final:0,steps:2000", "inverse-sqrt,warmup:100,peak:1,steps:3000",
        "piecewise,points:0=1;500=0.3;900=0.8;1500=0.1;2000=0.1,warmup:40,peak:1,steps:2000", "linear,final:0,peak:0.5,steps:900",
    ].map { ($0, try! ScheduleSyntax.parse($0).schedule()) }

    /// (C, β, γ): the fits' typical values, large and small C and β, γ at 0 and 1, and the
    /// degenerate corners fits reach: small β with large γ (the OLMo logs), large β with small C
    /// (curves that follow lr-annealing), β ≈ 21.
    static let parameterSets: [(Double, Double, Double)] = [
        (2, 0.6, 0.4), (0.05, 0.3, 0.9), (50, 1.5, 0.1), (1, 0.05, 0), (10, 3, 1), (0.5, 0.6, 0.5), (500, 0.4, 0.6), (0.002, 8, 0.3),
        (1e-3, 0.016, 4.7), (5e-8, 1.5e4, 0.5), (2, 21, 0.5), (0.01, 0.5, 4.7),
    ]

    /// The largest |fast − naive| of the value and the three derivatives at every 7th step, the
    /// value's absolute and each derivative's relative to max(peak, |naive|): the derivatives reach
    /// 4e6 at β = 1.5e4, where the naive sum's own rounding exceeds 1e-10.
    static func worstDifferences(_ schedule: StepSchedule, steps: [Int]) -> [Double] {
        let terms = MultiPowerTerms(schedule)
        var worst = [0.0, 0.0, 0.0, 0.0]
        for (c, beta, gamma) in parameterSets {
            for t in steps {
                let fast = terms.lossDrop(at: t, c: c, beta: beta, gamma: gamma)
                let naive = naiveDrop(schedule, at: t, c: c, beta: beta, gamma: gamma)
                for (k, v) in [fast.value, fast.dC, fast.dBeta, fast.dGamma].enumerated() {
                    let scale = k == 0 ? 1 : max(1, abs(naive[k]) / schedule.peak)
                    worst[k] = max(worst[k], abs(v - naive[k]) / scale)
                }
            }
        }
        return worst
    }

    @Test("the fast loss drop equals the paper's sum to 1e-10 of the peak, and its C, β, γ derivatives to 1e-10 of max(peak, their size), on short schedules of every kind",
          arguments: 0..<8)
    func lossDropExact(_ index: Int) {
        let (name, schedule) = Self.shortSchedules[index]
        let worst = Self.worstDifferences(schedule, steps: Array(stride(from: 1, through: schedule.lastStep, by: 7)) + [schedule.lastStep])
        print("\(name): worst |fast − naive| value \(worst[0]) ∂C \(worst[1]) ∂β \(worst[2]) ∂γ \(worst[3]) (peak \(schedule.peak))")
        for (k, w) in worst.enumerated() { #expect(w <= 1e-10 * schedule.peak, "\(name) component \(k): \(w)") }
    }

    @Test("the fast sum keeps the old five small schedules exact to 1e-10")
    func lossDropExactSmall() {
        for schedule in Self.schedules {
            let terms = MultiPowerTerms(schedule)
            for t in stride(from: 1, through: schedule.lastStep, by: 5) {
                let fast = terms.lossDrop(at: t, c: 2, beta: 0.6, gamma: 0.4).value
                let naive = MultiPowerTerms.lossDropNaive(schedule, at: t, c: 2, beta: 0.6, gamma: 0.4)
                #expect(abs(fast - naive) <= 1e-10, "step \(t): \(fast) vs \(naive)")
            }
        }
    }

    @Test("the fast path of a fit (lossDrops through the law's kernel) gives the single-step sums")
    func lossDropsAgree() throws {
        let schedule = try ScheduleSyntax.parse("wsd,decay:0.3,shape:cosine,warmup:50,peak:0.01,final:0.1,steps:2000").schedule()
        let law = MultiPowerLaw(curves: [MultiPowerTerms(schedule)])
        let steps = Array(stride(from: 60, through: 2000, by: 13))
        let kernel = try #require(law.responseKernel(inputs: [steps.map { _ in 0 }, steps.map(Double.init)]))
        let p = [2.0, 1.0, 0.4, 20, 3, 0.7, 0.45]
        var out = [Double](repeating: 0, count: steps.count)
        kernel.model(p, &out)
        var g = [Double](repeating: 0, count: 7)
        for (i, t) in steps.enumerated() {
            #expect(abs(out[i] - law.evaluate([0, Double(t)], p)) <= 1e-13)
            law.gradient([0, Double(t)], p, into: &g)
            let naive = Self.naiveDrop(schedule, at: t, c: 3, beta: 0.7, gamma: 0.45)
            #expect(abs(g[3] + naive[0]) <= 1e-12)
            #expect(abs(g[4] + 20 * naive[1]) <= 1e-10)
            #expect(abs(g[5] + 20 * naive[2]) <= 1e-10)
            #expect(abs(g[6] + 20 * naive[3]) <= 1e-10)
        }
    }

    /// Measured nodes and terms per step at the last step of a cosine to 0.1× (C = 2, β = 0.6,
    /// γ = 0.4): see the print; the bound is c·log2(T)² with c from T = 10^3.
    @Test("the work per step grows as log² T, not T (cosine, T = 10^3, 10^4, 10^5)")
    func workPerStep() throws {
        var work: [Int] = []
        for steps in [1_000, 10_000, 100_000] {
            let schedule = try ScheduleSyntax.parse("cosine,warmup:\(steps / 100),peak:1e-3,final:0.1,steps:\(steps)").schedule()
            let terms = MultiPowerTerms(schedule)
            #expect(terms.changingSteps >= steps * 9 / 10)
            let most = [steps / 3, steps / 2, steps - 1, steps].map { terms.work(at: $0, c: 2, beta: 0.6, gamma: 0.4) }.max() ?? 0
            work.append(most)
        }
        print("work per step at T = 10^3, 10^4, 10^5: \(work)")
        let perLog = Double(work[0]) / pow(log2(1_000.0), 2)
        #expect(Double(work[2]) <= 1.5 * perLog * pow(log2(100_000.0), 2), "work \(work)")
        #expect(work[2] < 1_000, "work \(work)")
    }

    @Test("the loss drop's derivatives match central differences")
    func lossDropDerivatives() throws {
        let schedule = try ScheduleSyntax.parse("wsd,decay:0.4,shape:cosine,warmup:20,peak:0.5,final:0.1,steps:400").schedule()
        let terms = MultiPowerTerms(schedule)
        let (c, b, g) = (1.5, 0.7, 0.3)
        for t in [150, 300, 400] {
            let d = terms.lossDrop(at: t, c: c, beta: b, gamma: g)
            let h = 1e-6
            let dc = (terms.lossDrop(at: t, c: c + h, beta: b, gamma: g).value - terms.lossDrop(at: t, c: c - h, beta: b, gamma: g).value) / (2 * h)
            let db = (terms.lossDrop(at: t, c: c, beta: b + h, gamma: g).value - terms.lossDrop(at: t, c: c, beta: b - h, gamma: g).value) / (2 * h)
            let dg = (terms.lossDrop(at: t, c: c, beta: b, gamma: g + h).value - terms.lossDrop(at: t, c: c, beta: b, gamma: g - h).value) / (2 * h)
            #expect(abs(d.dC - dc) <= 1e-7 * max(1, abs(dc)))
            #expect(abs(d.dBeta - db) <= 1e-7 * max(1, abs(db)))
            #expect(abs(d.dGamma - dg) <= 1e-7 * max(1, abs(dg)))
        }
    }
}

