/// Positions in several sequences laid end to end (the files of a batch, their declarations one
/// after another).
public enum SequenceStarts {
    /// The sequence holding `position` and the offset in it. `starts[i]` is the position of the
    /// first element of sequence `i`, ascending from 0, with one more entry at the end: the total
    /// (`[0, n₀, n₀ + n₁, …]`). An empty sequence is skipped: the last one starting at or before
    /// `position` is found, by bisection.
    public static func locate(_ position: Int, in starts: [Int]) -> (sequence: Int, offset: Int) {
        var low = 0
        var high = starts.count - 2
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= position { low = middle } else { high = middle - 1 }
        }
        return (low, position - starts[low])
    }
}
