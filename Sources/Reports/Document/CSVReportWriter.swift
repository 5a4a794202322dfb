/// RFC 4180 CSV of the tables a report exports (``ReportTable/exportsToCSV``), at full
/// precision, separated by a blank line when there are several. A report that exports no
/// table gives its fields as `section,field,value` records, so CSV is never empty.
enum CSVReportWriter {
    static func write(_ report: Report) -> String {
        let tables = report.exportedTables
        if !tables.isEmpty { return tables.map { $0.exported.csv() }.joined(separator: "\n") }
        var table = TextTable(header: ["section", "field", "value"])
        for section in report.sections {
            for block in section.blocks {
                if case let .fields(fields, _) = block {
                    for field in fields { table.append([section.title, field.name, field.value]) }
                }
            }
        }
        return table.csv()
    }
}
