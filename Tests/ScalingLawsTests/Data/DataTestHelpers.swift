import Foundation
import ScalingLaws

/// The message of the error `body` throws, or `nil` when it throws nothing.
func dataErrorMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch {
        return "\(error)"
    }
}

/// A fresh, empty temporary directory for one test.
func makeDataTestDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("scaling-laws-data-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Parses `text` as a file named `runs.csv`.
func runsTable(_ text: String, separator: Character? = nil) throws -> CSVTable {
    try CSVTable.parse(text, source: "runs.csv", separator: separator)
}
