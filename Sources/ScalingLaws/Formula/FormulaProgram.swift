import Foundation

/// Expressions compiled to a flat list of instructions for fast repeated evaluation: one slot
/// per distinct subexpression, shared between all compiled roots (a law's value and its
/// gradient share `N^alpha`, `log(N)`, …), names resolved to input and parameter indices.
struct FormulaProgram: Sendable {
    enum Instruction: Hashable, Sendable {
        case constant(Double)
        case input(Int)
        case parameter(Int)
        case negate(Int)
        case add(Int, Int)
        case subtract(Int, Int)
        case multiply(Int, Int)
        case divide(Int, Int)
        case power(Int, Int)
        case unary(FormulaFunction, Int)
        case binary(FormulaFunction, Int, Int)
    }

    let instructions: [Instruction]
    /// The slot holding each root's value.
    let outputs: [Int]

    /// Compiles `roots`; every name in them must be in `inputs` or `parameters`.
    init(compiling roots: [FormulaExpression], inputs: [String], parameters: [String]) {
        var builder = Builder(
            inputs: Dictionary(uniqueKeysWithValues: inputs.enumerated().map { ($1, $0) }),
            parameters: Dictionary(uniqueKeysWithValues: parameters.enumerated().map { ($1, $0) }))
        let outputs = roots.map { builder.slot($0) }
        self.instructions = builder.instructions
        self.outputs = outputs
    }

    struct Builder {
        let inputs: [String: Int]
        let parameters: [String: Int]
        var instructions: [Instruction] = []
        var slots: [Instruction: Int] = [:]

        mutating func emit(_ instruction: Instruction) -> Int {
            if let slot = slots[instruction] { return slot }
            instructions.append(instruction)
            slots[instruction] = instructions.count - 1
            return instructions.count - 1
        }

        mutating func slot(_ e: FormulaExpression) -> Int {
            switch e {
            case let .number(v): return emit(.constant(v))
            case let .name(name):
                if let k = inputs[name] { return emit(.input(k)) }
                if let k = parameters[name] { return emit(.parameter(k)) }
                return emit(.constant(.nan))
            case let .negate(a): return emit(.negate(slot(a)))
            case let .add(a, b): return emit(.add(slot(a), slot(b)))
            case let .subtract(a, b): return emit(.subtract(slot(a), slot(b)))
            case let .multiply(a, b): return emit(.multiply(slot(a), slot(b)))
            case let .divide(a, b): return emit(.divide(slot(a), slot(b)))
            case let .power(a, b): return emit(.power(slot(a), slot(b)))
            case let .call(function, arguments):
                if arguments.count == 2 { return emit(.binary(function, slot(arguments[0]), slot(arguments[1]))) }
                return emit(.unary(function, slot(arguments[0])))
            }
        }
    }

    /// Runs the program at inputs `x` and parameters `p` and calls `body` with the slots
    /// (read the roots at ``outputs``).
    @inline(__always)
    func run<R>(_ x: [Double], _ p: [Double], _ body: (UnsafeMutableBufferPointer<Double>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(instructions.count, 1)) { slots in
            instructions.withUnsafeBufferPointer { program in
                for i in 0..<program.count {
                    let value: Double
                    switch program[i] {
                    case let .constant(v): value = v
                    case let .input(k): value = x[k]
                    case let .parameter(k): value = p[k]
                    case let .negate(a): value = -slots[a]
                    case let .add(a, b): value = slots[a] + slots[b]
                    case let .subtract(a, b): value = slots[a] - slots[b]
                    case let .multiply(a, b): value = slots[a] * slots[b]
                    case let .divide(a, b): value = slots[a] / slots[b]
                    case let .power(a, b): value = pow(slots[a], slots[b])
                    case let .unary(function, a): value = function.apply(slots[a], 0)
                    case let .binary(function, a, b): value = function.apply(slots[a], slots[b])
                    }
                    slots[i] = value
                }
            }
            return body(slots)
        }
    }

    /// The value of the first root.
    func value(_ x: [Double], _ p: [Double]) -> Double {
        let output = outputs[0]
        return run(x, p) { $0[output] }
    }

    /// The values of all roots, written into `out`.
    func values(_ x: [Double], _ p: [Double], into out: inout [Double]) {
        run(x, p) { slots in
            for (k, slot) in outputs.enumerated() { out[k] = slots[slot] }
        }
    }
}
