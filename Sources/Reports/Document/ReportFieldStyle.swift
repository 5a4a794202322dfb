/// How plain text joins a field's name and value: `name: value` (the default) or
/// `name = value` (lmfit's fit-statistics layout). Other formats ignore it.
public enum ReportFieldStyle: String, Sendable, Equatable, Codable {
    /// `name: value` (the default).
    case colon
    /// `name = value` (lmfit's fit-statistics layout).
    case equals
}
