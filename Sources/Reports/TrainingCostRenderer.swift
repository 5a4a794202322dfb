import Foundation
import Forecast

/// Renders a bottom-up training-cost estimate (`Forecast/TrainingCostEstimate`): the
/// assumptions, then one line per quantity with its unit (amortized hardware, interconnect,
/// energy, total, and the acquisition and rental alternatives). CSV and JSON carry exact values.
public enum TrainingCostRenderer {
    /// One quantity of the breakdown.
    struct Item {
        let key: String
        let label: String
        let value: Double
        let unit: String
        let kind: Kind
    }

    enum Kind {
        case count, money, plain, hours, whole
    }

    /// The estimate in `format`, ending in a newline.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(
        _ estimate: TrainingCostEstimate, hardware: Hardware, model: HardwareCostModel, format: ReportFormat,
        numbers: NumberStyle = .human
    ) throws -> String {
        try report(estimate, hardware: hardware, model: model, numbers: numbers)
            .render(format, payload: JSONForm(hardware: hardware, model: model, estimate: estimate))
    }

    /// The estimate as a ``Report``: the hardware, workload and every assumed price and rate as
    /// fields, then one row per quantity (CSV: `quantity,value,unit` with keys and exact values).
    public static func report(
        _ estimate: TrainingCostEstimate, hardware: Hardware, model: HardwareCostModel, numbers: NumberStyle = .human
    ) -> Report {
        var assumptions = ReportSection(title: "Training cost", subtitle: "Cottier et al. 2024: amortized hardware + interconnect + energy")
        assumptions.fields(fields(estimate, hardware, model))
        var table = ReportTable(
            columns: [
                ReportColumn("quantity", visibility: .displayOnly), ReportColumn("quantity", visibility: .csvOnly),
                .number("value"), ReportColumn("unit"),
            ],
            exportsToCSV: true)
        for item in items(estimate) {
            let (text, unit) = shown(item, numbers)
            table.append([ReportCell(item.label), ReportCell(item.key), ReportCell(text, exact: NumberFormat.exact(item.value)),
                          ReportCell(unit, exact: item.unit)])
        }
        var breakdown = ReportSection(title: "Breakdown")
        breakdown.table(table)
        return Report(title: "Training cost of \(hardware.name)", sections: [assumptions, breakdown])
    }

    /// An item's display value and unit in `numbers` style.
    static func shown(_ item: Item, _ numbers: NumberStyle) -> (String, String) {
        switch item.kind {
        case .count: return (numbers.count(item.value), item.unit)
        case .money: return (numbers.money(item.value), item.unit)
        case .plain: return (NumberFormat.significant(item.value, digits: 4), item.unit)
        case .whole: return (NumberFormat.significant(item.value, digits: 9), item.unit)
        case .hours: return (numbers.duration(hours: item.value), numbers == .human ? "" : "days")
        }
    }

    static func fields(_ e: TrainingCostEstimate, _ h: Hardware, _ m: HardwareCostModel) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("hardware", "\(h.name): \(NumberFormat.significant(h.peakFLOPPerSecond / 1e12, digits: 5)) TFLOP/s dense BF16, "
                + "\(NumberFormat.significant(h.tdpWatts, digits: 4)) W"),
        ]
        if let notes = h.notes { fields.append(("note", notes)) }
        var workload: String
        if let flop = e.flop, let mfu = e.mfu {
            workload = "\(NumberFormat.significant(flop, digits: 4)) FLOP at MFU \(NumberFormat.significant(mfu, digits: 4))"
            if let chips = e.chips { workload += " on \(NumberFormat.significant(chips, digits: 6)) chips" }
        } else {
            workload = "\(NumberFormat.significant(e.chips ?? 0, digits: 6)) chips × "
                + "\(NumberFormat.significant(e.trainingHours ?? 0, digits: 6)) hours"
        }
        fields.append(("workload", workload))
        return fields + assumptionFields(h, m)
    }

    /// Every assumed price and rate of the cost model, one field each (Cottier et al. 2024,
    /// §2.2), for `cost` and `forecast --hardware`.
    public static func assumptionFields(_ h: Hardware, _ m: HardwareCostModel) -> [(String, String)] {
        var fields: [(String, String)] = []
        fields.append(("chip price", "\(NumberFormat.money(h.chipPrice)) per chip; ×\(NumberFormat.significant(h.serverCostOverhead, digits: 4)) with its server share = "
            + "\(NumberFormat.money(h.priceWithServer)) (P0)"))
        fields.append(("rental price", h.rentalPricePerChipHour.map { "\(NumberFormat.money($0)) per chip-hour (the rental alternative)" }
            ?? "none documented for \(h.name) (no rental alternative; set --rental-price)"))
        var age = "\(NumberFormat.significant(m.yearsSinceAcquisition, digits: 4)) years since acquisition"
        if let basis = m.acquisitionBasis {
            age += " (release date \(basis.releaseDate) to training date \(basis.trainingDate))"
        } else if let release = h.releaseDate {
            age += m.yearsSinceAcquisition == 0
                ? " (default: new hardware; \(h.name) was released \(release), give --training-date to derive its age)"
                : " (given; \(h.name) was released \(release))"
        }
        fields.append(("hardware age", age))
        fields.append(("depreciation", "price-performance decline \(NumberFormat.significant(m.depreciationOOMPerYear, digits: 4)) OOM/yr "
            + "(r = \(NumberFormat.significant(m.depreciationRate, digits: 4))/yr over \(NumberFormat.significant(HardwareCostModel.hoursPerYear, digits: 5)) h/yr)"))
        fields.append(("interconnect", "\(NumberFormat.significant(m.interconnectFraction * 100, digits: 4))% of cluster cost"))
        fields.append(("energy", "PUE \(NumberFormat.significant(m.powerUsageEffectiveness, digits: 4)), "
            + "utilisation \(NumberFormat.significant(h.powerUtilisation, digits: 4)), "
            + "server power ×\(NumberFormat.significant(h.serverPowerFactor, digits: 4)), "
            + "$\(NumberFormat.significant(m.energyPricePerKWh, digits: 4))/kWh"))
        return fields
    }

    static func items(_ e: TrainingCostEstimate) -> [Item] {
        var items: [Item] = []
        if let chips = e.chips { items.append(Item(key: "chips", label: "chips", value: chips, unit: "chips", kind: .whole)) }
        if let flop = e.flop { items.append(Item(key: "flop", label: "training compute", value: flop, unit: "FLOP", kind: .plain)) }
        if let hours = e.trainingHours {
            items.append(Item(key: "training_hours", label: "time to train", value: hours, unit: "hours", kind: .hours))
        }
        items += [
            Item(key: "chip_hours", label: "chip-hours", value: e.chipHours, unit: "chip-hours", kind: .count),
            Item(key: "price_per_chip", label: "price per chip with server (P_start)", value: e.startPrice, unit: "USD/chip", kind: .money),
            Item(key: "amortized_per_chip_hour", label: "amortized hardware per chip-hour", value: e.amortizedPricePerChipHour,
                 unit: "USD/chip-hour", kind: .money),
            Item(key: "hardware_amortized", label: "hardware (amortized)", value: e.hardwareAmortized, unit: "USD", kind: .money),
            Item(key: "interconnect", label: "interconnect", value: e.interconnect, unit: "USD", kind: .money),
            Item(key: "power_per_chip", label: "power per chip (with server, PUE)", value: e.powerPerChipKW, unit: "kW", kind: .plain),
            Item(key: "energy_kwh", label: "energy", value: e.energyKWh, unit: "kWh", kind: .count),
            Item(key: "energy_cost", label: "energy cost", value: e.energy, unit: "USD", kind: .money),
            Item(key: "total", label: "total (amortized hardware + interconnect + energy)", value: e.total, unit: "USD", kind: .money),
        ]
        if let acquisition = e.acquisition {
            items.append(Item(key: "acquisition", label: "alternative: buy the cluster up front", value: acquisition, unit: "USD", kind: .money))
        }
        if let rental = e.rental {
            items.append(Item(key: "rental", label: "alternative: rent in the cloud", value: rental, unit: "USD", kind: .money))
        }
        return items
    }

    struct JSONForm: Encodable {
        let hardware: Hardware
        let model: HardwareCostModel
        let estimate: TrainingCostEstimate
    }
}
