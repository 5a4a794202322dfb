import Foundation
import Testing
import TestSupport

/// The notebook list lives in one place, the folders under `Notebooks-as-scripts/`
/// (``NotebookRunner/names``): the package manifest and the catalog must name exactly those, and
/// the top-level README refers to the catalog instead of keeping a list of its own.
@Suite("notebook catalog")
struct NotebookCatalogTests {
    static func text(_ path: String) throws -> String {
        try String(contentsOf: RepositoryPaths.root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test("there are notebooks, found from the folders")
    func foldersFound() {
        #expect(NotebookRunner.names.count >= 10)
        #expect(NotebookRunner.names.contains("hoffmann2022-approach3"))
        #expect(!NotebookRunner.names.contains("NotebookSupport"))
    }

    @Test("Package.swift declares one executable target per notebook folder")
    func manifestMatchesFolders() throws {
        let manifest = try Self.text("Package.swift")
        let start = try #require(manifest.range(of: "let notebookNames = ["))
        let end = try #require(manifest.range(of: "]", range: start.upperBound..<manifest.endIndex))
        let names = manifest[start.upperBound..<end.lowerBound]
            .split(whereSeparator: { $0 == "," || $0 == "\n" })
            .map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            .filter { !$0.isEmpty }
        #expect(names.sorted() == NotebookRunner.names)
    }

    @Test("the catalog in Notebooks-as-scripts/README.md has one row per notebook folder")
    func catalogMatchesFolders() throws {
        let readme = try Self.text("Notebooks-as-scripts/README.md")
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| [`") }
        let names = rows.compactMap { row -> String? in
            guard let open = row.range(of: "[`"), let close = row.range(of: "`]", range: open.upperBound..<row.endIndex) else { return nil }
            return String(row[open.upperBound..<close.lowerBound])
        }
        #expect(names.sorted() == NotebookRunner.names)
        for name in names {
            #expect(readme.contains("](\(name)/main.swift)"), "\(name): the catalog links its script")
        }
    }

    @Test("README.md names only catalogued notebooks and points to the catalog for the list")
    func readmeRefersToCatalog() throws {
        let readme = try Self.text("README.md")
        #expect(readme.contains("(Notebooks-as-scripts/README.md)"))
        for line in readme.split(separator: "\n") where line.hasPrefix("swift run ") {
            let name = String(line.dropFirst("swift run ".count).prefix { $0 != " " })
            #expect(NotebookRunner.names.contains(name), "README runs '\(name)', which is not a notebook")
        }
        // No second list of the notebooks: at most the examples above name them.
        let mentioned = NotebookRunner.names.filter { readme.contains("`\($0)`") }
        #expect(mentioned.isEmpty, "README.md lists \(mentioned); refer to the catalog instead")
    }

    @Test("product text stands alone: Sources/ and the catalog cite papers, not files outside the repository")
    func noOutsideReferences() throws {
        let root = RepositoryPaths.root
        var offenders: [String] = []
        let catalog = try Self.text("Notebooks-as-scripts/README.md").split(separator: "\n").enumerated().filter { $0.element.hasPrefix("| [`") }
        for (k, row) in catalog where row.contains("laws.md") { offenders.append("Notebooks-as-scripts/README.md:\(k + 1)") }
        var files: [String] = []
        let sources = root.appendingPathComponent("Sources")
        let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard ["swift", "h", "modulemap"].contains(url.pathExtension) else { continue }
            files.append(String(url.path.dropFirst(root.path.count + 1)))
        }
        #expect(files.count > 100)
        for file in files {
            let text = try Self.text(file)
            for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains("laws.md") || line.contains("shared/reference") || line.contains("architecture.md") {
                offenders.append("\(file):\(k + 1)")
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }
}
