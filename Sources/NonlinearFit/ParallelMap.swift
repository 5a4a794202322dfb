/// Runs independent work items across the machine's cores and returns one result per item,
/// in item order. Workers take the next index as they finish, so uneven items balance; each
/// result depends only on its index, so the output does not depend on scheduling.
public enum ParallelMap {
    /// `body(i)` for every `i` in `0..<count`: on all cores when `parallel`, else in order.
    public static func map<Element: Sendable>(
        count: Int, parallel: Bool = true, _ body: @escaping @Sendable (Int) -> Element
    ) -> [Element] {
        let slots = ParallelResults<Element>(count: count)
        if parallel, count > 1 {
            ParallelResults<Int>.forEach(count: count) { i in slots[i] = body(i) }
        } else {
            for i in 0..<count { slots[i] = body(i) }
        }
        return (0..<count).compactMap { slots[$0] }
    }
}
