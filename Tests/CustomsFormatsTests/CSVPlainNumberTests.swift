@testable import CustomsFormats
import CustomsCore
import Foundation
import Testing

/// The one-pass reading of a plain number gives what the plain test and the format's parse give.
@Suite struct CSVPlainNumberTests {
    @Test(arguments: [CSVNumberFormat.decimalPoint, .decimalComma, .undecided])
    func plainValueIsTheParseOfAPlainNumber(format: CSVNumberFormat) {
        let texts = [
            "", "-", ".", "-.5", ".5", "5.", "0", "-0", "00", "007", "12", "-12", "12.5", "12.50", "12.500", "0.000", "1.250",
            "1,250", "1 250", "12.5.1", "1-2", "+5", "9999999999999999999", "99999999999999999999", "0.00000000000000000001",
            "1234567890.123456789", "12345678901234567890.5", "1e5", " 5", "5 ", "١٢",
        ]
        for text in texts {
            var text = text
            let expected: Decimal? = text.withUTF8 { bytes in
                CSVNumberFormat.isPlain(bytes: bytes) ? CSVNumberFormat.parse(bytes: bytes, as: format) : nil
            }
            let decided: Decimal?? = text.withUTF8 { CSVNumberFormat.plainValue(bytes: $0, as: format) }
            if let decided {
                #expect(decided == expected, "\(text) in \(format)")
                #expect(decided.map(ExactDecimal.format) == expected.map(ExactDecimal.format), "\(text) in \(format)")
            }
        }
    }
}
