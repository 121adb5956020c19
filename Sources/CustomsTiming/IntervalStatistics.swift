/// Count, mean, median, 90th and 95th percentile and maximum of one interval over a group of
/// declarations, in seconds.
///
/// - Percentiles (the median is the 50th) interpolate linearly between the closest ranks: over
///   the values sorted ascending `x[0] … x[n-1]`, the p-th percentile is at rank `h = (n − 1)·p`,
///   `x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])` (Hyndman & Fan type 7, the default of NumPy, R
///   and Python's `statistics.quantiles(method="inclusive")`). From whole seconds this is exact
///   to the hundredth, so it is reported exactly.
/// - The mean is the sum divided by the count, rounded to the hundredth of a second, half away
///   from zero.
public struct IntervalStatistics: Sendable, Hashable {
    public var count: Int
    public var mean: ExactSeconds
    public var median: ExactSeconds
    public var p90: ExactSeconds
    public var p95: ExactSeconds
    public var max: Int64

    /// `nil` for no values.
    public init?(_ values: [Int64]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        count = sorted.count
        mean = ExactSeconds(numerator: sorted.reduce(0, +), denominator: Int64(sorted.count))
        median = Self.percentile(sorted, percent: 50)
        p90 = Self.percentile(sorted, percent: 90)
        p95 = Self.percentile(sorted, percent: 95)
        max = sorted[sorted.count - 1]
    }

    /// The `percent`-th percentile of ascending `sorted` (not empty), exact to the hundredth.
    public static func percentile(_ sorted: [Int64], percent: Int64) -> ExactSeconds {
        let rank100 = Int64(sorted.count - 1) * percent
        let lower = Int(rank100 / 100)
        let fraction = rank100 % 100
        guard fraction != 0 else { return ExactSeconds(seconds: sorted[lower]) }
        return ExactSeconds(hundredths: sorted[lower] * 100 + fraction * (sorted[lower + 1] - sorted[lower]))
    }
}
