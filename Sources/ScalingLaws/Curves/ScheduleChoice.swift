/// The schedule a fitted curve law predicts to end lowest for a fixed step budget: the WSD
/// decay fraction and shape, and the cosine final ratio, searched on grids, with the gain over
/// the reference cosine (as Luo et al. 2025, arXiv:2503.12811, optimise the schedule with
/// the fitted law; their optimised schedule resembles WSD).
public struct ScheduleChoice: Sendable, Equatable {
    /// A candidate and its predicted final loss.
    public struct Candidate: Sendable, Equatable {
        /// The candidate schedule.
        public let specification: ScheduleSpecification
        /// The law's predicted loss at its last step (nats/token).
        public let finalLoss: Double
    }

    /// Every WSD candidate, in grid order.
    public let wsd: [Candidate]
    /// Every cosine candidate, in grid order.
    public let cosine: [Candidate]
    /// The reference cosine (final ratio `referenceFinal`).
    public let reference: Candidate
    /// The reference cosine's predicted final loss minus the best WSD's, with its delta-method
    /// interval (``CurveFit/difference(_:_:)``).
    public let gain: CurveDifference

    /// The WSD candidate of least predicted final loss.
    public var bestWSD: Candidate { wsd.min { $0.finalLoss < $1.finalLoss } ?? reference }
    /// The cosine candidate of least predicted final loss.
    public var bestCosine: Candidate { cosine.min { $0.finalLoss < $1.finalLoss } ?? reference }
    /// The reference cosine's predicted final loss minus the best WSD's (positive: WSD is better).
    public var gainOverCosine: Double { reference.finalLoss - bestWSD.finalLoss }

    /// Searches the grids.
    ///
    /// - Parameters:
    ///   - fit: The fitted law.
    ///   - steps: The step budget T.
    ///   - warmup: Warm-up steps.
    ///   - peak: The peak rate (the one the law was fitted at).
    ///   - wsdFinal: The WSD decay's final rate as a fraction of the peak.
    ///   - decayFractions: WSD decay fractions to try.
    ///   - shapes: WSD decay shapes to try.
    ///   - cosineFinals: Cosine final ratios to try.
    ///   - referenceFinal: The reference cosine's final ratio.
    /// - Throws: ``ScheduleError`` when a candidate cannot be laid out.
    public static func search(fit: CurveFit, steps: Int, warmup: Int, peak: Double, wsdFinal: Double = 0.1,
                              decayFractions: [Double] = (1...12).map { Double($0) / 20 },
                              shapes: [DecayShape] = DecayShape.allCases,
                              cosineFinals: [Double] = (0...10).map { Double($0) / 20 },
                              referenceFinal: Double = 0.1) throws -> ScheduleChoice {
        func candidate(_ spec: ScheduleSpecification) throws -> Candidate {
            Candidate(specification: spec, finalLoss: fit.predictFinal(try spec.schedule()))
        }
        var wsd: [Candidate] = []
        for shape in shapes {
            for f in decayFractions {
                wsd.append(try candidate(ScheduleSpecification(shape: .wsd(decay: .fraction(f), shape: shape), warmup: warmup, peak: peak,
                                                               final: wsdFinal, steps: steps)))
            }
        }
        let cosine = try cosineFinals.map {
            try candidate(ScheduleSpecification(shape: .cosine, warmup: warmup, peak: peak, final: $0, steps: steps))
        }
        let reference = try candidate(ScheduleSpecification(shape: .cosine, warmup: warmup, peak: peak, final: referenceFinal, steps: steps))
        let best = wsd.min { $0.finalLoss < $1.finalLoss } ?? reference
        let gain = fit.difference(try reference.specification.schedule(), try best.specification.schedule())
        return ScheduleChoice(wsd: wsd, cosine: cosine, reference: reference, gain: gain)
    }
}
