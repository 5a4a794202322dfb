import NonlinearFit

/// A scaling law: a formula that predicts a response (usually loss) from inputs such as model
/// size `N` and training tokens `D`, with parameters fitted to training runs.
///
/// A law is a value: it knows its parameters, how to evaluate itself and its exact gradient,
/// and how to guess starting values from data. Each conforming type documents its formula and
/// source in its doc comment. The shared conformance suite checks every law's gradient against
/// finite differences and its recovery of known parameters from simulated data.
public protocol ScalingLaw: Sendable {
    /// The catalog name used on the command line (`chinchilla`).
    var name: String { get }
    /// A human title (`Chinchilla (Hoffmann et al. 2022), Approach 3`).
    var title: String { get }
    /// The formula in plain text (`L(N, D) = E + A/N^α + B/D^β`).
    var formula: String { get }
    /// The source: authors, year, title, arXiv id and equation.
    var citation: String { get }
    /// Input variables, in the order `evaluate` reads them.
    var inputs: [LawVariable] { get }
    /// The response variable.
    var response: LawVariable { get }
    /// Parameters, in the order `evaluate` reads them.
    var parameters: [LawParameter] { get }

    /// The prediction at one point `x` (in the order of ``inputs``) for parameters `p`.
    func evaluate(_ x: [Double], _ p: [Double]) -> Double
    /// The exact gradient `∂f/∂p_j` at one point, written into `gradient`.
    func gradient(_ x: [Double], _ p: [Double], into gradient: inout [Double])
    /// Starting values from data: `inputs[k]` is the column of input `k`.
    func initialGuess(inputs: [[Double]], response: [Double]) -> [Double]
    /// Starting points that cover the plausible region (for multi-start), or empty.
    func startGrid() -> [[String: Double]]
    /// Optionally, a fused evaluator of `log f` and its Jacobian over a whole dataset in the
    /// log-space parameterization (positive parameters as logarithms), for speed. `nil` uses
    /// the generic path through ``evaluate(_:_:)`` and ``gradient(_:_:into:)``.
    func logSpaceKernel(inputs: [[Double]]) -> LogSpaceKernel?
    /// Optionally, a fused evaluator of `f` itself (not its log) and its Jacobian over a whole
    /// dataset in the same parameterization as ``logSpaceKernel(inputs:)``, with the logs of
    /// the inputs taken once: the fast path of least-squares fits on large datasets. `nil`
    /// uses the generic path.
    func responseKernel(inputs: [[Double]]) -> LogSpaceKernel?
    /// The objective a fit uses when the user names none (least squares unless the law's
    /// literature fits it otherwise, e.g. Hoffmann's log-space Huber for Chinchilla).
    var defaultObjective: LawObjective { get }
    /// The sub-field the law comes from, which decides its natural figure and the domain of its
    /// response (``LawFamily``). Loss scaling unless the law says otherwise.
    var family: LawFamily { get }
    /// Which input runs along the x axis of the law's curves and which one groups them
    /// (``LawCurveAxes/standard(inputCount:)`` unless the law says otherwise).
    var curveAxes: LawCurveAxes { get }
    /// The response's floor for parameters `parameters` (chance, or the score of small
    /// models), with a label that says what it is, for benchmark laws; `nil` for laws without
    /// one. Figures draw it as a dashed line.
    func responseFloor(_ parameters: [Double]) -> LawResponseFloor?
    /// For each linear parameter (``LawParameter/isLinear``), by name, the nonlinear parameters
    /// its basis function `∂f/∂c` depends on, when the law declares it: for Chinchilla
    /// `E: []`, `A: [alpha]`, `B: [beta]` (`∂f/∂A = N^−α` whatever `E`, `B` and `β`). The
    /// variable-projection start grid then computes each distinct basis column once instead of
    /// once per grid point. A declared dependency must hold bit for bit: ``gradient(_:_:into:)``'s
    /// entry for the parameter may read no other parameter. `nil` (the default): not declared,
    /// every column is computed at every grid point.
    var linearBasisDependencies: [String: [String]]? { get }
}

/// A fused log-space evaluator: `model` fills `log f(x_i)` and `jacobian` fills
/// `∂ log f(x_i)/∂θ_j` for fitted parameters θ (logs of the parameters that fit in log space).
public struct LogSpaceKernel: Sendable {
    /// Fills `log f(x_i)` for every input row, given the fitted parameters θ.
    public let model: LeastSquaresProblem.Model
    /// Fills `∂ log f(x_i)/∂θ_j`.
    public let jacobian: LeastSquaresProblem.Jacobian
    /// Optionally, the same values and Jacobian a block of rows at a time (`RowKernel`), row
    /// for row bit-identical to ``model`` and ``jacobian``: what the fused large-data solver uses.
    public let rows: RowKernel?

    /// A log-space kernel.
    /// - Parameters:
    ///   - model: Fills `log f(x_i)`.
    ///   - jacobian: Fills `∂ log f(x_i)/∂θ_j`.
    ///   - rows: The same a block of rows at a time, or `nil`.
    public init(
        model: @escaping LeastSquaresProblem.Model, jacobian: @escaping LeastSquaresProblem.Jacobian, rows: RowKernel? = nil
    ) {
        self.model = model
        self.jacobian = jacobian
        self.rows = rows
    }
}

extension ScalingLaw {
    public func startGrid() -> [[String: Double]] { [] }
    public func logSpaceKernel(inputs: [[Double]]) -> LogSpaceKernel? { nil }
    public func responseKernel(inputs: [[Double]]) -> LogSpaceKernel? { nil }
    public var defaultObjective: LawObjective { .leastSquares }
    public var family: LawFamily { .lossScaling }
    public var curveAxes: LawCurveAxes { .standard(inputCount: inputs.count) }
    public func responseFloor(_ parameters: [Double]) -> LawResponseFloor? { nil }
    public var linearBasisDependencies: [String: [String]]? { nil }

    /// The index of the parameter named `name`.
    public func parameterIndex(_ name: String) -> Int? {
        parameters.firstIndex { $0.name == name }
    }

    /// Predictions for many points: `inputs[k][i]` is input `k` of point `i`.
    public func evaluate(inputs: [[Double]], parameters p: [Double]) -> [Double] {
        let count = inputs.first?.count ?? 0
        var x = [Double](repeating: 0, count: inputs.count)
        var out = [Double](repeating: 0, count: count)
        for i in 0..<count {
            for k in inputs.indices { x[k] = inputs[k][i] }
            out[i] = evaluate(x, p)
        }
        return out
    }
}
