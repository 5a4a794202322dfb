import Foundation

/// Whether `actual` is within `rel` relative or `abs` absolute tolerance of `expected`.
public func isClose(_ actual: Double, _ expected: Double, rel: Double = 1e-9, abs: Double = 0) -> Bool {
    guard actual.isFinite, expected.isFinite else { return actual == expected }
    return Swift.abs(actual - expected) <= Swift.max(abs, rel * Swift.abs(expected))
}

/// Elementwise `isClose` for arrays of equal length.
public func isClose(_ actual: [Double], _ expected: [Double], rel: Double = 1e-9, abs: Double = 0) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { isClose($0, $1, rel: rel, abs: abs) }
}

/// Log relative error, the NIST StRD measure of matching digits:
/// `LRE = −log10(|estimate − certified| / |certified|)`, capped at `cap` (default 15, the
/// digits a double carries). When `certified` is zero the absolute error is used.
public func logRelativeError(_ estimate: Double, certified: Double, cap: Double = 15) -> Double {
    guard estimate.isFinite else { return 0 }
    let diff = Swift.abs(estimate - certified)
    if diff == 0 { return cap }
    let scale = certified == 0 ? 1 : Swift.abs(certified)
    return Swift.min(cap, Swift.max(0, -log10(diff / scale)))
}
