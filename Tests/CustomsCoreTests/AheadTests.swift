import CustomsCore
import CustomsTestSupport
import Foundation
import Testing

/// Work done on a thread of its own gives the caller its value, or its error, when asked.
@Suite struct AheadTests {
    private struct Refused: Error, Equatable {}

    @Test("the value worked out on the other thread, as often as it is asked")
    func value() throws {
        let ahead = Ahead { (1...1000).reduce(0, +) }
        #expect(try ahead.value() == 500_500)
        #expect(try ahead.value() == 500_500)
    }

    @Test("the error of the work is thrown where the value is asked for")
    func error() {
        let ahead = Ahead<Int> { throw Refused() }
        #expect(throws: Refused.self) { try ahead.value() }
        #expect(throws: Refused.self) { try ahead.value() }
    }

    @Test("the code lists loaded ahead are the code lists loaded here")
    func codeListsAhead() throws {
        let directory = TestPaths.schemas
        let ahead = Ahead { try CodeLists(directory: directory) }
        let here = try CodeLists(directory: directory)
        let loaded = try ahead.value()
        #expect(loaded.hsEditions == here.hsEditions)
        #expect(loaded.chinaCountries == here.chinaCountries)
        #expect(loaded.isoCurrencies == here.isoCurrencies)
        #expect(loaded.borderCrossings == here.borderCrossings)
    }
}
