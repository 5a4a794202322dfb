import LinearAlgebra

/// A nonlinear least-squares problem: a model `f(p)` that predicts every observation from a
/// parameter vector, the observed values `y`, and optional weights.
///
/// The residual of observation `i` is
/// ```
/// r_i(p) = √w_i · (f_i(p) − y_i)
/// ```
/// and a fit minimises `Σ ρ(r_i)` for the chosen ``RobustLoss`` (`ρ(r) = r²/2` for plain least
/// squares). Weights are inverse variances (`w_i = 1/σ_i²`); without weights every `w_i = 1`.
public struct LeastSquaresProblem: Sendable {
    /// Fills `predictions[i] = f_i(p)` for every observation, given all parameters (in the
    /// order of ``parameters``, fixed and tied ones included).
    public typealias Model = @Sendable (_ parameters: [Double], _ predictions: inout [Double]) -> Void
    /// Fills the `n × m` Jacobian `∂f_i/∂p_j` for all `m` parameters, in the order of ``parameters``.
    public typealias Jacobian = @Sendable (_ parameters: [Double], _ jacobian: inout Matrix) -> Void

    /// The parameters, in the order the model reads them.
    public var parameters: [FitParameter]
    /// The observed values `y_i`.
    public var observations: [Double]
    /// Inverse-variance weights `w_i`, or `nil` for unit weights.
    public var weights: [Double]?
    /// The model.
    public var model: Model
    /// The analytic Jacobian of the model, or `nil` to use central finite differences.
    public var jacobian: Jacobian?
    /// Optionally, a function that fills the unweighted residuals `f_i(p) − y_i` directly. Use it
    /// when the difference can be computed more accurately than by rounding `f_i` first (for
    /// example in extended precision, for fits whose residuals sit near the rounding level of
    /// the predictions). When set, it is used for the residuals and `model` only for reports.
    public var residualFunction: Model?
    /// Optionally, the same model as ``model`` and ``jacobian`` evaluated a block of rows at a
    /// time (``RowKernel``): what the fused Levenberg–Marquardt solver for large data needs
    /// (``FitOptions/fusedNormalEquations``). `nil` (the default) leaves every fit on GSL.
    public var rowKernel: RowKernel? = nil

    /// A problem with `n` observations and the given parameters.
    /// - Parameters:
    ///   - parameters: The parameters, in the order the model reads them.
    ///   - observations: The observed values `y_i`.
    ///   - weights: Inverse-variance weights `w_i = 1/σ_i²` (one per observation), or `nil` for unit
    ///     weights.
    ///   - model: Fills the predictions `f_i(p)`.
    ///   - jacobian: Fills `∂f_i/∂p_j`, or `nil` for central finite differences (two model
    ///     evaluations per free parameter and iteration).
    ///   - residualFunction: Fills `f_i(p) − y_i` directly when it can be computed more accurately
    ///     than by subtraction, or `nil`.
    public init(
        parameters: [FitParameter],
        observations: [Double],
        weights: [Double]? = nil,
        model: @escaping Model,
        jacobian: Jacobian? = nil,
        residualFunction: Model? = nil
    ) {
        self.parameters = parameters
        self.observations = observations
        self.weights = weights
        self.model = model
        self.jacobian = jacobian
        self.residualFunction = residualFunction
    }

    /// A problem for a curve `y = f(x; p)` over one predictor, with a pointwise model and its
    /// gradient `∂f/∂p` at one `x` (the gradient may be `nil` for finite differences).
    public static func curve(
        x: [Double],
        y: [Double],
        weights: [Double]? = nil,
        parameters: [FitParameter],
        value: @escaping @Sendable (_ x: Double, _ p: [Double]) -> Double,
        gradient: (@Sendable (_ x: Double, _ p: [Double], _ gradient: inout [Double]) -> Void)? = nil
    ) -> LeastSquaresProblem {
        let model: Model = { p, out in
            for i in x.indices { out[i] = value(x[i], p) }
        }
        var jacobian: Jacobian?
        if let gradient {
            let m = parameters.count
            jacobian = { p, jac in
                var g = [Double](repeating: 0, count: m)
                let n = x.count
                for i in 0..<n {
                    gradient(x[i], p, &g)
                    for j in 0..<m { jac.elements[i + j * n] = g[j] }
                }
            }
        }
        return LeastSquaresProblem(parameters: parameters, observations: y, weights: weights, model: model, jacobian: jacobian)
    }

    /// The number of observations.
    public var observationCount: Int { observations.count }

    /// The names of the parameters, in order.
    public var parameterNames: [String] { parameters.map(\.name) }

    /// The problem with parameter `name` replaced by `transform(parameter)`.
    public func updatingParameter(_ name: String, _ transform: (inout FitParameter) -> Void) -> LeastSquaresProblem {
        var copy = self
        if let k = copy.parameters.firstIndex(where: { $0.name == name }) {
            transform(&copy.parameters[k])
        }
        return copy
    }
}
