import Foundation
import ScalingLaws
import Testing

@Suite("InputSpecification: selecting rows before conversion, groups")
struct InputSpecificationTests {
    static let text = """
        dataset,size,N,D,loss
        rw,1,1e8,2e9,3.5
        c4,2,2e8,4e9,3.25
        rw,10,4e8,8e9,3.0
        bad,x,garbage,1e9,oops
        c4,1,8e8,1.6e10,2.75

        """

    func write() throws -> URL {
        let directory = try makeDataTestDirectory()
        let url = directory.appendingPathComponent("runs.csv")
        try Data(Self.text.utf8).write(to: url)
        return url
    }

    @Test("predicates run on the text first: a garbage cell in an excluded row is never parsed")
    func garbageExcluded() throws {
        let url = try write()
        let specification = InputSpecification(path: url.path, predicates: [try RowPredicate(parsing: "dataset != bad")])
        let selection = try specification.load(roles: ["N", "D", "loss"])
        #expect(selection.dataset.count == 4)
        #expect(try selection.dataset.column("N") == [1e8, 2e8, 4e8, 8e8])
        #expect(selection.dataset.rowLines == [2, 3, 4, 6])
        // Whatever the order of the conditions: N > 0 cannot read 'garbage', but the row is excluded.
        let later = InputSpecification(
            path: url.path, predicates: [try RowPredicate(parsing: "N > 0"), try RowPredicate(parsing: "dataset != bad")])
        #expect(try later.load(roles: ["N", "D", "loss"]).dataset.count == 4)
        let all = InputSpecification(path: url.path)
        #expect(dataErrorMessage { _ = try all.load(roles: ["N", "D", "loss"]) } == "runs.csv, line 5, column 'N': expected a number, got 'garbage'")
    }

    @Test("--by groups: text in first-appearance order, numbers sorted; each group records its predicate")
    func groups() throws {
        let url = try write()
        var specification = InputSpecification(path: url.path, predicates: [try RowPredicate(parsing: "dataset in [rw, c4]")], by: "dataset")
        let byText = try specification.load(roles: ["N", "loss"]).groups()
        #expect(byText.map(\.label) == ["rw", "c4"])
        #expect(try byText[1].dataset.column("N") == [2e8, 8e8])
        #expect(byText[1].record.specification.predicates.map(\.description) == ["dataset in [rw, c4]", "dataset == c4"])
        #expect(byText[1].record.group == "c4")
        specification.by = "size"
        let byNumber = try specification.load(roles: ["N", "loss"]).groups()
        #expect(byNumber.map(\.label) == ["1", "2", "10"])
        #expect(try byNumber[0].dataset.column("N") == [1e8, 8e8])
    }

    @Test("errors: unknown columns with their near match, type mismatches, an empty selection, a small group")
    func errors() throws {
        let url = try write()
        func message(_ predicates: [String], by: String? = nil, filters: [RowFilter] = []) -> String? {
            dataErrorMessage {
                let specification = InputSpecification(
                    path: url.path, predicates: try predicates.map(RowPredicate.init(parsing:)), filters: filters, by: by)
                let selection = try specification.load(roles: ["N", "loss"])
                try selection.requireGroups(atLeast: 2, reason: "to fit the 2 free parameters")
            }
        }
        #expect(message(["datset == rw"]) == "runs.csv: --where 'datset == rw': no column named 'datset'; did you mean 'dataset'? (columns: dataset, size, N, D, loss)")
        #expect(message([], by: "sise") == "runs.csv: --by: no column named 'sise'; did you mean 'size'? (columns: dataset, size, N, D, loss)")
        #expect(message([], filters: [.dropHighest(column: "los", count: 1)]) == "runs.csv: --drop-highest: no column named 'los'; did you mean 'loss'? (columns: dataset, size, N, D, loss)")
        #expect(message(["D == llama"]) == "runs.csv: --where 'D == llama' compares text, but column 'D' holds numbers; compare it with a number")
        #expect(message(["dataset >= 3"]) == "runs.csv, line 2, column 'dataset': --where 'dataset >= 3' compares a number, but the cell holds text 'rw'")
        #expect(message(["dataset == pile", "D > 0"]) == "runs.csv: no row satisfies --where 'dataset == pile' and 'D > 0'")
        #expect(message(["dataset != bad"], by: "size") == "runs.csv: --by size: group '2' has 1 row, expected at least 2 to fit the 2 free parameters")
    }

    @Test("a record replays the same rows and refuses changed data")
    func record() throws {
        let url = try write()
        let specification = InputSpecification(path: url.path, columns: ["loss": "loss"], predicates: [try RowPredicate(parsing: "dataset == rw")])
        let selection = try specification.load(roles: ["N", "loss"])
        let record = selection.record
        #expect(record.rows == 2)
        let data = try JSONEncoder().encode(record)
        #expect(try JSONDecoder().decode(InputRecord.self, from: data) == record)
        let (replayed, overridden) = record.specification(path: url.path)
        #expect(!overridden)
        try record.verify(try replayed.load(roles: ["N", "loss"]), artifact: "f.json")
        try Data(Self.text.replacingOccurrences(of: "rw,1,1e8,2e9,3.5", with: "rw,1,1e8,2e9,3.6").utf8).write(to: url)
        #expect(dataErrorMessage { try record.verify(try replayed.load(roles: ["N", "loss"]), artifact: "f.json") }?
            .hasPrefix("f.json: made from other data than \(url.path): the selected rows differ (2 rows, digest ") == true)
    }
}
