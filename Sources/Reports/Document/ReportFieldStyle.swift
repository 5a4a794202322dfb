/// How plain text joins a field's name and value: `name: value` (the default) or
/// `name = value` (lmfit's fit-statistics layout). Other formats ignore it.
public enum ReportFieldStyle: String, Sendable, Equatable, Codable {
    case colon
    case equals
}
