/// One named value of a report section, such as `rows: 120` or `objective = Huber …`.
public struct ReportField: Sendable, Equatable, Codable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
