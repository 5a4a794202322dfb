// Kaplan et al. 2020, "Scaling Laws for Neural Language Models" (arXiv:2001.08361): the
// published constants, L(N), L(D), L(C_min), the joint laws (eq 1.5, 1.6), the critical batch
// (eq 1.4), and the compute-optimal exponents recomputed from the displayed exponents, which
// do not agree with the ones the paper prints (laws.md §1).
//
//     swift run kaplan2020-laws [--quick]
//
// Needs no data: Kaplan et al.'s WebText2 runs are not public, so this notebook evaluates the
// library's laws at the published constants (the --quick run is the same run).
import Foundation
import NotebookSupport
import ScalingLaws

Notebook.run(name: "kaplan2020-laws",
             title: "Kaplan et al. 2020: single-variable and joint laws, critical batch, compute-optimal exponents",
             scriptPath: #filePath) { nb in
    nb.say("""
        No public data: Kaplan et al.'s WebText2 runs were never released. This notebook checks the \
        library's laws (`kaplan-n`, `kaplan-d`, `kaplan-c`, `kaplan-nd`, `kaplan-ns`) and stored constants \
        against the values printed in the paper and the test vectors of laws.md §1. N counts \
        non-embedding parameters; compute is given in FLOP and evaluated in PF-days (8.64e19 FLOP).
        """)

    // 1. The constants as stored, against the paper.
    var constants = Comparison()
    let asPrinted = "stored exactly as printed"
    let stored: [(String, Double, Double)] = [
        ("α_N (eq 1.1)", KaplanConstants.sizeN.values[1], 0.076), ("N_c (eq 1.1)", KaplanConstants.sizeN.values[0], 8.8e13),
        ("α_D (eq 1.2)", KaplanConstants.dataD.values[1], 0.095), ("D_c (eq 1.2)", KaplanConstants.dataD.values[0], 5.4e13),
        ("α_C^min (eq 1.3)", KaplanConstants.computeMin.values[1], 0.050), ("C_c^min, PF-days (eq 1.3)", KaplanConstants.computeMin.values[0], 3.1e8),
        ("α_C fixed batch", KaplanConstants.computeFixedBatch.values[1], 0.057), ("C_c fixed batch, PF-days", KaplanConstants.computeFixedBatch.values[0], 1.6e7),
        ("N_c (Table 2)", KaplanConstants.jointND.values[0], 6.4e13), ("D_c (Table 2)", KaplanConstants.jointND.values[1], 1.8e13),
        ("α_N (Table 2)", KaplanConstants.jointND.values[2], 0.076), ("α_D (Table 2)", KaplanConstants.jointND.values[3], 0.103),
        ("N_c (Table 3)", KaplanConstants.stepsNS.values[0], 6.5e13), ("S_c (Table 3)", KaplanConstants.stepsNS.values[1], 2.1e3),
        ("α_N (Table 3)", KaplanConstants.stepsNS.values[2], 0.077), ("α_S (Table 3)", KaplanConstants.stepsNS.values[3], 0.76),
        ("B_* tokens (eq 1.4)", KaplanConstants.publishedBStar, 2e8), ("α_B (eq 1.4)", KaplanConstants.publishedAlphaB, 0.21),
    ]
    for (name, ours, printed) in stored {
        constants.add(name, ours: ours, published: printed, .same, reason: asPrinted)
    }
    try nb.show(constants, title: "Published constants", csvName: "constants.csv")

    // 2. The laws evaluated at the test-vector inputs of laws.md §1.
    var laws = Comparison()
    let half4 = "half a unit in the 4th printed decimal"
    for (n, printed) in [(1e8, 2.8300), (1e9, 2.3756), (1e10, 1.9943)] {
        laws.add("L(N = \(laws.format(n)))", ours: KaplanSingleLaw.parameters.evaluate([n], KaplanConstants.sizeN.values),
                 published: printed, .absolute(0.00005), reason: half4)
    }
    for (d, printed) in [(1e9, 2.8156), (1e10, 2.2624)] {
        laws.add("L(D = \(laws.format(d)))", ours: KaplanSingleLaw.tokens.evaluate([d], KaplanConstants.dataD.values),
                 published: printed, .absolute(0.00005), reason: half4)
    }
    for (pfDays, printed) in [(1.0, 2.6581), (1e3, 1.8818)] {
        let flop = pfDays * KaplanSingleLaw.flopPerPetaflopDay
        laws.add("L(C_min = \(laws.format(pfDays)) PF-days)", ours: KaplanSingleLaw.compute.evaluate([flop], KaplanConstants.computeMin.values),
                 published: printed, .absolute(0.00005), reason: half4)
    }
    let joint = KaplanJointLaw()
    laws.add("L(N = 1e9, D = 1e10), Table 2", ours: joint.evaluate([1e9, 1e10], KaplanConstants.jointND.values),
             published: 2.4197, .absolute(0.00005), reason: half4)
    laws.add("L(N = 1e9, D = ∞), Table 2", ours: joint.evaluate([1e9, .infinity], KaplanConstants.jointND.values),
             published: 2.3188, .absolute(0.00005), reason: half4)
    laws.add("L(N = 1e9, S_min = 1e5), Table 3", ours: KaplanStepsLaw().evaluate([1e9, 1e5], KaplanConstants.stepsNS.values),
             published: 2.4005, .absolute(0.00005), reason: half4)
    laws.add("B_crit(L = 2.0), tokens", ours: KaplanConstants.criticalBatch(loss: 2.0), published: 7.37e6, .absolute(0.005e6),
             reason: "printed to 3 s.f.")
    laws.add("B_crit(L = 3.0), tokens", ours: KaplanConstants.criticalBatch(loss: 3.0), published: 1.07e6, .absolute(0.005e6),
             reason: "printed to 3 s.f.")
    try nb.show(laws, title: "L(N), L(D), L(C_min), joint laws and critical batch (laws.md §1 vectors)", csvName: "laws.csv")

    // 3. Compute-optimal exponents from the displayed α_S, α_B, α_N, and the paper's own numbers.
    var optimal = Comparison()
    let alphaC = KaplanConstants.computeOptimalExponent()
    let nExponent = KaplanConstants.parameterExponent()
    optimal.add("α_C = 1/(1/α_S + 1/α_B + 1/α_N)", ours: alphaC, published: 0.0520, .absolute(0.00005),
                reason: "laws.md: displayed exponents give 0.0520")
    optimal.add("N ∝ C^(α_C/α_N)", ours: nExponent, published: 0.684, .absolute(0.0005),
                reason: "laws.md: displayed exponents give 0.684")
    optimal.add("α_C derived vs fitted L(C_min) exponent", ours: alphaC, published: KaplanConstants.computeMin.values[1], .context,
                reason: "inconsistent: the fitted α_C^min is 0.050")
    optimal.add("α_C derived vs the text's α_C^min ≈ 0.054", ours: alphaC, published: 0.054, .context,
                reason: "inconsistent: the text prints ≈ 0.054")
    optimal.add("N exponent derived vs empirical N ∝ C_min^0.73", ours: nExponent, published: 0.73, .context,
                reason: "inconsistent: the empirical fit is 0.73")
    optimal.add("B ∝ C^(α_C/α_B)", ours: KaplanConstants.batchExponent(), published: 0.24, .context,
                reason: "empirical B ∝ C^0.24")
    optimal.add("S ∝ C^(α_C/α_S)", ours: KaplanConstants.stepsExponent(), published: 0.03, .context,
                reason: "empirical S ∝ C^0.03")
    try nb.show(optimal, title: "Compute-optimal allocation (Section 6.1)", csvName: "compute-optimal.csv")
    nb.say("""
        The paper's printed compute-optimal numbers are internally inconsistent: its displayed exponents \
        (α_S = 0.76, α_B = 0.21, α_N = 0.076) give α_C = \(optimal.format(alphaC)) and N ∝ C^\(optimal.format(nExponent)), \
        not the 0.050 (fitted) / 0.054 (text) and 0.73 (empirical) it prints. The library stores the exponents and \
        derives the rest; the checked rows are the derived values, the context rows show the disagreement.
        """)
}
