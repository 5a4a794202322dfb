import Testing
@testable import Reports

@Suite("number formatting")
struct NumberFormatTests {
    @Test("human sizes", arguments: [
        (7.2356458e10, "72.4B"), (1.3267648e12, "1.33T"), (7.4024e10, "74.0B"), (3.1256e11, "313B"),
        (950.0, "950"), (12_500.0, "12.5k"), (3.5e8, "350M"), (999.7e9, "1.00T"), (999.7e6, "1.00B"),
        (1.5e15, "1.5e+15"), (999.7e12, "1e+15"), (0.25, "0.25"), (0.0, "0"), (-7.2356458e10, "-72.4B"),
    ])
    func human(_ value: Double, _ expected: String) {
        #expect(NumberFormat.human(value) == expected)
    }

    @Test("significant digits, scientific, percent, correlation, exact")
    func fixedForms() {
        #expect(NumberFormat.significant(1.8172316548) == "1.817232")
        #expect(NumberFormat.significant(7.2356458e10, digits: 6) == "7.23565e+10")
        #expect(NumberFormat.significant(.nan) == "nan")
        #expect(NumberFormat.significant(-.infinity) == "-inf")
        #expect(NumberFormat.significant(nil, placeholder: "n/a") == "n/a")
        #expect(NumberFormat.scientific(7.2356458e10, digits: 6) == "7.23565e+10")
        #expect(NumberFormat.percent(0.018167) == "1.82%")
        #expect(NumberFormat.correlation(0.99806) == "+0.9981")
        #expect(NumberFormat.correlation(-0.5) == "-0.5000")
        #expect(NumberFormat.exact(0.1) == "0.1")
        // A missing number is written nan so CSV output re-reads (issue 13); it was an empty cell.
        #expect(NumberFormat.exact(nil) == "nan")
        #expect(NumberFormat.fixed(18.3365, decimals: 2) == "18.34")
    }
}

@Suite("text tables")
struct TextTableTests {
    let table = TextTable(header: ["name", "value"], rows: [["E", "1.82"], ["alpha", "0.347"]], numeric: [false, true])

    @Test("plain text is aligned, numbers right-aligned, no trailing spaces")
    func plain() {
        #expect(table.plainText() == """
            name   value
            -----  -----
            E       1.82
            alpha  0.347

            """)
    }

    @Test("markdown marks numeric columns and escapes pipes")
    func markdown() {
        let t = TextTable(header: ["a", "b"], rows: [["x|y", "1"]], numeric: [false, true])
        #expect(t.markdown() == "| a | b |\n| --- | ---: |\n| x\\|y | 1 |\n")
    }

    @Test("csv quotes fields with commas, quotes and line breaks")
    func csv() {
        let t = TextTable(header: ["a", "b"], rows: [["x,y", "say \"hi\""], ["line\nbreak", "plain"]])
        #expect(t.csv() == "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"line\nbreak\",plain\n")
    }
}

@Suite("money and durations")
struct MoneyAndDurationFormatTests {
    @Test("money: three significant digits with the suffixes of human sizes", arguments: [
        (50_078_914.3, "$50.1M"), (1.8092865, "$1.81"), (950.0, "$950"), (12_500.0, "$12.5k"),
        (1.2193e9, "$1.22B"), (0.0806, "$0.0806"), (-3e6, "-$3.00M"),
    ])
    func money(_ value: Double, _ expected: String) {
        #expect(NumberFormat.money(value) == expected)
    }

    @Test("durations in the unit people use", arguments: [
        (0.75, "45.0 min"), (36.0, "36.0 hours"), (2160.0, "90.0 days"), (701.8134860479, "29.2 days"),
        (71.9, "71.9 hours"), (72.0, "3.00 days"), (30_000.0, "3.42 years"),
    ])
    func duration(_ hours: Double, _ expected: String) {
        #expect(NumberFormat.duration(hours: hours) == expected)
    }

    @Test("number styles: human and scientific")
    func styles() {
        #expect(NumberStyle.human.count(7.2356458e10) == "72.4B")
        #expect(NumberStyle.scientific.count(7.2356458e10) == "7.24e+10")
        #expect(NumberStyle.human.money(5.0078914e7) == "$50.1M")
        #expect(NumberStyle.scientific.money(5.0078914e7) == "5.008e+07")
        #expect(NumberStyle.human.duration(hours: 2160) == "90.0 days")
        #expect(NumberStyle.scientific.duration(hours: 2160) == "90")
    }
}
