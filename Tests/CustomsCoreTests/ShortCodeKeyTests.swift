import CustomsCore
import Testing

/// Every two- or three-character code of capitals and digits has its own place, and nothing
/// else has one.
@Suite struct ShortCodeKeyTests {
    @Test func everyShortCodeHasItsOwnPlace() {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var seen = Set<Int>()
        for a in alphabet { for b in alphabet {
            let two = ShortCodeKey.of(String([a, b]))!
            #expect(two < 37 * 37 && seen.insert(two).inserted)
            for c in alphabet {
                let three = ShortCodeKey.of(String([a, b, c]))!
                #expect(three >= 37 * 37 && three < ShortCodeKey.count && seen.insert(three).inserted)
            }
        } }
        #expect(seen.count == 36 * 36 + 36 * 36 * 36)
    }

    @Test func otherTextHasNoPlace() {
        for text in ["", "K", "usd", "KZT1", "Z-", "ÄB", "H 8"] { #expect(ShortCodeKey.of(text) == nil) }
        #expect(ShortCodeKey.of("H87") != nil)
        #expect(ShortCodeKey.of("H87", digits: false) == nil)
        #expect(ShortCodeKey.of("KZT", digits: false) == ShortCodeKey.of("KZT"))
    }
}
