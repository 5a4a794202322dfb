import ScalingLaws
import TestSupport
import Testing

@Suite("RowFilter")
struct RowFilterTests {
    /// Rows on lines 2…6.
    static func sample(_ loss: [Double], n: [Double]? = nil) throws -> Dataset {
        try Dataset(source: "runs.csv", columns: ["loss": loss, "N": n ?? loss.indices.map { Double($0 + 1) }])
    }

    @Test("dropHighest keeps rows strictly below the k-th highest value")
    func dropHighest() throws {
        let data = try Self.sample([1, 5, 3, 4, 2])
        let kept = try data.filtered(by: .dropHighest(column: "loss", count: 2))
        #expect(isClose(try kept.column("loss"), [1, 3, 2]))
        #expect(kept.rowLines == [2, 4, 6])
        #expect(isClose(try kept.column("N"), [1, 3, 5]))
    }

    @Test("dropHighest drops every row tied at the threshold (Epoch's convention)")
    func dropHighestTies() throws {
        let data = try Self.sample([1, 4, 4, 2, 4])
        let kept = try data.filtered(by: .dropHighest(column: "loss", count: 1))
        #expect(isClose(try kept.column("loss"), [1, 2]))
        let two = try data.filtered(by: .dropHighest(column: "loss", count: 2))
        #expect(isClose(try two.column("loss"), [1, 2]))
    }

    @Test("dropLowest mirrors dropHighest")
    func dropLowest() throws {
        let data = try Self.sample([1, 5, 3, 4, 2])
        let kept = try data.filtered(by: .dropLowest(column: "loss", count: 2))
        #expect(isClose(try kept.column("loss"), [5, 3, 4]))
        let ties = try Self.sample([1, 1, 3, 1, 2])
        #expect(isClose(try ties.filtered(by: .dropLowest(column: "loss", count: 1)).column("loss"), [3, 2]))
    }

    @Test("count zero keeps every row")
    func zeroCount() throws {
        let data = try Self.sample([1, 5, 3])
        #expect(try data.filtered(by: .dropHighest(column: "loss", count: 0)) == data)
        #expect(try data.filtered(by: .dropLowest(column: "loss", count: 0)) == data)
    }

    @Test("keepRange is inclusive, either side optional")
    func keepRange() throws {
        let data = try Self.sample([1, 5, 3, 4, 2])
        #expect(isClose(try data.filtered(by: .keepRange(column: "loss", min: 2, max: 4)).column("loss"), [3, 4, 2]))
        #expect(isClose(try data.filtered(by: .keepRange(column: "loss", min: 4, max: nil)).column("loss"), [5, 4]))
        #expect(isClose(try data.filtered(by: .keepRange(column: "loss", min: nil, max: 1)).column("loss"), [1]))
        #expect(try data.filtered(by: .keepRange(column: "loss", min: nil, max: nil)) == data)
    }

    @Test("keepEquals compares exactly")
    func keepEquals() throws {
        let data = try Self.sample([1, 5, 3, 5, 2])
        let kept = try data.filtered(by: .keepEquals(column: "loss", value: 5))
        #expect(kept.rowLines == [3, 5])
    }

    @Test("filters apply in order")
    func order() throws {
        let data = try Self.sample([1, 5, 3, 4, 2], n: [10, 20, 30, 40, 50])
        let first = try data.filtered([.dropHighest(column: "loss", count: 1), .keepRange(column: "N", min: 30, max: nil)])
        #expect(isClose(try first.column("loss"), [3, 4, 2]))
        let second = try data.filtered([.keepRange(column: "N", min: 30, max: nil), .dropHighest(column: "loss", count: 1)])
        #expect(isClose(try second.column("loss"), [3, 2]))
        #expect(try data.filtered([]) == data)
    }

    @Test("filter errors: exact messages")
    func errors() throws {
        let data = try Self.sample([1, 5, 3])
        #expect(dataErrorMessage { _ = try data.filtered(by: .dropHighest(column: "loss", count: 3)) }
            == "runs.csv: no rows left after the filter 'drop 3 highest loss'")
        #expect(dataErrorMessage { _ = try data.filtered(by: .dropHighest(column: "loss", count: 9)) }
            == "runs.csv: no rows left after the filter 'drop 9 highest loss'")
        #expect(dataErrorMessage { _ = try data.filtered(by: .dropLowest(column: "loss", count: -1)) }
            == "invalid filter 'drop -1 lowest loss': the count must be zero or more, got -1")
        #expect(dataErrorMessage { _ = try data.filtered(by: .keepRange(column: "N", min: 5, max: 3)) }
            == "invalid filter '5 <= N <= 3': the lower bound 5 is above the upper bound 3")
        #expect(dataErrorMessage { _ = try data.filtered(by: .keepEquals(column: "N", value: 0.5)) }
            == "runs.csv: no rows left after the filter 'N == 0.5'")
        #expect(dataErrorMessage { _ = try data.filtered(by: .keepEquals(column: "los", value: 1)) }
            == "runs.csv: no column named 'los'; did you mean 'loss'? (columns: N, loss)")
    }

    @Test("descriptions", arguments: [
        (RowFilter.dropHighest(column: "loss", count: 5), "drop 5 highest loss"),
        (.dropLowest(column: "N", count: 2), "drop 2 lowest N"),
        (.keepRange(column: "N", min: 100, max: 1000), "100 <= N <= 1000"),
        (.keepRange(column: "N", min: 100, max: nil), "N >= 100"),
        (.keepRange(column: "D", min: nil, max: 5e20), "D <= 5e+20"),
        (.keepRange(column: "N", min: nil, max: nil), "any N"),
        (.keepEquals(column: "seed", value: 0), "seed == 0"),
    ])
    func descriptions(filter: RowFilter, text: String) {
        #expect(filter.description == text)
    }

    @Test("the column a filter reads")
    func column() {
        #expect(RowFilter.keepRange(column: "D", min: 1, max: nil).column == "D")
        #expect(RowFilter.dropHighest(column: "loss", count: 5).column == "loss")
    }
}
