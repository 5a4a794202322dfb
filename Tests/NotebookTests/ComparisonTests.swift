import NotebookSupport
import Testing

/// The comparison table's checks: each tolerance kind passes inside its bound and fails outside,
/// context rows are never checked, and the Markdown shows the verdict per row.
@Suite("Notebook comparison table")
struct ComparisonTests {
    @Test("relative, absolute, printed, range and exact rows pass inside and fail outside")
    func tolerances() {
        var c = Comparison()
        c.add("rel in", ours: 1.0019, published: 1, .relative(0.002), reason: "r")
        c.add("rel out", ours: 1.0021, published: 1, .relative(0.002), reason: "r")
        c.add("abs in", ours: 2.00004, published: 2, .absolute(0.00005), reason: "r")
        c.add("abs out", ours: 2.00006, published: 2, .absolute(0.00005), reason: "r")
        // 1.058e12 printed to 4 s.f.: ±0.0005e12.
        c.add("printed in", ours: 1.05849e12, published: 1.058e12, .printed(significantDigits: 4), reason: "r")
        c.add("printed out", ours: 1.05851e12, published: 1.058e12, .printed(significantDigits: 4), reason: "r")
        c.add("range in", ours: 100e6, within: 32e6...128e6, published: "32M–128M", reason: "r")
        c.add("range out", ours: 130e6, within: 32e6...128e6, published: "32M–128M", reason: "r")
        c.add("text same", ours: "top 20%", published: "top 20%", reason: "r")
        c.add("text differs", ours: "top 10%", published: "top 20%", reason: "r")
        c.add("nan", ours: .nan, published: 1, .absolute(1), reason: "r")
        c.add("context", ours: 5, published: 1, .context, reason: "r")
        #expect(c.checkedCount == 11)
        #expect(c.failures.map(\.quantity) == ["rel out", "abs out", "printed out", "range out", "text differs", "nan"])
    }

    @Test("half a unit in the last printed figure")
    func halfUnit() {
        #expect(Comparison.halfUnit(1.058e12, significantDigits: 4) == 0.0005e12)
        #expect(Comparison.halfUnit(6.29, significantDigits: 3) == 0.005)
        #expect(Comparison.halfUnit(0.0009, significantDigits: 1) == 0.00005)
    }

    @Test("the Markdown table has the fixed header and a status per row")
    func markdown() {
        var c = Comparison(digits: 4)
        c.add("E", ours: 1.81723, published: 1.8172, .relative(0.002), reason: "why")
        c.add("B", ours: 5, published: 1, .context, reason: "not checked")
        let lines = c.markdown().split(separator: "\n").map(String.init)
        #expect(lines == [
            "| quantity | ours | published | difference | tolerance | reason | status |",
            "| --- | ---: | ---: | ---: | --- | --- | --- |",
            "| E | 1.817 | 1.817 | +0.0017% | ±0.2% | why | ok |",
            "| B | 5 | 1 | +4e+02% | context | not checked | context |",
        ])
    }
}
