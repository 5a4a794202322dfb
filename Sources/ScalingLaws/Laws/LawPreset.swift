import Foundation

/// Published constants for one catalog law: the preset's command-line name, the law's catalog
/// name, the values in the law's parameter order, and where they were printed.
///
/// ``LawPreset/all`` gathers every family's presets in one list, so `laws` can list them and
/// `--preset NAME` can resolve them wherever a law is accepted:
/// - Chinchilla (Hoffmann et al. 2022; Besiroglu et al. 2024; Muennighoff et al. 2023 base fit),
/// - Kaplan et al. 2020 (eqs 1.1–1.3, 1.5, 1.6),
/// - the Liang et al. 2024 diffusion-transformer compute laws as one-variable power laws,
/// - the data-constrained law of Muennighoff et al. 2023 (`muennighoff-c4` also names its
///   Chinchilla base; commands that take `--unique-tokens` choose the data-constrained one).
public struct LawPreset: Sendable, Equatable, Hashable {
    /// The command-line name (`epoch2024`, `kaplan2020-nd`, `liang2024-fid`).
    public let name: String
    /// The catalog name of the law (`chinchilla`, `kaplan-nd`, `power-law`).
    public let law: String
    /// Values in the law's parameter order.
    public let values: [Double]
    /// Where they were printed.
    public let source: String

    /// A named set of published constants.
    /// - Parameters:
    ///   - name: The preset's name on the command line.
    ///   - law: The catalog name of the law the values belong to (`chinchilla`, `kaplan-nd`, …).
    ///   - values: The values, in the law's parameter order.
    ///   - source: Where they were printed (paper, equation or table).
    public init(name: String, law: String, values: [Double], source: String) {
        self.name = name
        self.law = law
        self.values = values
        self.source = source
    }

    /// Every single-law preset, grouped by law in catalog order.
    public static let all: [LawPreset] = {
        var list: [LawPreset] = []
        for entry in ChinchillaParameters.presets {
            list.append(LawPreset(name: entry.name, law: ChinchillaLaw().name, values: entry.parameters.vector, source: entry.source))
        }
        list += KaplanConstants.presets
        for entry in PowerLawParameters.presets {
            list.append(LawPreset(name: entry.name, law: PowerLaw().name, values: entry.parameters.vector, source: entry.source))
        }
        for entry in DataConstrainedParameters.presets {
            list.append(LawPreset(name: entry.name, law: DataConstrainedLaw().name, values: entry.parameters.vector, source: entry.source))
        }
        return list
    }()

    /// The presets of the law named `law`, in order.
    public static func presets(of law: String) -> [LawPreset] {
        all.filter { $0.law == law }
    }

    /// The first preset named `name` (case-insensitive) other than the data-constrained one when
    /// `dataConstrained` is false, or `nil`.
    public static func named(_ name: String, dataConstrained: Bool = false) -> LawPreset? {
        let key = name.lowercased()
        let dc = DataConstrainedLaw().name
        if dataConstrained, let entry = all.first(where: { $0.name == key && $0.law == dc }) { return entry }
        return all.first { $0.name == key && $0.law != dc }
    }

    /// Every preset name once, in catalog order.
    public static var names: [String] {
        var seen = Set<String>()
        return all.map(\.name).filter { seen.insert($0).inserted }
    }
}
