// Liang et al. 2024, "Scaling Laws For Diffusion Transformers" (arXiv:2410.08184): the
// compute-optimal model size, data and loss as power laws of compute, the FID law, and the
// headline prediction for a ~1B model at 1.5e21 FLOP, from the published constants (laws.md §5).
//
//     swift run liang2024-dit [--quick]
//
// Needs no data: the authors' DiT runs are not public. The constants come from secondary
// sources and are approximate (laws.md §5); the --quick run is the same run.
import Foundation
import NotebookSupport
import ScalingLaws

Notebook.run(name: "liang2024-dit",
             title: "Liang et al. 2024: scaling laws for diffusion transformers",
             scriptPath: #filePath) { nb in
    let nOpt = PowerLawParameters.ditOptimalParameters
    let dOpt = PowerLawParameters.ditOptimalData
    let loss = PowerLawParameters.ditLoss
    let fid = PowerLawParameters.ditFID
    nb.say("""
        Published fits (Approach 2 on budgets 1e17–6e18 FLOP, C = 6ND): N_opt = 0.0009·C^0.5681, \
        D_opt = 186.8535·C^0.4319, L = 2.3943·C^−0.0273, FID = 2.2566e6·C^−0.234.
        """)

    // 1. laws.md §5 vectors.
    var vectors = Comparison(digits: 4)
    let rows: [(c: Double, n: Double, d: Double, l: Double, f: Double)] = [
        (1e17, 4.09e6, 4.11e9, 0.8224, 237.4),
        (1.5e21, 9.65e8, 2.61e11, 0.6325, 25.02),
    ]
    for r in rows {
        let c = vectors.format(r.c)
        vectors.add("N_opt(\(c))", ours: nOpt(r.c), published: r.n, .printed(significantDigits: 3), reason: "printed to 3 s.f.")
        vectors.add("D_opt(\(c))", ours: dOpt(r.c), published: r.d, .printed(significantDigits: 3), reason: "printed to 3 s.f.")
        vectors.add("L(\(c))", ours: loss(r.c), published: r.l, .absolute(0.00005), reason: "half a unit in the 4th decimal")
        vectors.add("FID(\(c))", ours: fid(r.c), published: r.f, .printed(significantDigits: 4), reason: "printed to 4 s.f.")
    }
    try nb.show(vectors, title: "Compute-optimal size, data, loss and FID (laws.md §5 vectors)", csvName: "vectors.csv")

    // 2. The headline and the laws' consistency with C = 6ND.
    var headline = Comparison(digits: 4)
    // The size coefficient 0.0009 has one significant figure: ±0.00005/0.0009 = ±5.6%.
    let oneFigure = 0.00005 / 0.0009
    headline.add("compute-optimal size at 1.5e21 FLOP", ours: nOpt(1.5e21), published: 958e6, .relative(oneFigure),
                 reason: "coefficient 0.0009 has 1 s.f. (±5.6%)")
    headline.add("exponents of N_opt and D_opt sum to 1", ours: nOpt.exponent + dOpt.exponent, published: 1, .absolute(1e-12),
                 reason: "C = 6ND forces it")
    headline.add("6·N_opt·D_opt / C", ours: 6 * nOpt(1e19) * dOpt(1e19) / 1e19, published: 1, .relative(oneFigure),
                 reason: "C = 6ND; coefficient 0.0009 has 1 s.f.")
    headline.add("loss coefficient, other source", ours: loss.a, published: 3.3943, .context,
                 reason: "one secondary source prints 3.3943; 2.3943 matches L(1e17) = 0.8224")
    try nb.show(headline, title: "Headline: a ~1B model at 1.5e21 FLOP")

    // 3. The fitter recovers the laws from points on the paper's six budgets (the same log-log
    // power-law fit the authors used, here on noiseless points: a check of the machinery).
    let budgets = [1e17, 3e17, 6e17, 1e18, 3e18, 6e18]
    var recovery = Comparison(digits: 6)
    for (name, law) in [("N_opt", nOpt), ("D_opt", dOpt), ("L", loss), ("FID", fid)] {
        let data = try Dataset(source: "\(name) at the six budgets", columns: ["x": budgets, "y": budgets.map { law($0) }])
        let fit = try LawFitter.fit(PowerLaw(), to: data, options: LawFitOptions(objective: .logLeastSquares))
        let a = fit.value("A") ?? .nan, alpha = fit.value("alpha") ?? .nan
        recovery.add("\(name): coefficient", ours: a, published: law.a, .relative(1e-6), reason: "noiseless points: recovery to 1e-6")
        recovery.add("\(name): exponent", ours: -alpha, published: law.exponent, .absolute(1e-8), reason: "noiseless points: recovery to 1e-8")
    }
    try nb.show(recovery, title: "Power-law fits on the paper's budgets recover the constants")

    var csv = "budget_flop,n_opt,d_opt,loss,fid\n"
    for k in 0...24 {
        let c = 1e17 * pow(10, Double(k) / 4)
        csv += "\(c),\(nOpt(c)),\(dOpt(c)),\(loss(c)),\(fid(c))\n"
    }
    try nb.writeCSV(csv, named: "laws-by-budget.csv")
}
