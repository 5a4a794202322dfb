import Foundation
import ScalingLaws
import TestSupport
import Testing

/// Ingestion of the real published files in `../shared/datasets`.
@Suite("Shared dataset ingestion", .enabled(if: RepositoryPaths.hasSharedData))
struct SharedDatasetIngestionTests {
    static func table(_ path: String) throws -> CSVTable {
        let url = try #require(RepositoryPaths.sharedDataset(path))
        return try CSVTable.read(contentsOf: url)
    }

    @Test("Epoch Chinchilla: 245 rows, CRLF endings, known values")
    func epochFile() throws {
        let table = try Self.table("epoch_chinchilla/chinchilla_N_D_loss.csv")
        #expect(table.source == "chinchilla_N_D_loss.csv")
        #expect(table.header == ["N_params", "D_tokens", "C_flop", "loss"])
        #expect(table.rows.count == 245)
        #expect(table.lineNumbers.first == 2)
        #expect(table.lineNumbers.last == 246)

        let data = try Dataset(table: table, columns: table.header)
        #expect(data.count == 245)
        let n = try data.column("N_params")
        let d = try data.column("D_tokens")
        let c = try data.column("C_flop")
        let loss = try data.column("loss")
        #expect(isClose(n[0], 6_795_600_349.289497))
        #expect(isClose(d[0], 245_105_957.9245427))
        #expect(isClose(c[0], 9.993852799709755e18))
        #expect(isClose(loss[0], 5.005581996196243))
        #expect(isClose(n[244], 6_795_614_805.310381))
        #expect(isClose(c[244], 1.2956022673438285e22))
        #expect(isClose(loss[244], 2.0773942450664395))
        try data.requirePositive(["N_params", "D_tokens", "C_flop", "loss"], reason: "for a power law")
    }

    @Test("Epoch Chinchilla: dropping the 5 highest losses leaves 240 rows")
    func epochFilter() throws {
        let table = try Self.table("epoch_chinchilla/chinchilla_N_D_loss.csv")
        let data = try Dataset(table: table, columns: ["loss", "N_params"])
        let kept = try data.filtered(by: .dropHighest(column: "loss", count: 5))
        #expect(kept.count == 240)
        // sorted(loss)[-5] is 3.446995430227908; the highest kept loss is the next one down.
        let losses = try kept.column("loss")
        #expect(losses.allSatisfy { $0 < 3.446995430227908 })
        #expect(isClose(losses.max() ?? 0, 3.4059279641864753))
        #expect(isClose(losses.min() ?? 0, 2.0773942450664395))
        #expect(kept.rowLines.count == 240)
        #expect(!kept.rowLines.contains(2))  // the first row has the highest loss, 5.0056
    }

    @Test("Epoch Chinchilla: inference maps N_params, D_tokens, C_flop, loss")
    func epochRoles() throws {
        let table = try Self.table("epoch_chinchilla/chinchilla_N_D_loss.csv")
        let roles = try ColumnRoleResolver().resolve(["N", "D", "C", "loss"], in: table)
        #expect(roles.column(for: "N") == "N_params")
        #expect(roles.column(for: "D") == "D_tokens")
        #expect(roles.column(for: "C") == "C_flop")
        #expect(roles.column(for: "loss") == "loss")
        let data = try roles.dataset(from: table)
        #expect(data.columnNames == ["C", "D", "N", "loss"])
        #expect(data.columnLabels == ["N": "N_params", "D": "D_tokens", "C": "C_flop"])
        #expect(dataErrorMessage { _ = try ColumnRoleResolver(explicit: ["loss": "los"]).resolve(["loss"], in: table) }
            == "chinchilla_N_D_loss.csv: no column named 'los'; did you mean 'loss'? (columns: N_params, D_tokens, C_flop, loss)")
    }

    @Test("Epoch Chinchilla: D derived from C and N matches the D column (C = 6ND in this file)")
    func epochDerivedTokens() throws {
        let full = try Self.table("epoch_chinchilla/chinchilla_N_D_loss.csv")
        let withoutD = CSVTable(
            header: ["N_params", "C_flop", "loss"],
            rows: full.rows.map { [$0[0], $0[2], $0[3]] },
            lineNumbers: full.lineNumbers,
            source: full.source)
        let roles = try ColumnRoleResolver().resolve(["N", "D", "loss"], in: withoutD)
        #expect(roles.notes == ["D derived from C_flop and N_params as D = C/(6N)"])
        let derived = try roles.dataset(from: withoutD).column("D")
        let actual = try Dataset(table: full, columns: ["D_tokens"]).column("D_tokens")
        #expect(isClose(derived, actual, rel: 1e-12))
    }

    @Test("kyo_takano Chinchilla: columns C, N, D, loss; 234 rows")
    func kyoTakanoFile() throws {
        let table = try Self.table("kyo_takano_chinchilla/df.csv")
        #expect(table.header == ["C", "N", "D", "loss"])
        #expect(table.rows.count == 234)
        let roles = try ColumnRoleResolver().resolve(["N", "D", "C", "loss"], in: table)
        #expect(roles.origins == [
            "N": .inferred(column: "N"), "D": .inferred(column: "D"),
            "C": .inferred(column: "C"), "loss": .inferred(column: "loss"),
        ])
        let data = try roles.dataset(from: table)
        #expect(data.count == 234)
        #expect(data.columnLabels.isEmpty)
        #expect(isClose(try data.column("C")[0], 1.3972367362937152e18))
        #expect(isClose(try data.column("N")[0], 73_824_672))
        #expect(isClose(try data.column("D")[0], 3_154_403_320))
        #expect(isClose(try data.column("loss")[0], 3.405928))
        #expect(isClose(try data.column("N")[233], 6_795_614_805))
        #expect(isClose(try data.column("loss")[233], 2.077394))
    }
}
