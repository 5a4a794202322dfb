import ScalingLaws
import TestSupport
import Testing

@Suite("ColumnRoleResolver")
struct ColumnRoleResolverTests {
    static func header(_ names: [String], source: String = "runs.csv") -> CSVTable {
        CSVTable(header: names, rows: [], source: source)
    }

    @Test("Epoch's header maps by inference")
    func epochHeader() throws {
        let table = Self.header(["N_params", "D_tokens", "C_flop", "loss"])
        let roles = try ColumnRoleResolver().resolve(["N", "D", "C", "loss"], in: table)
        #expect(roles.origins == [
            "N": .inferred(column: "N_params"), "D": .inferred(column: "D_tokens"),
            "C": .inferred(column: "C_flop"), "loss": .inferred(column: "loss"),
        ])
        #expect(roles.column(for: "D") == "D_tokens")
        #expect(roles.notes.isEmpty)
        #expect(roles.roles == ["N", "D", "C", "loss"])
    }

    @Test("common names, any case, spaces or underscores", arguments: [
        ("N", "N"), ("n", "N"), ("params", "N"), ("n_params", "N"), ("N_params", "N"), ("PARAMETERS", "N"),
        ("model_size", "N"), ("Model Size", "N"), ("model-size", "N"), ("num_params", "N"),
        ("D", "D"), ("tokens", "D"), ("D_tokens", "D"), ("n_tokens", "D"), ("train_tokens", "D"), ("Data", "D"),
        ("C", "C"), ("flops", "C"), ("FLOPs", "C"), ("C_flop", "C"), ("compute", "C"), ("Training FLOP", "C"),
        ("training_flop", "C"), ("training_flops", "C"),
        ("loss", "loss"), ("L", "loss"), ("final_loss", "loss"), ("val_loss", "loss"), ("Eval Loss", "loss"),
    ])
    func inference(column: String, role: String) throws {
        let table = Self.header(["run_id", column, "seed"])
        let roles = try ColumnRoleResolver().resolve([role], in: table)
        #expect(roles.origins[role] == .inferred(column: column))
    }

    @Test("the tidy points table of 'runs --format csv' (metric + value) supplies loss; a loss column still wins; value alone does not")
    func tidyPoints() throws {
        let tidy = Self.header(["run", "size", "mult", "N", "D", "C", "metric", "value", "step", "final_value", "schedule"])
        #expect(try ColumnRoleResolver().resolve(["N", "D", "loss"], in: tidy).origins["loss"] == .inferred(column: "value"))
        let both = Self.header(["N", "D", "metric", "value", "loss"])
        #expect(try ColumnRoleResolver().resolve(["loss"], in: both).origins["loss"] == .inferred(column: "loss"))
        #expect(dataErrorMessage { _ = try ColumnRoleResolver().resolve(["loss"], in: Self.header(["N", "D", "value"])) }
                == "runs.csv: no column for loss; name one with --loss <column> (columns: N, D, value)")
    }

    @Test("two matching columns are an error naming both and the flag")
    func ambiguous() {
        #expect(dataErrorMessage { _ = try ColumnRoleResolver().resolve(["N", "loss"], in: Self.header(["N", "params", "loss"])) }
            == "runs.csv: columns 'N' and 'params' both look like N; choose one with --n <column>")
        #expect(dataErrorMessage {
            _ = try ColumnRoleResolver().resolve(["loss"], in: Self.header(["loss", "val_loss", "eval_loss"]))
        } == "runs.csv: columns 'loss', 'val_loss' and 'eval_loss' all look like loss; choose one with --loss <column>")
        #expect(dataErrorMessage { _ = try ColumnRoleResolver().resolve(["D"], in: Self.header(["tokens", "data"])) }
            == "runs.csv: columns 'tokens' and 'data' both look like D; choose one with --d <column>")
        #expect(dataErrorMessage { _ = try ColumnRoleResolver().resolve(["C"], in: Self.header(["flops", "compute"])) }
            == "runs.csv: columns 'flops' and 'compute' both look like C; choose one with --c <column>")
        #expect(throws: DataError.ambiguousRole(
            source: "runs.csv", role: "N", candidates: ["N", "params"], flag: "--n <column>")) {
            try ColumnRoleResolver().resolve(["N"], in: Self.header(["N", "params"]))
        }
    }

    @Test("an explicit mapping wins and settles ambiguity")
    func explicitWins() throws {
        let table = Self.header(["N", "params", "loss", "val_loss"])
        let resolver = ColumnRoleResolver(explicit: ["N": "params", "loss": "VAL_LOSS"])
        let roles = try resolver.resolve(["N", "loss"], in: table)
        #expect(roles.origins == ["N": .explicit(column: "params"), "loss": .explicit(column: "val_loss")])
    }

    @Test("columns given to other roles are not inferred again")
    func claimedColumns() throws {
        let table = Self.header(["N", "params", "loss"])
        let roles = try ColumnRoleResolver(explicit: ["width": "params"]).resolve(["N", "width", "loss"], in: table)
        #expect(roles.origins["N"] == .inferred(column: "N"))
        #expect(roles.origins["width"] == .explicit(column: "params"))
    }

    @Test("a misspelt explicit column suggests the nearest header name")
    func misspeltExplicit() {
        let table = Self.header(["N_params", "D_tokens", "C_flop", "loss"], source: "chinchilla_N_D_loss.csv")
        #expect(dataErrorMessage { _ = try ColumnRoleResolver(explicit: ["loss": "los"]).resolve(["N", "loss"], in: table) }
            == "chinchilla_N_D_loss.csv: no column named 'los'; did you mean 'loss'? (columns: N_params, D_tokens, C_flop, loss)")
        #expect(dataErrorMessage { _ = try ColumnRoleResolver(explicit: ["N": "nparams"]).resolve(["N"], in: table) }
            == "chinchilla_N_D_loss.csv: no column named 'nparams'; did you mean 'N_params'? (columns: N_params, D_tokens, C_flop, loss)")
    }

    @Test("explicit mappings for roles not asked for are ignored")
    func unusedExplicit() throws {
        let table = Self.header(["N", "loss"])
        let roles = try ColumnRoleResolver(explicit: ["lr": "nope"]).resolve(["N", "loss"], in: table)
        #expect(roles.origins.count == 2)
    }

    @Test("no column for a role")
    func noColumn() {
        #expect(dataErrorMessage { _ = try ColumnRoleResolver().resolve(["N"], in: Self.header(["size", "tokens", "loss"])) }
            == "runs.csv: no column for N; name one with --n <column> (columns: size, tokens, loss)")
        #expect(dataErrorMessage { _ = try ColumnRoleResolver().resolve(["loss"], in: Self.header(["N", "D"])) }
            == "runs.csv: no column for loss; name one with --loss <column> (columns: N, D)")
        #expect(dataErrorMessage { _ = try ColumnRoleResolver().resolve(["width"], in: Self.header(["N", "loss"])) }
            == "runs.csv: no column for width; name one with --x width=<column> (columns: N, loss)")
        #expect(dataErrorMessage { _ = try ColumnRoleResolver().resolve(["N", "D"], in: Self.header(["N", "loss"])) }
            == "runs.csv: no column for D, and no C and N columns to derive it from (D = C/(6N)); name one with --d <column> (columns: N, loss)")
    }

    @Test("other roles are matched by their own name")
    func customRole() throws {
        let roles = try ColumnRoleResolver().resolve(["LR", "loss"], in: Self.header(["N", "lr", "loss"]))
        #expect(roles.origins["LR"] == .inferred(column: "lr"))
    }

    @Test("D is derived from C and N when no column looks like D")
    func derivesTokens() throws {
        let table = try CSVTable.parse("N_params,C_flop,loss\n1e9,6e19,2.5\n\"2B\",1.2e20,2.4\n", source: "runs.csv")
        let roles = try ColumnRoleResolver().resolve(["N", "D", "loss"], in: table)
        #expect(roles.origins["D"] == .derivedTokens(compute: "C_flop", parameters: "N_params"))
        #expect(roles.column(for: "D") == nil)
        #expect(roles.notes == ["D derived from C_flop and N_params as D = C/(6N)"])
        let data = try roles.dataset(from: table)
        #expect(data.columnNames == ["D", "N", "loss"])
        #expect(isClose(try data.column("D"), [1e10, 1e10], rel: 1e-15))
        #expect(data.columnLabels == ["N": "N_params"])
        #expect(data.rowLines == [2, 3])
    }

    @Test("D is derived from explicitly named C and N")
    func derivesFromExplicit() throws {
        let table = try runsTable("size,budget,loss\n10,600,1\n")
        let roles = try ColumnRoleResolver(explicit: ["N": "size", "C": "budget"]).resolve(["N", "D", "loss"], in: table)
        #expect(roles.origins["D"] == .derivedTokens(compute: "budget", parameters: "size"))
        #expect(isClose(try roles.dataset(from: table).column("D"), [10]))
    }

    @Test("deriving D needs positive C and N")
    func derivationDomain() throws {
        let table = try runsTable("N_params,C_flop,loss\n1,6,1\n0,6,1\n")
        let roles = try ColumnRoleResolver().resolve(["N", "D", "loss"], in: table)
        #expect(dataErrorMessage { _ = try roles.dataset(from: table) }
            == "runs.csv, line 3, column 'N_params': expected a positive number to derive D = C/(6N), got 0")
        let negative = try runsTable("N,C,loss\n1,-6,1\n")
        let negativeRoles = try ColumnRoleResolver().resolve(["D"], in: negative)
        #expect(dataErrorMessage { _ = try negativeRoles.dataset(from: negative) }
            == "runs.csv, line 2, column 'C': expected a positive number to derive D = C/(6N), got -6")
    }

    @Test("dataset keyed by role, labelled by file column for messages")
    func datasetFromRoles() throws {
        let table = try runsTable("N_params,D_tokens,loss,seed\n1e9,2e10,2.5,0\n-3,2e10,2.4,1\n")
        let roles = try ColumnRoleResolver().resolve(["N", "D", "loss"], in: table)
        let data = try roles.dataset(from: table, extraColumns: ["seed", "loss"])
        #expect(data.columnNames == ["D", "N", "loss", "seed"])
        #expect(data.label(of: "N") == "N_params")
        #expect(data.label(of: "seed") == "seed")
        #expect(dataErrorMessage { try data.requirePositive(["N", "D"], reason: "for a power law in N") }
            == "runs.csv, line 3, column 'N_params': expected a positive number for a power law in N, got -3")
        let seeds = try data.filtered(by: .keepEquals(column: "seed", value: 0))
        #expect(seeds.count == 1)
    }

    @Test("cell errors name the file column, not the role")
    func cellErrorsNameFileColumn() throws {
        let table = try runsTable("params,loss\n1,2\nabc,3\n")
        let roles = try ColumnRoleResolver().resolve(["N", "loss"], in: table)
        #expect(dataErrorMessage { _ = try roles.dataset(from: table) }
            == "runs.csv, line 3, column 'params': expected a number, got 'abc'")
    }

    @Test("flags named in messages")
    func flags() {
        #expect(ColumnRoleResolver.flag(for: "N") == "--n <column>")
        #expect(ColumnRoleResolver.flag(for: "D") == "--d <column>")
        #expect(ColumnRoleResolver.flag(for: "C") == "--c <column>")
        #expect(ColumnRoleResolver.flag(for: "loss") == "--loss <column>")
        #expect(ColumnRoleResolver.flag(for: "lr") == "--x lr=<column>")
    }
}
