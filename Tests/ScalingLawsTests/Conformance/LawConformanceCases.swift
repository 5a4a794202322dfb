import Foundation
import ScalingLaws

/// Every law's conformance case. Each law's case is defined beside its own tests (as a static
/// property in an extension of ``LawConformanceCase``) and listed here.
extension LawConformanceCase {
    static let all: [LawConformanceCase] = [
        .chinchilla,
        .dataConstrained,
        .qqt,
        .utdData, .utdDataSigma0,
        .sigmoid,
        .sigmoidOffset,
        .clippedLinear,
        .lossToAccuracy,
        .exponentialTrend,
        .kaplanN, .kaplanD, .kaplanC, .kaplanND, .kaplanNS,
        .powerLaw, .powerLawFloor,
        .bnsl, .bnsl2,
        .m4,
        .lrAnnealing, .multiPower,
    ]

    /// Chinchilla: the Epoch 2024 constants on 6 sizes × 8 token counts, 1% multiplicative
    /// (log-normal) noise, fitted by least squares on log residuals, the maximum-likelihood
    /// objective for that noise. (Standard errors of the Huber objective come from a linearised
    /// covariance that under-covers when most residuals exceed δ; intervals for it come from
    /// the bootstrap.)
    static let chinchilla = LawConformanceCase(
        law: ChinchillaLaw(),
        truth: ChinchillaParameters.epoch2024.vector,
        design: factorial([logSpaced(5e7, 1e10, count: 6), logSpaced(1e9, 1e12, count: 8)]),
        noise: .multiplicative(0.01),
        objective: .logLeastSquares)
}
