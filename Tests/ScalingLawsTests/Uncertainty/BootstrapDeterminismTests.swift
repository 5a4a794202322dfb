import Foundation
import ScalingLaws
import Testing
import TestSupport

/// House habit 10: a seed fixes every draw bit for bit, whatever the thread scheduling.
@Suite("Bootstrap determinism")
struct BootstrapDeterminismTests {
    static let kinds: [BootstrapOptions.Kind] = [.rows, .groups(column: "run"), .residuals]

    /// Power-law data with a `run` column grouping rows in fours.
    static func data() throws -> Dataset {
        var data = try BootstrapTestData.powerLaw(rows: 60)
        data.columns["run"] = (0..<60).map { Double($0 / 4) }
        return data
    }

    static func run(_ kind: BootstrapOptions.Kind, seed: UInt64, parallel: Bool) throws -> LawBootstrapResult {
        try LawBootstrap.run(
            law: PowerLaw(), data: data(),
            options: BootstrapOptions(resamples: 200, seed: seed, kind: kind, parallel: parallel),
            fitOptions: BootstrapTestData.fitOptions)
    }

    @Test("same seed gives bit-identical draws; another seed gives different draws", arguments: kinds)
    func sameSeed(kind: BootstrapOptions.Kind) throws {
        let first = try Self.run(kind, seed: 42, parallel: true)
        let second = try Self.run(kind, seed: 42, parallel: true)
        let other = try Self.run(kind, seed: 43, parallel: true)
        #expect(first.draws.count == 200)
        // Deliberately `==` on doubles: determinism means identical bits.
        #expect(first.draws == second.draws)
        #expect(first == second)
        #expect(first.draws != other.draws)
        #expect(first.parameters[1].standardError != other.parameters[1].standardError)
    }

    @Test("parallel and serial refits give identical draws", arguments: kinds)
    func parallelMatchesSerial(kind: BootstrapOptions.Kind) throws {
        let parallel = try Self.run(kind, seed: 7, parallel: true)
        let serial = try Self.run(kind, seed: 7, parallel: false)
        #expect(parallel.draws == serial.draws)
        #expect(parallel.parameters == serial.parameters)
    }

    @Test("the result round-trips through JSON")
    func codable() throws {
        var options = BootstrapOptions(resamples: 50, seed: 3, kind: .groups(column: "run"), intervalMethod: .bca)
        options.confidenceLevel = 0.9
        let result = try LawBootstrap.run(law: PowerLaw(), data: Self.data(), options: options,
                                          fitOptions: BootstrapTestData.fitOptions)
        let json = try JSONEncoder().encode(result)
        let decoded = try JSONDecoder().decode(LawBootstrapResult.self, from: json)
        #expect(decoded == result)
        #expect(decoded.options.kind == .groups(column: "run"))
    }

    @Test("invalid settings throw")
    func invalid() throws {
        let data = try Self.data()
        #expect(throws: LawFitError.self) {
            try LawBootstrap.run(law: PowerLaw(), data: data, options: BootstrapOptions(resamples: 1),
                                 fitOptions: BootstrapTestData.fitOptions)
        }
        #expect(throws: LawFitError.self) {
            try LawBootstrap.run(law: PowerLaw(), data: data, options: BootstrapOptions(resamples: 10, confidenceLevel: 1),
                                 fitOptions: BootstrapTestData.fitOptions)
        }
        #expect(throws: DataError.self) {
            try LawBootstrap.run(law: PowerLaw(), data: data, options: BootstrapOptions(resamples: 10, kind: .groups(column: "seed")),
                                 fitOptions: BootstrapTestData.fitOptions)
        }
    }
}
