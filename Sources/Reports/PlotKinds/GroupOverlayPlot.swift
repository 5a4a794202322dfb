/// `plot --by COLUMN --overlay`: the figures of one kind drawn for each group (each group's own
/// fit on its own rows), merged into one set of axes so the groups can be compared at a glance.
///
/// Every series of group `k` takes the `k`-th palette colour (``PlotColor/series(_:)``); within a
/// group, point series take successive markers (circle, square, triangle, diamond, star) so the
/// group's sub-series (for example the N groups of `curves`) stay apart. The legend has one
/// entry per group, `COLUMN = VALUE`, on the group's first drawn series. A horizontal reference
/// line (the zero line of `residuals`) is drawn once. The axes are the first figure's (every
/// group's figure of one kind has the same labels and scales); explicit ranges are joined.
public enum GroupOverlayPlot {
    /// The overlay of `groups` (label and that group's figure), in order; `rows` counts the rows
    /// of all groups, for the subtitle (the first figure's, its row count replaced).
    /// - Throws: ``PlotError/nothingToDraw(kind:reason:)`` when there is no group.
    public static func figure(kind: PlotKind, by column: String, groups: [(label: String, figure: Figure)], rows: Int) throws -> Figure {
        guard let first = groups.first?.figure else {
            throw PlotError.nothingToDraw(kind: kind, reason: "no group of '\(column)' to draw")
        }
        var figure = Figure(
            title: first.title + " by \(column)", subtitle: subtitle(first.subtitle, rows: rows, groups: groups.count), x: first.x, y: first.y,
            width: first.width, height: first.height, id: first.id)
        figure.x.range = joined(groups.map(\.figure.x.range))
        figure.y.range = joined(groups.map(\.figure.y.range))
        let markers: [PlotSeries.Marker] = [.circle, .square, .triangle, .diamond, .star]
        var rules: [PlotSeries] = []
        for (k, group) in groups.enumerated() {
            let color = PlotColor.series(k)
            var labelled = false
            var scatterIndex = 0
            for var series in group.figure.series {
                if case .horizontalRule = series.kind {
                    if !rules.contains(where: { $0.y == series.y }) { rules.append(series) }
                    continue
                }
                series.color = color
                if case let .scatter(_, hollow) = series.kind {
                    series.kind = .scatter(markers[scatterIndex % markers.count], hollow: hollow)
                    scatterIndex += 1
                }
                if case .band = series.kind {
                    series.label = nil
                } else if !labelled {
                    series.label = "\(column) = \(group.label)"
                    labelled = true
                } else {
                    series.label = nil
                }
                figure.series.append(series)
            }
        }
        let common = first.notes.filter { note in groups.allSatisfy { $0.figure.notes.contains(note) } }
        figure.notes = common
        let own = groups.map { group in group.figure.notes.last(where: { !common.contains($0) }) }
        // Notes alike but for a number (`… s = 0.0123`): the shared words once, each group's rest.
        let present = own.compactMap { $0 }
        var stem = present.count == groups.count && present.count > 1 ? sharedStem(present) : ""
        if !stem.isEmpty { figure.notes.append(stem + " …") } else { stem = "" }
        for (group, note) in zip(groups, own) {
            guard let note else { continue }
            let rest = String(note.dropFirst(stem.count).drop { $0 == " " })
            figure.notes.append(rest.contains(group.label) ? rest : "\(column) = \(group.label): \(rest)")
        }
        figure.series.insert(contentsOf: rules, at: 0)
        return figure
    }

    /// The longest start every note shares, cut after its last space (empty when that is
    /// shorter than 12 characters: too little to be worth saying once).
    static func sharedStem(_ notes: [String]) -> String {
        guard var stem = notes.first.map(Array.init) else { return "" }
        for note in notes.dropFirst() {
            let characters = Array(note)
            var k = 0
            while k < stem.count, k < characters.count, stem[k] == characters[k] { k += 1 }
            stem = Array(stem.prefix(k))
        }
        guard let space = stem.lastIndex(of: " ") else { return "" }
        let text = String(stem.prefix(space))
        return text.count >= 12 ? text : ""
    }

    /// `law: formula — file (85 rows)` → `law: formula — file (258 rows in 3 groups)`.
    static func subtitle(_ text: String?, rows: Int, groups: Int) -> String? {
        guard let text else { return nil }
        let stem = text.range(of: " (", options: .backwards).map { String(text[..<$0.lowerBound]) } ?? text
        return stem + " (\(rows) rows in \(groups) groups)"
    }

    /// The smallest range holding every given range, or `nil` when any figure let its axis
    /// fit the data.
    static func joined(_ ranges: [ClosedRange<Double>?]) -> ClosedRange<Double>? {
        var lower = Double.infinity, upper = -Double.infinity
        for range in ranges {
            guard let range else { return nil }
            lower = Swift.min(lower, range.lowerBound)
            upper = Swift.max(upper, range.upperBound)
        }
        return lower <= upper ? lower...upper : nil
    }
}
