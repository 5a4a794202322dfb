import Foundation
import LinearAlgebra
import NonlinearFit
import Testing
import TestSupport

/// Certification of the solver on the 27 NIST StRD nonlinear regression problems, from both
/// certified starting points: every parameter, standard deviation and the residual sum of
/// squares must match the certified values with a log relative error of at least 4.
@Suite("NIST StRD certification", .enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/datasets/nist-strd"))
struct NISTCertificationTests {
    /// The least-squares problem for one NIST problem from one start.
    static func leastSquaresProblem(_ nist: NISTProblem, start: Int) -> LeastSquaresProblem {
        let parameters = nist.starts[start].enumerated().map { FitParameter("b\($0.offset + 1)", initialValue: $0.element) }
        let n = nist.observationCount
        let m = nist.parameterCount
        return LeastSquaresProblem(
            parameters: parameters,
            observations: nist.response,
            model: { b, out in
                for row in 0..<n { out[row] = nist.value(row: row, b) }
            },
            jacobian: { b, jac in
                var g = [Double](repeating: 0, count: m)
                for row in 0..<n {
                    nist.gradient(row: row, b, into: &g)
                    for j in 0..<m { jac.elements[row + j * n] = g[j] }
                }
            },
            residualFunction: extendedPrecisionResiduals(nist))
    }

    /// Residuals evaluated in 80-bit extended precision, for the Lanczos problems only: they are
    /// generated data whose certified residual sum of squares (1.4e-25 for Lanczos1) lies at the
    /// rounding level of the double-precision predictions (|f| ≈ 2.5, ε·|f| ≈ 5e-16 against
    /// residuals of 8e-14), so a double evaluation of `f − y` cannot resolve it. The solver is the
    /// same for every problem; only the model's arithmetic is more precise.
    static func extendedPrecisionResiduals(_ nist: NISTProblem) -> LeastSquaresProblem.Model? {
        guard nist.name.hasPrefix("Lanczos") else { return nil }
        // Data parsed from the file's text in extended precision: the decimal values are not
        // representable in binary, and the double rounding of y (≈3e-16) is not small against
        // the residuals.
        let x = nist.xText.map { Float80($0) ?? .nan }
        let y = nist.yText.map { Float80($0) ?? .nan }
        return { b, out in
            let e = b.map { Float80($0) }
            for i in x.indices {
                var f: Float80 = 0
                for k in stride(from: 0, to: 6, by: 2) { f += e[k] * exp(-e[k + 1] * x[i]) }
                out[i] = Double(f - y[i])
            }
        }
    }

    struct Outcome: Sendable {
        let name: String
        let start: Int
        let parameterLRE: Double
        let standardDeviationLRE: Double
        let residualLRE: Double
        let attempts: Int
        var minimum: Double { Swift.min(parameterLRE, standardDeviationLRE, residualLRE) }
    }

    static func certify(_ name: String, start: Int) throws -> Outcome {
        guard let url = RepositoryPaths.sharedDataset("nist-strd/\(name).dat") else {
            throw NISTProblemError.missingFile(name: name)
        }
        let nist = try NISTProblem.load(url)
        let result = try NonlinearLeastSquares.fit(leastSquaresProblem(nist, start: start))
        var parameterLRE = 15.0
        var sdLRE = 15.0
        for j in 0..<nist.parameterCount {
            parameterLRE = Swift.min(parameterLRE, logRelativeError(result.parameters[j].value, certified: nist.certifiedValues[j]))
            let se = result.parameters[j].standardError ?? .nan
            sdLRE = Swift.min(sdLRE, logRelativeError(se, certified: nist.certifiedStandardDeviations[j]))
        }
        let rssLRE = logRelativeError(result.chiSquare, certified: nist.certifiedResidualSumOfSquares)
        return Outcome(name: name, start: start + 1, parameterLRE: parameterLRE, standardDeviationLRE: sdLRE,
                       residualLRE: rssLRE, attempts: result.attempts.count)
    }

    @Test("every problem reaches LRE ≥ 4 from both starts", arguments: NISTProblem.names)
    func certified(_ name: String) throws {
        for start in 0..<2 {
            let outcome = try Self.certify(name, start: start)
            print(String(format: "LRE %-9@ start %d  params %5.1f  sd %5.1f  rss %5.1f  min %5.1f  (%d attempts)",
                         outcome.name, outcome.start, outcome.parameterLRE, outcome.standardDeviationLRE,
                         outcome.residualLRE, outcome.minimum, outcome.attempts))
            #expect(outcome.parameterLRE >= 4, "\(name) start \(start + 1): parameter LRE \(outcome.parameterLRE)")
            #expect(outcome.standardDeviationLRE >= 4, "\(name) start \(start + 1): standard deviation LRE \(outcome.standardDeviationLRE)")
            #expect(outcome.residualLRE >= 4, "\(name) start \(start + 1): residual sum of squares LRE \(outcome.residualLRE)")
        }
    }
}
