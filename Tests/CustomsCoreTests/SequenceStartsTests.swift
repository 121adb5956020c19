import CustomsCore
import Testing

@Suite struct SequenceStartsTests {
    /// Sequences of 3, 0, 2 and 0 elements: positions 0–2 in the first, 3–4 in the third (the
    /// empty second is skipped), the total 5 past the end of the last.
    @Test func aPositionFallsInTheLastSequenceStartingAtOrBeforeIt() {
        let starts = [0, 3, 3, 5, 5]
        let located = (0..<5).map { SequenceStarts.locate($0, in: starts) }
        #expect(located.map(\.sequence) == [0, 0, 0, 2, 2])
        #expect(located.map(\.offset) == [0, 1, 2, 0, 1])
        #expect(SequenceStarts.locate(7, in: [0, 10]) == (0, 7))
    }
}
