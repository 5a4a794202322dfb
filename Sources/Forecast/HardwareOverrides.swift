import Foundation

/// Changes to a ``Hardware`` description: any subset of its fields, from command-line options or
/// a JSON object with the same keys, optionally naming the preset it starts from:
///
/// ```json
/// {"preset": "H100", "chipPrice": 25000, "rentalPricePerChipHour": 2.5}
/// {"name": "MI300X", "peakFLOPPerSecond": 1.307e15, "tdpWatts": 750, "chipPrice": 15000,
///  "serverCostOverhead": 1.64, "serverPowerFactor": 1.8, "powerUtilisation": 0.75}
/// ```
/// Without a preset (here or on the command line) every required field of ``Hardware`` must be
/// given.
public struct HardwareOverrides: Sendable, Equatable, Codable {
    /// The preset the description starts from (e.g. `H100`), or `nil`.
    public var preset: String?
    /// ``Hardware/name``.
    public var name: String?
    /// ``Hardware/peakFLOPPerSecond``, FLOP/s.
    public var peakFLOPPerSecond: Double?
    /// ``Hardware/tdpWatts``, watts.
    public var tdpWatts: Double?
    /// ``Hardware/chipPrice``, USD.
    public var chipPrice: Double?
    /// ``Hardware/serverCostOverhead``.
    public var serverCostOverhead: Double?
    /// ``Hardware/serverPowerFactor``.
    public var serverPowerFactor: Double?
    /// ``Hardware/powerUtilisation``.
    public var powerUtilisation: Double?
    /// ``Hardware/rentalPricePerChipHour``, USD.
    public var rentalPricePerChipHour: Double?
    /// ISO `YYYY-MM-DD` date the hardware became available.
    public var releaseDate: String?

    /// Overrides; each field `nil` keeps the preset's value.
    /// - Parameters:
    ///   - preset: The preset to start from, or `nil`.
    ///   - name: The hardware's name.
    ///   - peakFLOPPerSecond: Peak dense BF16 throughput per chip, FLOP/s.
    ///   - tdpWatts: Thermal design power of one chip, watts.
    ///   - chipPrice: Purchase price of one chip, USD.
    ///   - serverCostOverhead: Server cost per chip over chip price.
    ///   - serverPowerFactor: Server power per chip over chip TDP.
    ///   - powerUtilisation: Average server power over peak during training.
    ///   - rentalPricePerChipHour: Cloud rental price per chip-hour, USD.
    ///   - releaseDate: ISO `YYYY-MM-DD` date the hardware became available.
    public init(
        preset: String? = nil, name: String? = nil, peakFLOPPerSecond: Double? = nil, tdpWatts: Double? = nil,
        chipPrice: Double? = nil, serverCostOverhead: Double? = nil, serverPowerFactor: Double? = nil,
        powerUtilisation: Double? = nil, rentalPricePerChipHour: Double? = nil, releaseDate: String? = nil
    ) {
        self.preset = preset
        self.name = name
        self.peakFLOPPerSecond = peakFLOPPerSecond
        self.tdpWatts = tdpWatts
        self.chipPrice = chipPrice
        self.serverCostOverhead = serverCostOverhead
        self.serverPowerFactor = serverPowerFactor
        self.powerUtilisation = powerUtilisation
        self.rentalPricePerChipHour = rentalPricePerChipHour
        self.releaseDate = releaseDate
    }

    /// Reads a JSON object; unknown keys are an error (a misspelt field would otherwise be
    /// silently ignored).
    /// - Throws: ``CostForecastError/invalidHardwareDescription(source:reason:)``.
    public static func decode(_ data: Data, source: String) throws -> HardwareOverrides {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw CostForecastError.invalidHardwareDescription(source: source, reason: "not valid JSON")
        }
        guard let dictionary = object as? [String: Any] else {
            throw CostForecastError.invalidHardwareDescription(source: source, reason: "expected a JSON object of hardware fields")
        }
        let known = CodingKeys.allCases.map(\.rawValue)
        for key in dictionary.keys.sorted() where !known.contains(key) {
            throw CostForecastError.invalidHardwareDescription(
                source: source, reason: "unknown field '\(key)' (fields: \(known.joined(separator: ", ")))")
        }
        do {
            return try JSONDecoder().decode(HardwareOverrides.self, from: data)
        } catch let DecodingError.typeMismatch(type, context) {
            let field = context.codingPath.last?.stringValue ?? "?"
            let expected = type == String.self ? "a string" : "a number"
            throw CostForecastError.invalidHardwareDescription(source: source, reason: "'\(field)' must be \(expected)")
        } catch {
            throw CostForecastError.invalidHardwareDescription(source: source, reason: "not a hardware description")
        }
    }

    /// The hardware a user describes in three layers, each over the one before: a preset
    /// (`preset`), a JSON description (`file`: its bytes and the name used in messages; see
    /// ``decode(_:source:)``), then single fields (`flags`, e.g. from the command line).
    /// - Parameters:
    ///   - preset: a preset name, or `nil`.
    ///   - file: a JSON description's bytes and source name, or `nil`.
    ///   - flags: fields given one by one.
    /// - Returns: the validated hardware (``resolve(source:)``).
    /// - Throws: ``CostForecastError`` for a description that does not read, an unknown preset,
    ///   missing or invalid fields.
    public static func resolve(preset: String?, file: (data: Data, source: String)?, flags: HardwareOverrides) throws -> Hardware {
        var overrides = HardwareOverrides(preset: preset)
        var source = "hardware"
        if let file {
            overrides = try decode(file.data, source: file.source).merged(with: overrides)
            source = file.source
        }
        return try overrides.merged(with: flags).resolve(source: source)
    }

    /// `other`'s fields where given, else these.
    public func merged(with other: HardwareOverrides) -> HardwareOverrides {
        HardwareOverrides(
            preset: other.preset ?? preset, name: other.name ?? name,
            peakFLOPPerSecond: other.peakFLOPPerSecond ?? peakFLOPPerSecond, tdpWatts: other.tdpWatts ?? tdpWatts,
            chipPrice: other.chipPrice ?? chipPrice, serverCostOverhead: other.serverCostOverhead ?? serverCostOverhead,
            serverPowerFactor: other.serverPowerFactor ?? serverPowerFactor,
            powerUtilisation: other.powerUtilisation ?? powerUtilisation,
            rentalPricePerChipHour: other.rentalPricePerChipHour ?? rentalPricePerChipHour,
            releaseDate: other.releaseDate ?? releaseDate)
    }

    /// The hardware: the preset (``preset``) with these fields applied, or, without a preset, a
    /// description built from these fields alone. The result is validated.
    /// - Throws: ``CostForecastError/unknownHardware(name:known:)``,
    ///   ``CostForecastError/invalidHardwareDescription(source:reason:)`` for missing fields,
    ///   ``CostForecastError/invalidHardwareField(source:field:value:expected:)``.
    public func resolve(source: String = "hardware") throws -> Hardware {
        var hardware: Hardware
        if let preset {
            hardware = try Hardware.preset(named: preset)
            if let name { hardware.name = name }
        } else {
            let required: [(String, Double?)] = [
                ("peakFLOPPerSecond", peakFLOPPerSecond), ("tdpWatts", tdpWatts), ("chipPrice", chipPrice),
                ("serverCostOverhead", serverCostOverhead), ("serverPowerFactor", serverPowerFactor),
                ("powerUtilisation", powerUtilisation),
            ]
            let missing = required.filter { $0.1 == nil }.map(\.0)
            guard missing.isEmpty, let peakFLOPPerSecond, let tdpWatts, let chipPrice, let serverCostOverhead,
                  let serverPowerFactor, let powerUtilisation else {
                throw CostForecastError.invalidHardwareDescription(
                    source: source, reason: "no preset given, so these fields are required: \(missing.joined(separator: ", "))")
            }
            hardware = Hardware(
                name: name ?? "custom", peakFLOPPerSecond: peakFLOPPerSecond, tdpWatts: tdpWatts, chipPrice: chipPrice,
                serverCostOverhead: serverCostOverhead, serverPowerFactor: serverPowerFactor, powerUtilisation: powerUtilisation)
        }
        var changed: [String] = []
        if let v = peakFLOPPerSecond { hardware.peakFLOPPerSecond = v; changed.append("peakFLOPPerSecond") }
        if let v = tdpWatts { hardware.tdpWatts = v; changed.append("tdpWatts") }
        if let v = chipPrice { hardware.chipPrice = v; changed.append("chipPrice") }
        if let v = serverCostOverhead { hardware.serverCostOverhead = v; changed.append("serverCostOverhead") }
        if let v = serverPowerFactor { hardware.serverPowerFactor = v; changed.append("serverPowerFactor") }
        if let v = powerUtilisation { hardware.powerUtilisation = v; changed.append("powerUtilisation") }
        if let v = rentalPricePerChipHour { hardware.rentalPricePerChipHour = v; changed.append("rentalPricePerChipHour") }
        if let v = releaseDate { hardware.releaseDate = v; changed.append("releaseDate") }
        if preset != nil, !changed.isEmpty {
            let overridden = "overridden: " + changed.joined(separator: ", ")
            hardware.notes = hardware.notes.map { $0 + "; " + overridden } ?? overridden
        }
        try hardware.validate(source: source)
        return hardware
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case preset, name, peakFLOPPerSecond, tdpWatts, chipPrice, serverCostOverhead, serverPowerFactor, powerUtilisation
        case rentalPricePerChipHour, releaseDate
    }
}
