/// The mixture-of-experts part of a transformer's feed-forward layers: `experts` routed experts
/// of hidden size `expertFFN`, `active` of them chosen per token by a linear router, plus
/// `shared` experts every token passes through (as in DeepSeekMoE, Dai et al. 2024).
public struct MixtureOfExperts: Codable, Sendable, Equatable {
    /// Routed experts per layer.
    public var experts: Int
    /// Routed experts each token is sent to (top-k).
    public var active: Int
    /// Hidden size of one expert's feed-forward network.
    public var expertFFN: Int
    /// Experts every token passes through, in addition to the routed ones.
    public var shared: Int

    /// A mixture of experts.
    /// - Parameters:
    ///   - experts: Routed experts per layer.
    ///   - active: Routed experts each token is sent to.
    ///   - expertFFN: Hidden size of one expert's feed-forward network.
    ///   - shared: Experts every token passes through (default 0).
    public init(experts: Int, active: Int, expertFFN: Int, shared: Int = 0) {
        self.experts = experts
        self.active = active
        self.expertFFN = expertFFN
        self.shared = shared
    }
}
