import ScalingLaws

/// libFuzzer entry point for the formula parser and printer.
///
/// For any text: parsing never crashes or hangs and every error is a one-line `FormulaError`;
/// a formula that parses prints to text that parses back to the same tree (print → parse →
/// print is a fixed point), evaluates identically before and after the round trip, and (when
/// it names inputs and parameters) builds a `FormulaLaw` whose value and gradient can be
/// evaluated. The same text read as a command-line law (`NAME: FORMULA`) and as a law file
/// (with `name`, `param`, `inputs` and `response` lines) either fails with a one-line
/// `FormulaError` or gives a definition whose law, when it builds, carries the name given.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFormula(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    FormulaFuzzChecks.check(text)
    return 0
}

enum FormulaFuzzChecks {
    static func check(_ text: String) {
        checkDefinitions(text)
        let parsed: (response: String?, expression: FormulaExpression)
        do {
            parsed = try FormulaParser.parseDefinition(text)
        } catch let error as FormulaError {
            let message = error.description
            precondition(!message.isEmpty && !message.contains(where: \.isNewline) && MessageText.isOneLine(message),
                         "multi-line message: \(message.debugDescription)")
            return
        } catch {
            preconditionFailure("parseDefinition threw a non-FormulaError: \(error)")
        }
        let expression = parsed.expression
        let printed = expression.description
        let reparsed: FormulaExpression
        do {
            reparsed = try FormulaParser.parse(printed)
        } catch {
            preconditionFailure("printed formula does not parse (\(error)): \(printed)")
        }
        precondition(reparsed == expression, "round trip changed the tree: \(text) -> \(printed) -> \(reparsed)")
        precondition(reparsed.description == printed, "printing is not a fixed point: \(printed) -> \(reparsed.description)")

        var point: [String: Double] = [:]
        for (k, name) in expression.names.enumerated() { point[name] = 0.5 + 0.75 * Double(k) }
        let a = expression.value(point)
        let b = reparsed.value(point)
        precondition(a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN), "value changed: \(a) -> \(b)")

        let law: FormulaLaw
        do {
            law = try FormulaLaw(text)
        } catch let error as FormulaError {
            let message = error.description
            precondition(!message.isEmpty && !message.contains(where: \.isNewline) && MessageText.isOneLine(message),
                         "multi-line message: \(message.debugDescription)")
            return
        } catch {
            preconditionFailure("FormulaLaw threw a non-FormulaError: \(error)")
        }
        let x = law.inputNames.indices.map { 2.0 + Double($0) }
        let p = law.parameters.indices.map { 0.5 + 0.25 * Double($0) }
        _ = law.evaluate(x, p)
        var gradient = [Double](repeating: 0, count: p.count)
        law.gradient(x, p, into: &gradient)
    }

    static func requireOneLine(_ error: any Error, _ context: String) {
        guard let error = error as? FormulaError else { preconditionFailure("\(context) threw a non-FormulaError: \(error)") }
        let message = error.description
        precondition(!message.isEmpty && !message.contains(where: \.isNewline) && MessageText.isOneLine(message),
                     "multi-line message: \(message.debugDescription)")
    }

    /// `NAME: FORMULA` and law files: one-line errors, and a named law keeps its name.
    static func checkDefinitions(_ text: String) {
        for read in [{ try FormulaLawDefinition.commandLine(text) }, { try FormulaLawDefinition.parseFile(text, source: "fuzz.law") }] {
            let definition: FormulaLawDefinition
            do {
                definition = try read()
            } catch {
                requireOneLine(error, "reading a definition")
                continue
            }
            do {
                let law = try FormulaLaw(definition)
                precondition(law.name == (definition.name ?? "formula"), "name \(String(describing: definition.name)) became \(law.name)")
            } catch {
                requireOneLine(error, "FormulaLaw(definition)")
            }
        }
    }
}
