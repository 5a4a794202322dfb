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

    @Test("the ungrouped loss drop equals the paper's sum to 1e-10")
    func lossDropExact() {
        for schedule in Self.schedules {
            let terms = MultiPowerTerms(schedule, maximumGroupDrop: 0)
            for t in stride(from: 1, through: schedule.lastStep, by: 5) {
                let fast = terms.lossDrop(at: t, c: 2, beta: 0.6, gamma: 0.4).value
                let naive = MultiPowerTerms.lossDropNaive(schedule, at: t, c: 2, beta: 0.6, gamma: 0.4)
                #expect(abs(fast - naive) <= 1e-10, "step \(t): \(fast) vs \(naive)")
            }
        }
    }

    @Test("the grouped loss drop stays within 2e-5 of the peak rate on a 3,000-step cosine; groups do not grow with the steps")
    func lossDropGrouped() throws {
        let schedule = try ScheduleSyntax.parse("cosine,warmup:100,peak:1e-3,final:0.1,steps:3000").schedule()
        let grouped = MultiPowerTerms(schedule)
        // At most 0.1% of the peak per group: about 900 groups for a decay to 0.1×, whatever T.
        #expect(grouped.groupCount <= 1100)
        let long = try ScheduleSyntax.parse("cosine,warmup:100,peak:1e-3,final:0.1,steps:100000").schedule()
        #expect(MultiPowerTerms(long).groupCount <= 1100)
        var worst = 0.0
        for t in stride(from: 101, through: 3000, by: 37) {
            let fast = grouped.lossDrop(at: t, c: 2, beta: 0.6, gamma: 0.4).value
            let naive = MultiPowerTerms.lossDropNaive(schedule, at: t, c: 2, beta: 0.6, gamma: 0.4)
            worst = max(worst, abs(fast - naive))
        }
        // Measured 1.37e-8 = 1.4e-5 of the peak (1.5e-5 of the total drop).
        #expect(worst <= 2e-5 * schedule.peak, "largest difference \(worst)")
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
