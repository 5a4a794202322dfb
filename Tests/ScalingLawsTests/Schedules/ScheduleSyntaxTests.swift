import Foundation
import ScalingLaws
import Testing

@Suite("Schedule syntax")
struct ScheduleSyntaxTests {
    @Test("parses the documented examples")
    func examples() throws {
        let cosine = try ScheduleSyntax.parse("warmup:1000,cosine,peak:3e-4,final:0.1,steps:16279")
        #expect(cosine == ScheduleSpecification(shape: .cosine, warmup: 1000, peak: 3e-4, final: 0.1, steps: 16279))
        let wsd = try ScheduleSyntax.parse("wsd:decay=0.2,shape=1-sqrt")
        #expect(wsd == ScheduleSpecification(shape: .wsd(decay: .fraction(0.2), shape: .oneMinusSqrt)))
        let start = try ScheduleSyntax.parse("wsd, decay-start:9000, shape:cosine, steps:10000")
        #expect(start.shape == .wsd(decay: .start(9000), shape: .cosine))
        let inverse = try ScheduleSyntax.parse("inverse-sqrt,warmup:2000,timescale:500,steps:100000")
        #expect(inverse.shape == .inverseSquareRoot(timescale: 500))
        let piecewise = try ScheduleSyntax.parse("piecewise,points:0=1;8000=1;10000=0.1,steps:10000")
        #expect(piecewise.shape == .piecewise([.init(step: 0, fraction: 1), .init(step: 8000, fraction: 1), .init(step: 10000, fraction: 0.1)]))
    }

    @Test("prints the canonical form, which parses back to the same value")
    func roundTrip() throws {
        let texts = [
            "warmup:1000,cosine,peak:3e-4,final:0.1,steps:16279", "wsd:decay=0.2,shape=1-sqrt", "constant", "linear,final:0.5",
            "wsd,decay-start:900,steps:1000", "inverse-sqrt,warmup:10", "piecewise,points:0=1;5=0.25", "cosine,peak:1e-10,final:1",
        ]
        for text in texts {
            let spec = try ScheduleSyntax.parse(text)
            let printed = ScheduleSyntax.print(spec)
            #expect(try ScheduleSyntax.parse(printed) == spec, "\(text) → \(printed)")
        }
        #expect(ScheduleSyntax.print(try ScheduleSyntax.parse("warmup:1000,cosine,peak:3e-4,final:0.1,steps:16279"))
                == "cosine,warmup:1000,peak:0.0003,final:0.1,steps:16279")
        #expect(ScheduleSyntax.print(try ScheduleSyntax.parse("wsd")) == "wsd,decay:0.2,shape:linear")
    }

    @Test("errors are one line and name the column", arguments: [
        ("cosine,peak:abc", "schedule 'cosine,peak:abc': column 13: expected a number after 'peak:', got 'abc'"),
        ("warmup:10", "schedule 'warmup:10': column 10: expected a schedule shape (constant, linear, cosine, wsd, inverse-sqrt, piecewise)"),
        ("cosine,linear", "schedule 'cosine,linear': column 8: expected one schedule shape; 'cosine' was already given, got 'linear'"),
        ("cosine,,steps:5", "schedule 'cosine,,steps:5': column 8: expected a schedule shape or an option, got an empty item"),
        ("cosine,peak:1,peak:2", "schedule 'cosine,peak:1,peak:2': column 15: expected each option once; 'peak' is repeated"),
        ("cosine,final:2", "schedule 'cosine,final:2': column 14: expected a final rate between 0 and 1 (a fraction of the peak), got 2.0"),
        ("cosine,warmup:100,steps:50", "schedule 'cosine,warmup:100,steps:50': column 25: expected more steps than the warm-up of 100, got 50"),
        ("cosine,decay:0.2", "schedule 'cosine,decay:0.2': column 8: expected 'decay' only with the wsd shape"),
        ("wsd,shape:exp", "schedule 'wsd,shape:exp': column 11: expected a decay shape (linear, cosine, 1-sqrt), got 'exp'"),
        ("piecewise,points:0=1;5=x", "schedule 'piecewise,points:0=1;5=x': column 22: expected a point STEP=FRACTION (whole step, fraction of the peak ≥ 0), got '5=x'"),
        ("cosine,steps:1.5", "schedule 'cosine,steps:1.5': column 14: expected a whole number of steps from 1 to 100000000 after 'steps:', got 1.5"),
        ("cosine\nsteps:3", "schedule 'cosine steps:3': column 1: expected an option (warmup, peak, final, steps, decay, decay-start, shape, timescale, points), got 'cosine steps'"),
    ])
    func errors(_ text: String, _ message: String) {
        #expect(throws: ScheduleError.self) { try ScheduleSyntax.parse(text) }
        do {
            _ = try ScheduleSyntax.parse(text)
        } catch {
            #expect("\(error)" == message)
            #expect(!"\(error)".contains("\n"))
        }
    }

    @Test("a specification lays out the published shapes")
    func layout() throws {
        let cosine = try ScheduleSyntax.parse("cosine,warmup:10,peak:2,final:0.1,steps:110").schedule()
        #expect(cosine.rates[0] == 0)
        #expect(cosine.rates[5] == 1)
        #expect(cosine.rates[10] == 2)
        #expect(abs(cosine.rates[60] - 2 * (0.1 + 0.9 * 0.5)) < 1e-15)
        #expect(abs(cosine.rates[110] - 0.2) < 1e-15)
        #expect(cosine.warmupSteps == 10)
        let wsd = try ScheduleSyntax.parse("wsd,decay:0.2,shape:linear,steps:100").schedule()
        #expect(wsd.rates[80] == 1)
        #expect(abs(wsd.rates[90] - 0.5) < 1e-15)
        #expect(wsd.rates[100] == 0)
        let sqrt = try ScheduleSyntax.parse("wsd,decay:0.5,shape:1-sqrt,steps:100").schedule()
        #expect(abs(sqrt.rates[75] - (1 - 0.5.squareRoot())) < 1e-15)
        let inverse = try ScheduleSyntax.parse("inverse-sqrt,warmup:4,steps:16").schedule()
        #expect(inverse.rates[16] == 0.5)
        let piecewise = try ScheduleSyntax.parse("piecewise,points:2=1;6=0.5,steps:8").schedule()
        #expect(piecewise.rates == [1, 1, 1, 0.875, 0.75, 0.625, 0.5, 0.5, 0.5])
        #expect(throws: ScheduleError.noStepCount(specification: "cosine")) { try ScheduleSyntax.parse("cosine").schedule() }
    }
}
