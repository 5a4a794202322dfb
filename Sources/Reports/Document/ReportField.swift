/// One named value of a report section, such as `rows: 120` or `objective = Huber …`.
public struct ReportField: Sendable, Equatable, Codable {
    /// The field's name.
    public var name: String
    /// Its value, as display text.
    public var value: String

    /// A field.
    /// - Parameters:
    ///   - name: The field's name.
    ///   - value: Its value, as display text.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
