import Foundation

/// How the NIST response column `y` enters the least-squares problem.
enum NISTResponseTransform: String, Sendable {
    /// The model predicts `y` itself (26 of the 27 problems).
    case identity
    /// The model predicts `log(y)` (Nelson: `log[y] = b1 - b2*x1 * exp[-b3*x2]`); the certified
    /// residual sum of squares is `Σ (log y − f)²`.
    case log
}

/// One NIST StRD nonlinear regression model, `f(x, x2; b)`, with its analytic gradient.
///
/// Calling convention (uniform for all 27 models):
/// - `x` is the (first) predictor of one observation; `x2` is the second predictor, used only by
///   Nelson (`predictorCount == 2`: `x` = x1 = time, `x2` = temperature). One-predictor models
///   ignore `x2`; pass `0`.
/// - `b` holds `parameterCount` parameters `b1…bp` as `b[0]…b[p-1]`.
/// - `gradient` writes `∂f/∂b_j` into `out[j]`; `out.count` must equal `parameterCount`.
/// - `value` predicts the *response* (see `responseTransform`): `y` for every problem except
///   Nelson, for which it predicts `log(y)`.
///
/// Most callers should use the row API of `NISTProblem` (`value(row:_:)`, `gradient(row:_:into:)`
/// against `response[row]`), which supplies `x2` and the transformed response.
struct NISTModel: Sendable {
    typealias Value = @Sendable (_ x: Double, _ x2: Double, _ b: [Double]) -> Double
    typealias Gradient = @Sendable (_ x: Double, _ x2: Double, _ b: [Double], _ out: inout [Double]) -> Void

    /// The problem name, e.g. `"MGH09"`.
    let name: String
    /// The model formula as printed in the `.dat` file's "Model:" section.
    let formula: String
    let parameterCount: Int
    /// 1, or 2 for Nelson.
    let predictorCount: Int
    let responseTransform: NISTResponseTransform
    let value: Value
    let gradient: Gradient

    init(
        name: String, formula: String, parameterCount: Int, predictorCount: Int = 1,
        responseTransform: NISTResponseTransform = .identity,
        value: @escaping Value, gradient: @escaping Gradient
    ) {
        self.name = name
        self.formula = formula
        self.parameterCount = parameterCount
        self.predictorCount = predictorCount
        self.responseTransform = responseTransform
        self.value = { x, x2, b in
            precondition(b.count == parameterCount, "\(name): expected \(parameterCount) parameters, got \(b.count)")
            return value(x, x2, b)
        }
        self.gradient = { x, x2, b, out in
            precondition(b.count == parameterCount, "\(name): expected \(parameterCount) parameters, got \(b.count)")
            precondition(out.count == parameterCount, "\(name): gradient buffer must hold \(parameterCount) values, has \(out.count)")
            gradient(x, x2, b, &out)
        }
    }

    /// The model of the NIST problem `name` (case-sensitive, as in `NISTProblem.names`), or `nil`.
    static func named(_ name: String) -> NISTModel? {
        switch name {
        case "Misra1a", "BoxBOD":
            return NISTModel(name: name, formula: "y = b1*(1-exp[-b2*x])", parameterCount: 2,
                             value: Kernels.oneMinusExpValue, gradient: Kernels.oneMinusExpGradient)
        case "Chwirut1":
            return NISTModel(name: name, formula: "y = exp[-b1*x]/(b2+b3*x)", parameterCount: 3,
                             value: Kernels.chwirutValue, gradient: Kernels.chwirutGradient)
        case "Chwirut2":
            return NISTModel(name: name, formula: "y = exp(-b1*x)/(b2+b3*x)", parameterCount: 3,
                             value: Kernels.chwirutValue, gradient: Kernels.chwirutGradient)
        case "Lanczos1", "Lanczos2", "Lanczos3":
            return NISTModel(name: name, formula: "y = b1*exp(-b2*x) + b3*exp(-b4*x) + b5*exp(-b6*x)",
                             parameterCount: 6, value: Kernels.lanczosValue, gradient: Kernels.lanczosGradient)
        case "Gauss1", "Gauss2", "Gauss3":
            return NISTModel(name: name,
                             formula: "y = b1*exp( -b2*x ) + b3*exp( -(x-b4)**2 / b5**2 ) + b6*exp( -(x-b7)**2 / b8**2 )",
                             parameterCount: 8, value: Kernels.gaussValue, gradient: Kernels.gaussGradient)
        case "DanWood":
            return NISTModel(name: name, formula: "y = b1*x**b2", parameterCount: 2,
                             value: Kernels.danWoodValue, gradient: Kernels.danWoodGradient)
        case "Misra1b":
            return NISTModel(name: name, formula: "y = b1 * (1-(1+b2*x/2)**(-2))", parameterCount: 2,
                             value: Kernels.misra1bValue, gradient: Kernels.misra1bGradient)
        case "Kirby2":
            return NISTModel(name: name, formula: "y = (b1 + b2*x + b3*x**2) / (1 + b4*x + b5*x**2)",
                             parameterCount: 5, value: Kernels.rationalValue(numeratorDegree: 2, denominatorDegree: 2),
                             gradient: Kernels.rationalGradient(numeratorDegree: 2, denominatorDegree: 2))
        case "Hahn1", "Thurber":
            return NISTModel(name: name,
                             formula: "y = (b1 + b2*x + b3*x**2 + b4*x**3) / (1 + b5*x + b6*x**2 + b7*x**3)",
                             parameterCount: 7, value: Kernels.rationalValue(numeratorDegree: 3, denominatorDegree: 3),
                             gradient: Kernels.rationalGradient(numeratorDegree: 3, denominatorDegree: 3))
        case "Nelson":
            return NISTModel(name: name, formula: "log[y] = b1 - b2*x1 * exp[-b3*x2]", parameterCount: 3,
                             predictorCount: 2, responseTransform: .log,
                             value: Kernels.nelsonValue, gradient: Kernels.nelsonGradient)
        case "MGH17":
            return NISTModel(name: name, formula: "y = b1 + b2*exp[-x*b4] + b3*exp[-x*b5]", parameterCount: 5,
                             value: Kernels.mgh17Value, gradient: Kernels.mgh17Gradient)
        case "Misra1c":
            return NISTModel(name: name, formula: "y = b1 * (1-(1+2*b2*x)**(-.5))", parameterCount: 2,
                             value: Kernels.misra1cValue, gradient: Kernels.misra1cGradient)
        case "Misra1d":
            return NISTModel(name: name, formula: "y = b1*b2*x*((1+b2*x)**(-1))", parameterCount: 2,
                             value: Kernels.misra1dValue, gradient: Kernels.misra1dGradient)
        case "Roszman1":
            return NISTModel(name: name, formula: "y = b1 - b2*x - arctan[b3/(x-b4)]/pi", parameterCount: 4,
                             value: Kernels.roszmanValue, gradient: Kernels.roszmanGradient)
        case "ENSO":
            return NISTModel(name: name,
                             formula: "y = b1 + b2*cos( 2*pi*x/12 ) + b3*sin( 2*pi*x/12 ) + b5*cos( 2*pi*x/b4 ) + b6*sin( 2*pi*x/b4 ) + b8*cos( 2*pi*x/b7 ) + b9*sin( 2*pi*x/b7 )",
                             parameterCount: 9, value: Kernels.ensoValue, gradient: Kernels.ensoGradient)
        case "MGH09":
            return NISTModel(name: name, formula: "y = b1*(x**2+x*b2) / (x**2+x*b3+b4)", parameterCount: 4,
                             value: Kernels.mgh09Value, gradient: Kernels.mgh09Gradient)
        case "Rat42":
            return NISTModel(name: name, formula: "y = b1 / (1+exp[b2-b3*x])", parameterCount: 3,
                             value: Kernels.rat42Value, gradient: Kernels.rat42Gradient)
        case "MGH10":
            return NISTModel(name: name, formula: "y = b1 * exp[b2/(x+b3)]", parameterCount: 3,
                             value: Kernels.mgh10Value, gradient: Kernels.mgh10Gradient)
        case "Eckerle4":
            return NISTModel(name: name, formula: "y = (b1/b2) * exp[-0.5*((x-b3)/b2)**2]", parameterCount: 3,
                             value: Kernels.eckerleValue, gradient: Kernels.eckerleGradient)
        case "Rat43":
            return NISTModel(name: name, formula: "y = b1 / ((1+exp[b2-b3*x])**(1/b4))", parameterCount: 4,
                             value: Kernels.rat43Value, gradient: Kernels.rat43Gradient)
        case "Bennett5":
            return NISTModel(name: name, formula: "y = b1 * (b2+x)**(-1/b3)", parameterCount: 3,
                             value: Kernels.bennettValue, gradient: Kernels.bennettGradient)
        default:
            return nil
        }
    }
}

// MARK: - Model kernels

/// Values and gradients of the 22 distinct model forms. Written in stable forms (expm1, log1p,
/// two-sided logistic, reused exponentials) that are algebraically identical to the file formulas.
private enum Kernels {
    // MARK: Helpers

    /// The logistic function 1/(1+exp(−z)), without overflow for either sign of `z`.
    static func logistic(_ z: Double) -> Double {
        if z >= 0 {
            return 1 / (1 + Foundation.exp(-z))
        }
        let e = Foundation.exp(z)
        return e / (1 + e)
    }

    /// log(1 + exp(z)), without overflow or loss of accuracy for either sign of `z`.
    static func softplus(_ z: Double) -> Double {
        if z > 0 {
            return z + Foundation.log1p(Foundation.exp(-z))
        }
        return Foundation.log1p(Foundation.exp(z))
    }

    // MARK: Misra1a, BoxBOD: y = b1*(1-exp[-b2*x])

    static let oneMinusExpValue: NISTModel.Value = { x, _, b in
        let oneMinusE = -Foundation.expm1(-b[1] * x)
        return b[0] * oneMinusE
    }
    static let oneMinusExpGradient: NISTModel.Gradient = { x, _, b, out in
        let e = Foundation.exp(-b[1] * x)
        out[0] = -Foundation.expm1(-b[1] * x)
        out[1] = b[0] * x * e
    }

    // MARK: Chwirut1, Chwirut2: y = exp[-b1*x]/(b2+b3*x)

    static let chwirutValue: NISTModel.Value = { x, _, b in
        let e = Foundation.exp(-b[0] * x)
        let d = b[1] + b[2] * x
        return e / d
    }
    static let chwirutGradient: NISTModel.Gradient = { x, _, b, out in
        let e = Foundation.exp(-b[0] * x)
        let d = b[1] + b[2] * x
        let f = e / d
        out[0] = -x * f
        out[1] = -f / d
        out[2] = -x * f / d
    }

    // MARK: Lanczos1-3: y = b1*exp(-b2*x) + b3*exp(-b4*x) + b5*exp(-b6*x)

    static let lanczosValue: NISTModel.Value = { x, _, b in
        var sum = 0.0
        for k in 0..<3 {
            let amplitude = b[2 * k]
            let rate = b[2 * k + 1]
            sum += amplitude * Foundation.exp(-rate * x)
        }
        return sum
    }
    static let lanczosGradient: NISTModel.Gradient = { x, _, b, out in
        for k in 0..<3 {
            let amplitude = b[2 * k]
            let rate = b[2 * k + 1]
            let e = Foundation.exp(-rate * x)
            out[2 * k] = e
            out[2 * k + 1] = -amplitude * x * e
        }
    }

    // MARK: Gauss1-3: y = b1*exp(-b2*x) + b3*exp(-(x-b4)**2/b5**2) + b6*exp(-(x-b7)**2/b8**2)

    static let gaussValue: NISTModel.Value = { x, _, b in
        var sum = b[0] * Foundation.exp(-b[1] * x)
        for peak in 0..<2 {
            let a = b[2 + 3 * peak]
            let center = b[3 + 3 * peak]
            let width = b[4 + 3 * peak]
            let u = (x - center) / width
            sum += a * Foundation.exp(-u * u)
        }
        return sum
    }
    static let gaussGradient: NISTModel.Gradient = { x, _, b, out in
        let e = Foundation.exp(-b[1] * x)
        out[0] = e
        out[1] = -b[0] * x * e
        for peak in 0..<2 {
            let a = b[2 + 3 * peak]
            let center = b[3 + 3 * peak]
            let width = b[4 + 3 * peak]
            let u = (x - center) / width
            let g = Foundation.exp(-u * u)
            let dCenter = 2 * a * g * u / width      // ∂/∂center of a·exp(−u²), u = (x−c)/w
            out[2 + 3 * peak] = g
            out[3 + 3 * peak] = dCenter
            out[4 + 3 * peak] = dCenter * u         // ∂/∂w = 2·a·g·u²/w
        }
    }

    // MARK: DanWood: y = b1*x**b2

    static let danWoodValue: NISTModel.Value = { x, _, b in
        b[0] * Foundation.pow(x, b[1])
    }
    static let danWoodGradient: NISTModel.Gradient = { x, _, b, out in
        let p = Foundation.pow(x, b[1])
        out[0] = p
        // d/db2 x^b2 = x^b2 · ln x (x > 0 for the NIST data; 0 at x = 0 where x^b2 is flat for b2 > 0).
        out[1] = x > 0 ? b[0] * p * Foundation.log(x) : 0
    }

    // MARK: Misra1b: y = b1 * (1-(1+b2*x/2)**(-2))

    static let misra1bValue: NISTModel.Value = { x, _, b in
        // 1 − s⁻² with s = 1 + t, t = b2·x/2, rewritten as t(2 + t)/s² to avoid cancellation.
        let t = b[1] * x / 2
        let s = 1 + t
        let oneMinus = t * (2 + t) / (s * s)
        return b[0] * oneMinus
    }
    static let misra1bGradient: NISTModel.Gradient = { x, _, b, out in
        let t = b[1] * x / 2
        let s = 1 + t
        out[0] = t * (2 + t) / (s * s)
        out[1] = b[0] * x / (s * s * s)           // b1 · 2s⁻³ · x/2
    }

    // MARK: Kirby2, Hahn1, Thurber: polynomial / (1 + polynomial)

    /// `(b[0] + b[1]x + … + b[n]xⁿ) / (1 + b[n+1]x + … + b[n+m]xᵐ)`.
    static func rationalValue(numeratorDegree n: Int, denominatorDegree m: Int) -> NISTModel.Value {
        { x, _, b in
            var numerator = 0.0
            for k in stride(from: n, through: 0, by: -1) {
                numerator = numerator * x + b[k]
            }
            var denominatorTail = 0.0                  // b[n+1] + b[n+2]x + … (Horner), times x below
            for k in stride(from: n + m, through: n + 1, by: -1) {
                denominatorTail = denominatorTail * x + b[k]
            }
            let denominator = 1 + denominatorTail * x
            return numerator / denominator
        }
    }
    static func rationalGradient(numeratorDegree n: Int, denominatorDegree m: Int) -> NISTModel.Gradient {
        { x, _, b, out in
            var numerator = 0.0
            for k in stride(from: n, through: 0, by: -1) {
                numerator = numerator * x + b[k]
            }
            var denominatorTail = 0.0
            for k in stride(from: n + m, through: n + 1, by: -1) {
                denominatorTail = denominatorTail * x + b[k]
            }
            let denominator = 1 + denominatorTail * x
            let f = numerator / denominator
            var power = 1.0                            // xᵏ
            for k in 0...n {
                out[k] = power / denominator
                power *= x
            }
            power = x
            for k in 1...m {
                out[n + k] = -f * power / denominator
                power *= x
            }
        }
    }

    // MARK: Nelson: log[y] = b1 - b2*x1 * exp[-b3*x2]

    static let nelsonValue: NISTModel.Value = { x1, x2, b in
        let e = Foundation.exp(-b[2] * x2)
        return b[0] - b[1] * x1 * e
    }
    static let nelsonGradient: NISTModel.Gradient = { x1, x2, b, out in
        let e = Foundation.exp(-b[2] * x2)
        out[0] = 1
        out[1] = -x1 * e
        out[2] = b[1] * x1 * x2 * e
    }

    // MARK: MGH17: y = b1 + b2*exp[-x*b4] + b3*exp[-x*b5]

    static let mgh17Value: NISTModel.Value = { x, _, b in
        let e4 = Foundation.exp(-x * b[3])
        let e5 = Foundation.exp(-x * b[4])
        return b[0] + b[1] * e4 + b[2] * e5
    }
    static let mgh17Gradient: NISTModel.Gradient = { x, _, b, out in
        let e4 = Foundation.exp(-x * b[3])
        let e5 = Foundation.exp(-x * b[4])
        out[0] = 1
        out[1] = e4
        out[2] = e5
        out[3] = -b[1] * x * e4
        out[4] = -b[2] * x * e5
    }

    // MARK: Misra1c: y = b1 * (1-(1+2*b2*x)**(-.5))

    static let misra1cValue: NISTModel.Value = { x, _, b in
        // 1 − s^(−1/2) with s = 1 + 2·b2·x, rewritten as (s − 1)/(√s(√s + 1)) to avoid cancellation.
        let t = 2 * b[1] * x
        let r = (1 + t).squareRoot()
        return b[0] * t / (r * (r + 1))
    }
    static let misra1cGradient: NISTModel.Gradient = { x, _, b, out in
        let t = 2 * b[1] * x
        let s = 1 + t
        let r = s.squareRoot()
        out[0] = t / (r * (r + 1))
        out[1] = b[0] * x / (s * r)                // b1 · ½ s^(−3/2) · 2x
    }

    // MARK: Misra1d: y = b1*b2*x*((1+b2*x)**(-1))

    static let misra1dValue: NISTModel.Value = { x, _, b in
        let t = b[1] * x
        return b[0] * t / (1 + t)
    }
    static let misra1dGradient: NISTModel.Gradient = { x, _, b, out in
        let t = b[1] * x
        let s = 1 + t
        out[0] = t / s
        out[1] = b[0] * x / (s * s)
    }

    // MARK: Roszman1: y = b1 - b2*x - arctan[b3/(x-b4)]/pi

    static let roszmanValue: NISTModel.Value = { x, _, b in
        let angle = Foundation.atan(b[2] / (x - b[3]))
        return b[0] - b[1] * x - angle / Double.pi
    }
    static let roszmanGradient: NISTModel.Gradient = { x, _, b, out in
        let d = x - b[3]
        let q = d * d + b[2] * b[2]                // (x−b4)²·(1 + t²), t = b3/(x−b4)
        out[0] = 1
        out[1] = -x
        out[2] = -d / (Double.pi * q)
        out[3] = -b[2] / (Double.pi * q)
    }

    // MARK: ENSO: annual cycle plus two free-period cycles

    static let ensoValue: NISTModel.Value = { x, _, b in
        let twoPiX = 2 * Double.pi * x
        let annual = twoPiX / 12
        var sum = b[0] + b[1] * Foundation.cos(annual) + b[2] * Foundation.sin(annual)
        for cycle in 0..<2 {
            let period = b[3 + 3 * cycle]
            let theta = twoPiX / period
            sum += b[4 + 3 * cycle] * Foundation.cos(theta)
            sum += b[5 + 3 * cycle] * Foundation.sin(theta)
        }
        return sum
    }
    static let ensoGradient: NISTModel.Gradient = { x, _, b, out in
        let twoPiX = 2 * Double.pi * x
        let annual = twoPiX / 12
        out[0] = 1
        out[1] = Foundation.cos(annual)
        out[2] = Foundation.sin(annual)
        for cycle in 0..<2 {
            let period = b[3 + 3 * cycle]
            let cosCoefficient = b[4 + 3 * cycle]
            let sinCoefficient = b[5 + 3 * cycle]
            let theta = twoPiX / period
            let c = Foundation.cos(theta)
            let s = Foundation.sin(theta)
            // dθ/dP = −θ/P, so ∂/∂P (a cos θ + b sin θ) = (a sin θ − b cos θ)·θ/P.
            let slope = cosCoefficient * s - sinCoefficient * c
            out[3 + 3 * cycle] = slope * theta / period
            out[4 + 3 * cycle] = c
            out[5 + 3 * cycle] = s
        }
    }

    // MARK: MGH09: y = b1*(x**2+x*b2) / (x**2+x*b3+b4)

    static let mgh09Value: NISTModel.Value = { x, _, b in
        let numerator = x * x + x * b[1]
        let denominator = x * x + x * b[2] + b[3]
        return b[0] * numerator / denominator
    }
    static let mgh09Gradient: NISTModel.Gradient = { x, _, b, out in
        let numerator = x * x + x * b[1]
        let denominator = x * x + x * b[2] + b[3]
        let ratio = numerator / denominator
        let f = b[0] * ratio
        out[0] = ratio
        out[1] = b[0] * x / denominator
        out[2] = -f * x / denominator
        out[3] = -f / denominator
    }

    // MARK: Rat42: y = b1 / (1+exp[b2-b3*x])

    static let rat42Value: NISTModel.Value = { x, _, b in
        let z = b[1] - b[2] * x
        return b[0] * logistic(-z)
    }
    static let rat42Gradient: NISTModel.Gradient = { x, _, b, out in
        let z = b[1] - b[2] * x
        let p = logistic(-z)                       // 1/(1 + e^z)
        let q = logistic(z)                        // e^z/(1 + e^z) = 1 − p
        let pq = p * q
        out[0] = p
        out[1] = -b[0] * pq
        out[2] = b[0] * x * pq
    }

    // MARK: MGH10: y = b1 * exp[b2/(x+b3)]

    static let mgh10Value: NISTModel.Value = { x, _, b in
        b[0] * Foundation.exp(b[1] / (x + b[2]))
    }
    static let mgh10Gradient: NISTModel.Gradient = { x, _, b, out in
        let d = x + b[2]
        let e = Foundation.exp(b[1] / d)
        let f = b[0] * e
        out[0] = e
        out[1] = f / d
        out[2] = -f * b[1] / (d * d)
    }

    // MARK: Eckerle4: y = (b1/b2) * exp[-0.5*((x-b3)/b2)**2]

    static let eckerleValue: NISTModel.Value = { x, _, b in
        let u = (x - b[2]) / b[1]
        return (b[0] / b[1]) * Foundation.exp(-0.5 * u * u)
    }
    static let eckerleGradient: NISTModel.Gradient = { x, _, b, out in
        let u = (x - b[2]) / b[1]
        let g = Foundation.exp(-0.5 * u * u)
        let f = (b[0] / b[1]) * g
        out[0] = g / b[1]
        out[1] = f * (u * u - 1) / b[1]
        out[2] = f * u / b[1]
    }

    // MARK: Rat43: y = b1 / ((1+exp[b2-b3*x])**(1/b4))

    static let rat43Value: NISTModel.Value = { x, _, b in
        let z = b[1] - b[2] * x
        let logBase = softplus(z)                  // log(1 + e^z)
        return b[0] * Foundation.exp(-logBase / b[3])
    }
    static let rat43Gradient: NISTModel.Gradient = { x, _, b, out in
        let z = b[1] - b[2] * x
        let logBase = softplus(z)
        let power = Foundation.exp(-logBase / b[3])   // (1 + e^z)^(−1/b4)
        let f = b[0] * power
        let q = logistic(z)                           // e^z/(1 + e^z) = d log(1 + e^z)/dz
        out[0] = power
        out[1] = -f * q / b[3]
        out[2] = f * q * x / b[3]
        out[3] = f * logBase / (b[3] * b[3])
    }

    // MARK: Bennett5: y = b1 * (b2+x)**(-1/b3)

    static let bennettValue: NISTModel.Value = { x, _, b in
        b[0] * Foundation.pow(b[1] + x, -1 / b[2])
    }
    static let bennettGradient: NISTModel.Gradient = { x, _, b, out in
        let w = b[1] + x
        let power = Foundation.pow(w, -1 / b[2])
        let f = b[0] * power
        out[0] = power
        out[1] = -f / (b[2] * w)
        out[2] = f * Foundation.log(w) / (b[2] * b[2])
    }
}
