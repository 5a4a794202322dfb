import Foundation
import ScalingLaws
import Testing

@Suite("RowPredicate: the --where language")
struct RowPredicateTests {
    @Test("parses every form to the expected value", arguments: [
        ("N>=1e8", RowPredicate(column: "N", test: .compare(.greaterOrEqual, .number(1e8)))),
        ("N >= 70B", RowPredicate(column: "N", test: .compare(.greaterOrEqual, .number(7e10)))),
        ("D<=1.4T", RowPredicate(column: "D", test: .compare(.lessOrEqual, .number(1.4e12)))),
        ("seed=0", RowPredicate(column: "seed", test: .compare(.equal, .number(0)))),
        ("seed != 2", RowPredicate(column: "seed", test: .compare(.notEqual, .number(2)))),
        ("C<2e20", RowPredicate(column: "C", test: .compare(.less, .number(2e20)))),
        ("N>-3.5e-2", RowPredicate(column: "N", test: .compare(.greater, .number(-0.035)))),
        ("experiment==llama_3__raw_loss", RowPredicate(column: "experiment", test: .compare(.equal, .text("llama_3__raw_loss")))),
        ("dataset!=comma", RowPredicate(column: "dataset", test: .compare(.notEqual, .text("comma")))),
        ("run == ' padded '", RowPredicate(column: "run", test: .compare(.equal, .text("padded")))),
        ("run == '7'", RowPredicate(column: "run", test: .compare(.equal, .text("7")))),
        ("name == 'it''s'", RowPredicate(column: "name", test: .compare(.equal, .text("it's")))),
        ("'Model Size' > 1e9", RowPredicate(column: "Model Size", test: .compare(.greater, .number(1e9)))),
        ("run in [a, 'b c', 7]", RowPredicate(column: "run", test: .member([.text("a"), .text("b c"), .number(7)]))),
        ("1e8<=N<=1e10", RowPredicate(column: "N", test: .between(lower: 1e8, lowerStrict: false, upper: 1e10, upperStrict: false))),
        ("1e8 < N <= 2T", RowPredicate(column: "N", test: .between(lower: 1e8, lowerStrict: true, upper: 2e12, upperStrict: false))),
    ])
    func parses(_ text: String, _ expected: RowPredicate) throws {
        #expect(try RowPredicate(parsing: text) == expected)
    }

    @Test("canonical printing", arguments: [
        ("N>=1e8", "N >= 100000000"),
        ("C<2e20", "C < 2e+20"),
        ("C<2e30", "C < 2e+30"),
        ("dataset!=comma", "dataset != comma"),
        ("run == '7'", "run == '7'"),
        ("name == \"it's\"", "name == 'it''s'"),
        ("'Model Size' > 1e9", "'Model Size' > 1000000000"),
        ("run in [a,'b c',7]", "run in [a, 'b c', 7]"),
        ("1e8<=N<1e10", "100000000 <= N < 10000000000"),
        ("x == in", "x == 'in'"),
        ("x == ''", "x == ''"),
    ])
    func prints(_ text: String, _ expected: String) throws {
        let predicate = try RowPredicate(parsing: text)
        #expect(predicate.description == expected)
        #expect(try RowPredicate(parsing: predicate.description) == predicate)
    }

    @Test("round trip over constructed predicates with awkward names and values")
    func roundTrip() throws {
        let names = ["N", "Model Size", "in", "1e8", "a'b", "x\"y", "α"]
        let values: [RowPredicate.Value] = [
            .number(0), .number(-0.0), .number(5e-324), .number(1.7976931348623157e308), .number(0.1), .number(-3),
            .text(""), .text("in"), .text("70B"), .text("a b"), .text("it's"), .text("say \"hi\""), .text("[x]"), .text("llama_3"),
        ]
        for name in names {
            for value in values {
                for op in RowPredicate.Operator.allCases where !(op.isOrdering && { if case .text = value { return true } else { return false } }()) {
                    let predicate = RowPredicate(column: name, test: .compare(op, value))
                    #expect(try RowPredicate(parsing: predicate.description) == predicate, "\(predicate)")
                }
            }
            let member = RowPredicate(column: name, test: .member(values))
            #expect(try RowPredicate(parsing: member.description) == member, "\(member)")
        }
    }

    @Test("JSON holds the canonical expression")
    func codable() throws {
        let predicate = try RowPredicate(parsing: "run in [a, 'b c']")
        let data = try JSONEncoder().encode([predicate])
        #expect(String(decoding: data, as: UTF8.self) == "[\"run in [a, 'b c']\"]")
        #expect(try JSONDecoder().decode([RowPredicate].self, from: data) == [predicate])
    }

    @Test("errors are one line naming the expression and what was expected", arguments: [
        ("", "invalid --where '': expected COLUMN OP VALUE at character 1; e.g. 'N>=1e8', 'dataset==rw', 'run in [a, b]' or '1e8<=N<=1e10'"),
        ("N", "invalid --where 'N': expected an operator (==, !=, <, <=, >, >=) or 'in' at character 2; e.g. 'N>=1e8', 'dataset==rw', 'run in [a, b]' or '1e8<=N<=1e10'"),
        ("N>>1", "invalid --where 'N>>1': expected a value (a number, a word or quoted text) at character 3; e.g. 'N>=1e8', 'dataset==rw', 'run in [a, b]' or '1e8<=N<=1e10'"),
        ("N==1 2", "invalid --where 'N==1 2': expected the end of the expression at character 6; e.g. 'N>=1e8', 'dataset==rw', 'run in [a, b]' or '1e8<=N<=1e10'"),
        ("x in []", "invalid --where 'x in []': expected a value (a number, a word or quoted text) at character 7; e.g. 'N>=1e8', 'dataset==rw', 'run in [a, b]' or '1e8<=N<=1e10'"),
        ("x == 'open", "invalid --where 'x == 'open': expected a closing ' at character 11; e.g. 'N>=1e8', 'dataset==rw', 'run in [a, b]' or '1e8<=N<=1e10'"),
        ("N ! 3", "invalid --where 'N ! 3': expected '!=' at character 3; e.g. 'N>=1e8', 'dataset==rw', 'run in [a, b]' or '1e8<=N<=1e10'"),
        ("dataset<rw", "invalid --where 'dataset<rw': 'rw' is text; <, <=, > and >= compare numbers"),
        ("N>=inf", "invalid --where 'N>=inf': 'inf' is not a finite number"),
        ("1e10<=N<=1e8", "invalid --where '1e10<=N<=1e8': the lower end is above the upper end"),
    ])
    func errors(_ text: String, _ message: String) {
        do {
            let predicate = try RowPredicate(parsing: text)
            Issue.record("parsed '\(text)' as \(predicate)")
        } catch let error as RowPredicateError {
            #expect(error.description == message)
            #expect(!error.description.contains("\n"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}

@Suite("--where fuzz regressions")
struct RowPredicateFuzzRegressionTests {
    /// fuzz-where, 87 s into a 10-minute run: `\u{1}\0\0=\t\u{7F1}\u{12}a` parsed to a value that
    /// starts with a combining mark (U+07F1, after a tab, which does not combine); printed after a
    /// space it merged into the space and was lost on the round trip. Such values are refused.
    @Test("A value or column starting with a combining mark is refused, not mangled")
    func combiningMark() throws {
        let text = String(decoding: try #require(Data(base64Encoded: "AQAAPQnfsRJh")), as: UTF8.self)
        #expect(throws: RowPredicateError.self) { try RowPredicate(parsing: text) }
        #expect(throws: RowPredicateError.self) { try RowPredicate(parsing: "x == '  \u{301}a'") }
        #expect(throws: RowPredicateError.self) { try RowPredicate(parsing: "1 <=\t\u{301}N <= 2") }
        // A mark inside a word is kept, and prints back.
        let kept = try RowPredicate(parsing: "name == cafe\u{301}")
        #expect(try RowPredicate(parsing: kept.description) == kept)
    }
}
