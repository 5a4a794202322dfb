import Foundation
import Forecast
import Testing
import TestSupport

/// `--budgets` and `--cost` specifications.
@Suite("budget lists and cost models")
struct BudgetListTests {
    @Test("geometric ranges are inclusive")
    func geometric() throws {
        let decades = try BudgetList.parse("1e21:1e27:x10")
        #expect(decades.count == 7)
        #expect(isClose(decades, [1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27], rel: 1e-12))
        #expect(decades.last == 1e27)
        // The stop need not be on the sequence: 1e21·2^k up to 1e22 is 1e21 … 8e21.
        #expect(isClose(try BudgetList.parse("1e21:1e22:x2"), [1e21, 2e21, 4e21, 8e21], rel: 1e-12))
        #expect(try BudgetList.parse("5.76e23:5.76e23:x10") == [5.76e23])
        #expect(isClose(try BudgetList.parse(" 1e20 : 1e21 : X3.1622776601683795 "), [1e20, 3.1622776601683795e20, 1e21], rel: 1e-12))
    }

    @Test("comma lists keep their order; one number is a list of one")
    func commaLists() throws {
        #expect(try BudgetList.parse("1e25, 5.76e23,1e21") == [1e25, 5.76e23, 1e21])
        #expect(try BudgetList.parse("5.76e23") == [5.76e23])
    }

    @Test("malformed specs name what is wrong", arguments: [
        ("", "invalid budgets '': expected START:STOP:xFACTOR (e.g. 1e21:1e27:x10) or a comma list (e.g. 1e21,5.76e23)"),
        ("1e21:1e27", "invalid budgets '1e21:1e27': expected START:STOP:xFACTOR (e.g. 1e21:1e27:x10) or a comma list (e.g. 1e21,5.76e23)"),
        ("1e21:1e27:x10:x2", "invalid budgets '1e21:1e27:x10:x2': expected START:STOP:xFACTOR (e.g. 1e21:1e27:x10) or a comma list (e.g. 1e21,5.76e23)"),
        ("1e21:1e27:10", "invalid budgets '1e21:1e27:10': step '10' must be a factor written xFACTOR, e.g. x10"),
        ("1e21:1e27:xten", "invalid budgets '1e21:1e27:xten': step 'xten' must be a factor written xFACTOR, e.g. x10"),
        ("1e21:1e27:x1", "invalid budgets '1e21:1e27:x1': factor x1 must be greater than 1"),
        ("1e21:1e27:x0.5", "invalid budgets '1e21:1e27:x0.5': factor x0.5 must be greater than 1"),
        ("1e27:1e21:x10", "invalid budgets '1e27:1e21:x10': start 1e27 is above stop 1e21"),
        ("1e21:abc:x10", "invalid budgets '1e21:abc:x10': 'abc' is not a number"),
        ("0:1e21:x10", "invalid budgets '0:1e21:x10': '0' is not a positive number of FLOP"),
        ("1e21,,1e22", "invalid budgets '1e21,,1e22': empty entry; expected START:STOP:xFACTOR (e.g. 1e21:1e27:x10) or a comma list (e.g. 1e21,5.76e23)"),
        ("1e21,-5", "invalid budgets '1e21,-5': '-5' is not a positive number of FLOP"),
        ("1:1e30:x1.01", "invalid budgets '1:1e30:x1.01': more than 1000 budgets"),
    ])
    func malformed(_ spec: String, _ message: String) {
        do {
            let values = try BudgetList.parse(spec)
            Issue.record("'\(spec)' parsed as \(values)")
        } catch {
            #expect(String(describing: error) == message)
        }
    }

    @Test("cost models")
    func costModels() throws {
        #expect(try CostModel.parse("6ND").description == "C = 6ND")
        #expect(try CostModel.parse("6nd").cost(parameters: 2, tokens: 3) == 36)
        let inference = try CostModel.parse("inference:1e13")
        #expect(inference.cost(parameters: 1e9, tokens: 2e10) == 6 * 1e9 * 2e10 + 2 * 1e9 * 1e13)
        #expect(isClose(try #require(inference.tokens(parameters: 1e9, budget: 1.4e23)), (1.4e23 - 2e22) / 6e9, rel: 1e-15))
        // The budget spent on serving alone leaves nothing to train.
        #expect(inference.tokens(parameters: 1e10, budget: 1e23) == nil)
        for (spec, message) in [
            ("7ND", "invalid cost model '7ND': expected 6ND or inference:TOKENS, e.g. inference:1e13"),
            ("inference:", "invalid cost model 'inference:': '' is not a number of tokens >= 0; expected 6ND or inference:TOKENS, e.g. inference:1e13"),
            ("inference:-3", "invalid cost model 'inference:-3': '-3' is not a number of tokens >= 0; expected 6ND or inference:TOKENS, e.g. inference:1e13"),
        ] {
            #expect(throws: ForecastError.invalidCostModel(spec: spec, reason: String(message.split(separator: ": ", maxSplits: 1)[1]))) {
                try CostModel.parse(spec)
            }
        }
    }

    @Test("a custom cost solves for D by root search")
    func customTokens() throws {
        let cost = CostModel.custom { n, d in 6 * n * d + 1e3 * n }
        let d = try #require(cost.tokens(parameters: 1e9, budget: 1e21))
        #expect(isClose(cost.cost(parameters: 1e9, tokens: d), 1e21, rel: 1e-12))
        #expect(cost.tokens(parameters: 1e9, budget: 1e11) == nil)
    }
}
