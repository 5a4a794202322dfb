import Foundation
import ScalingLaws
import Testing
import TestSupport

/// Naming a formula law (`--law 'NAME: FORMULA'`, a `name` line), and the default names that
/// tell two unnamed formulas apart in one comparison.
@Suite("formula law names")
struct FormulaLawNameTests {
    @Test("NAME: FORMULA on the command line; a formula without a colon keeps the name 'formula'")
    func commandLine() throws {
        let named = try FormulaLawDefinition.commandLine("hand: E + A/N^alpha + B/D^beta")
        #expect(named.name == "hand")
        #expect(named.formula == "E + A/N^alpha + B/D^beta")
        let law = try FormulaLaw(named)
        #expect(law.name == "hand")
        #expect(law.label == "hand")
        #expect(law.formula == "loss = E + A/N^alpha + B/D^beta")
        let plain = try FormulaLaw(try FormulaLawDefinition.commandLine("loss = E + A/N^alpha"))
        #expect(plain.name == "formula")
        #expect(plain.label == nil)
        #expect(try FormulaLaw.catalogOrFormula("chinchilla")?.name == "chinchilla")
        #expect(try FormulaLaw.catalogOrFormula("k2: E + A/N^alpha")?.name == "k2")
        #expect(try FormulaLaw.catalogOrFormula("kaplan-joint") == nil)
    }

    @Test("a name that is not a formula name, or is a catalog law's, is refused in one line", arguments: [
        ("2x: E + A/N^alpha", "formula: law name '2x': expected a name of ASCII letters, digits and '_' before ':', e.g. 'hand: E + A/N^alpha'"),
        ("chinchilla: E + A/N^alpha", "formula: law name 'chinchilla': a catalog law is called that; choose another name"),
        ("formula: E + A/N^alpha", "formula: law name 'formula': a catalog law is called that; choose another name"),
    ])
    func refused(text: String, message: String) throws {
        #expect(throws: FormulaError.self) { try FormulaLawDefinition.commandLine(text) }
        do {
            _ = try FormulaLawDefinition.commandLine(text)
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test("a law file's name line")
    func lawFile() throws {
        let definition = try FormulaLawDefinition.parseFile("name kaplan_by_hand\nloss = (N_c/N)^alpha\n", source: "k.law")
        #expect(definition.name == "kaplan_by_hand")
        #expect(try FormulaLaw(definition).name == "kaplan_by_hand")
    }

    @Test("two unnamed formulas are renamed after their expressions; named ones and catalog laws keep their names")
    func distinct() throws {
        let laws: [any ScalingLaw] = [
            ChinchillaLaw(), try FormulaLaw("E + A/N^alpha + B/D^beta"), try FormulaLaw("E + A/N^alpha"),
            try FormulaLaw("E + A/N^alpha"), try FormulaLaw("E + A/N^alpha", name: "mine"),
        ]
        #expect(FormulaLaw.distinctlyNamed(laws).map(\.name) == [
            "chinchilla", "E + A/N^alpha + B/D^beta", "E + A/N^alpha", "E + A/N^alpha #2", "mine",
        ])
        // One unnamed formula keeps 'formula'.
        #expect(FormulaLaw.distinctlyNamed([ChinchillaLaw(), try FormulaLaw("E + A/N^alpha")]).map(\.name) == ["chinchilla", "formula"])
        // A long expression is cut to 40 characters.
        let long = try FormulaLaw("E + A/N^alpha + B/D^beta + C/(N*D)^gamma + F*log(N)")
        let names = FormulaLaw.distinctlyNamed([long, try FormulaLaw("E + A/N^alpha")]).map(\.name)
        #expect(names[0].count == 40 && names[0].hasSuffix("…"))
    }
}
