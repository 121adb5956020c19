import CustomsTestSupport
import Foundation

/// Small cn-dec files made from the Dostyk sample: each `n` gives different content (declaration
/// number, bill, contract and a container with a valid ISO 6346 check digit), so no two files
/// are duplicates or counterparts of each other.
enum SampleDeclarations {
    static let template: String = {
        (try? String(contentsOfFile: TestPaths.sample("consignment-dostyk/cn-dec-export.xml"), encoding: .utf8)) ?? ""
    }()

    static func export(_ n: Int) -> Data {
        var text = template
        let number = String(format: "%06d", n % 1_000_000)
        text = text.replacingOccurrences(of: "650120250000123456", with: "650120259900" + number)
        text = text.replacingOccurrences(of: "<BillNo>31457802</BillNo>", with: "<BillNo>WB\(number)</BillNo>")
        text = text.replacingOccurrences(of: "TS-2025-0314", with: "TS-T-\(number)")
        text = text.replacingOccurrences(of: "CSQU3054383", with: container("CSQU", number))
        return Data(text.utf8)
    }

    /// An ISO 6346 container number: owner code, serial, check digit.
    static func container(_ owner: String, _ serial: String) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var values: [Character: Int] = [:]
        var value = 10
        for letter in letters {
            if value % 11 == 0 { value += 1 }
            values[letter] = value
            value += 1
        }
        var sum = 0
        for (index, character) in (owner + serial).enumerated() {
            let digit = values[character] ?? Int(String(character)) ?? 0
            sum += digit << index
        }
        return owner + serial + String(sum % 11 % 10)
    }
}
