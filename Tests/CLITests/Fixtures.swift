import Foundation

/// Paths and constants shared by the CLI tests.
enum Fixtures {
    /// The bundled synthetic dataset, relative to the repository root (tests run the tool there).
    static let syntheticData = "Datasets/chinchilla-synthetic/data.csv"

    /// The constants `Datasets/chinchilla-synthetic/generate.py` simulated from (Epoch 2024).
    static let truth: [String: Double] = [
        "E": exp(0.59711196), "A": exp(6.17795598), "B": exp(7.64273236), "alpha": 0.34781303, "beta": 0.36585412,
    ]

    /// Parses JSON text into a dictionary.
    static func object(_ text: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw FixtureError.notAnObject
        }
        return object
    }

    /// Parses CSV text without quoting (the tool's numeric CSV) into header and rows.
    static func csv(_ text: String) -> (header: [String], rows: [[String]]) {
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return (lines.first ?? [], Array(lines.dropFirst()))
    }

    /// Writes `contents` to `name` in `directory`.
    static func write(_ contents: String, to name: String, in directory: URL) throws {
        try Data(contents.utf8).write(to: directory.appendingPathComponent(name))
    }

    enum FixtureError: Error { case notAnObject }
}
