import Foundation
import ScalingLaws
import Testing

@Suite("Schedule reconstruction from logged rates")
struct ScheduleReconstructionTests {
    @Test("a WSD schedule with linear decay logged every 10 steps is rebuilt exactly, warm-up corner included")
    func exactOnLines() throws {
        let truth = try ScheduleSyntax.parse("wsd,decay-start:150,warmup:25,peak:2,final:0.1,steps:200").schedule()
        let steps = stride(from: 10, through: 200, by: 10).map(Double.init)
        let rebuilt = try StepSchedule.interpolating(steps: steps, rates: steps.map { truth.rates[Int($0)] }, source: "run.csv")
        #expect(rebuilt.lastStep == 200)
        for s in 0...200 { #expect(abs(rebuilt.rates[s] - truth.rates[s]) < 1e-12, "step \(s)") }
        #expect(rebuilt.warmupSteps == 25)
    }

    @Test("a WSD branch continues its constant run and its decay line is extended back to the peak")
    func branch() throws {
        let truth = try ScheduleSyntax.parse("wsd,decay-start:850,warmup:100,final:0.1,steps:1000").schedule()
        let constantSteps = stride(from: 100, through: 1000, by: 100).map(Double.init)
        let branchSteps = stride(from: 900, through: 1000, by: 20).map(Double.init)
        let schedule = try StepSchedule.continuing((constantSteps, constantSteps.map { _ in 1 }), branchSteps: branchSteps,
                                                   branchRates: branchSteps.map { truth.rates[Int($0)] }, source: "branch.csv")
        for s in 0...1000 { #expect(abs(schedule.rates[s] - truth.rates[s]) < 1e-12, "step \(s)") }
    }

    @Test("bad rates, too few rates and a branch outside its run are one-line errors")
    func errors() {
        #expect(throws: ScheduleError.badRate(source: "a.csv", step: 20, value: -1)) {
            try StepSchedule.interpolating(steps: [10, 20], rates: [1, -1], source: "a.csv")
        }
        #expect(throws: ScheduleError.tooFewRates(source: "a.csv", count: 1)) {
            try StepSchedule.interpolating(steps: [10, 20], rates: [1, .nan], source: "a.csv")
        }
        #expect(throws: ScheduleError.branchOutsideRun(source: "b.csv", branchStep: 2000, runFirst: 100, runLast: 1000)) {
            try StepSchedule.continuing(([100, 1000], [1, 1]), branchSteps: [2000, 2100], branchRates: [0.5, 0.1], source: "b.csv")
        }
        #expect(ScheduleError.badRate(source: "a.csv", step: 20, value: -1).description
                == "a.csv: learning rate -1.0 at step 20 is not a non-negative number")
        #expect(ScheduleError.branchOutsideRun(source: "b.csv", branchStep: 2000, runFirst: 100, runLast: 1000).description
                == "b.csv: the branch starts at step 2000, outside its constant run's steps 100…1000")
    }
}
