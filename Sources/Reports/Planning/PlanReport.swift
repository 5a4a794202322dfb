import Forecast

/// Everything `plan` decided, for JSON.
public struct PlanPayload: Codable, Sendable, Equatable {
    /// The iso-FLOP sweep design with its simulated bias, when `--budgets` was given.
    public var design: IsoFlopSweepDesign?
    /// The candidate next runs ranked by forecast-variance reduction, when `--runs` was given.
    public var candidates: [CandidateRun]?
    /// The naive next size up, for comparison.
    public var naive: CandidateRun?
    /// The simulation check of the best candidate against the naive one, when asked for.
    public var simulation: PlanSimulation?
    /// The proposed runs with shapes and hyperparameters.
    public var proposed: [ProposedRun]
    /// The payload.
    /// - Parameters:
    ///   - design: The sweep design, or `nil`.
    ///   - candidates: The ranked candidates, or `nil`.
    ///   - naive: The naive next size up, or `nil`.
    ///   - simulation: The simulation check, or `nil`.
    ///   - proposed: The proposed runs.
    public init(design: IsoFlopSweepDesign?, candidates: [CandidateRun]?, naive: CandidateRun?, simulation: PlanSimulation?, proposed: [ProposedRun]) {
        self.design = design
        self.candidates = candidates
        self.naive = naive
        self.simulation = simulation
        self.proposed = proposed
    }
}

/// The `plan` report.
public enum PlanReport {
    static func pct(_ x: Double?) -> ReportCell {
        guard let x else { return "—" }
        return ReportCell(String(format: "%+.1f%%", x * 100), exact: "\(x)")
    }

    /// The report of a plan.
    /// - Parameters:
    ///   - payload: Everything the plan decided.
    ///   - law: The law the plan was made under, in words.
    ///   - target: The target in words, or `nil`.
    /// - Returns: The report: the sweep design, the ranked candidates, the simulation check and the proposed runs, each when present.
    public static func make(_ payload: PlanPayload, law: String, target: String?) -> Report {
        var report = Report(title: "Run plan")
        if let design = payload.design {
            var s = ReportSection(title: "Iso-FLOP sweep design")
            s.fields([("law", law),
                      ("design", "\(design.perBudget) sizes per budget, log-spaced over ×\(NumberFormat.significant(design.span, digits: 3)), centred on \(NumberFormat.significant(design.centre, digits: 3))·N*"),
                      ("simulation", "\(design.simulations) draws, loss noise σ = \(NumberFormat.significant(design.noise, digits: 3)), seed \(design.seed)"),
                      ("exponent a", "true \(NumberFormat.significant(design.exponent, digits: 4)); Approach 2 on this design: noise-free \(design.noiseFreeExponent.map { NumberFormat.significant($0, digits: 4) } ?? "—"), median \(design.medianExponent.map { NumberFormat.significant($0, digits: 4) } ?? "—")")])
            var t = ReportTable(title: "Approach-2 bias of N* by budget (N̂*/N* − 1)",
                                columns: [.number("budget C", csvName: "budget"), .number("N*", csvName: "n_star"), .number("smallest N", csvName: "n_min"),
                                          .number("largest N", csvName: "n_max"), .number("noise-free bias", csvName: "noise_free_bias"),
                                          .number("median bias", csvName: "median_bias"), .number("5%", csvName: "bias_p05"), .number("95%", csvName: "bias_p95"),
                                          .number("unbracketed", csvName: "unbracketed")])
            for b in design.budgets {
                t.append([.number(b.budget, digits: 4), .number(b.nStar, digits: 4), .number(b.sizes.first ?? .nan, digits: 4), .number(b.sizes.last ?? .nan, digits: 4),
                          pct(b.noiseFreeBias), pct(b.medianBias), pct(b.bias5), pct(b.bias95), .count(b.unbracketed)])
            }
            s.table(t)
            report.append(s)
        }
        if let candidates = payload.candidates {
            var s = ReportSection(title: "Next runs ranked by expected variance reduction")
            s.fields([("target", target ?? ""), ("criterion", "linearised variance of the target (Sherman–Morrison update of σ²(JᵀJ)⁻¹)")])
            var t = ReportTable(title: "Candidates",
                                columns: [ReportColumn("rank"), .number("N", csvName: "n"), .number("D", csvName: "d"), .number("D/N", csvName: "tokens_per_param"),
                                          .number("cost 6ND", csvName: "compute"), .number("s.d. before", csvName: "sd_before"), .number("s.d. after", csvName: "sd_after"),
                                          .number("variance cut", csvName: "variance_reduction"), .number("cut per 1e18 FLOP", csvName: "reduction_per_1e18")])
            func row(_ label: String, _ c: CandidateRun) -> [ReportCell] {
                [ReportCell(label), .number(c.n, digits: 4), .number(c.d, digits: 4), .number(c.d / c.n, digits: 3), .number(c.compute, digits: 3),
                 .number(c.sdBefore, digits: 4), .number(c.sdAfter, digits: 4), pct(c.varianceReduction), .number(c.reductionPerExaFLOP, digits: 3)]
            }
            for (k, c) in candidates.enumerated() { t.append(row("\(k + 1)", c)) }
            if let naive = payload.naive { t.append(row("naive", naive)) }
            s.table(t)
            if let sim = payload.simulation {
                var v = ReportTable(title: "Simulated check: 95% width of the refitted target (\(sim.simulations) draws, σ = \(NumberFormat.significant(sim.noise, digits: 3)), seed \(sim.seed))",
                                    columns: [ReportColumn("runs"), .number("N", csvName: "n"), .number("D", csvName: "d"),
                                              .number("95% width", csvName: "width"), .number("s.d.", csvName: "sd"), .number("fits")])
                for r in sim.rows {
                    v.append([ReportCell(r.label), r.n.map { .number($0, digits: 4) } ?? "", r.d.map { .number($0, digits: 4) } ?? "",
                              .number(r.width, digits: 4), .number(r.sd, digits: 4), .count(r.fits)])
                }
                s.table(v)
            }
            report.append(s)
        }
        var p = ReportSection(title: "Proposed runs")
        var t = ReportTable(title: "Proposed runs (shapes and hyperparameters)",
                            columns: [ReportColumn("kind"), .number("budget", csvName: "budget"), .number("N", csvName: "n"), .number("D", csvName: "d"),
                                      .number("layers"), .number("d_model"), .number("heads"), .number("ffn"),
                                      .number("shape params", csvName: "shape_params"), .number("FLOP/token (App. F)", csvName: "flops_per_token"),
                                      .number("learning rate", csvName: "learning_rate"), .number("batch (tokens)", csvName: "batch_tokens")],
                            exportsToCSV: true)
        for r in payload.proposed {
            let s = r.shape
            t.append([ReportCell(r.kind), .number(r.budget, digits: 4), .number(r.n, digits: 4), .number(r.d, digits: 4),
                      s.map { .count($0.layers) } ?? "", s.map { .count($0.dModel) } ?? "", s.map { .count($0.heads) } ?? "", s.map { .count($0.ffn) } ?? "",
                      r.shapeParameters.map { .number($0, digits: 5) } ?? "", r.flopsPerToken.map { .number($0, digits: 4) } ?? "",
                      r.learningRate.map { .number($0, digits: 3) } ?? "", r.batchTokens.map { .number($0, digits: 3) } ?? ""])
        }
        p.table(t)
        if payload.proposed.contains(where: { $0.shape == nil }) {
            p.warnings(["runs without a shape have no shape within the tolerance under the shape rules (small N: the embeddings dominate); widen --aspect or --tolerance"])
        }
        report.append(p)
        return report
    }
}
