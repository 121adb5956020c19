import CustomsCore
import Foundation

/// Keeps personal data of private persons out of findings: libxml2's schema messages and an
/// adapter's messages may quote a value (`The value '110101199001011234' is not …`). Every raw
/// value a declaration lists as personal (``Declaration/personalData``) is masked wherever a
/// finding of the same file quotes it.
enum PersonalDataScrubber {
    /// The raw personal values of one declaration (read from its full form: the cross-file form
    /// keeps no `asFiled`), gathered as each declaration is read.
    static func values(in declaration: Declaration) -> Set<String> {
        guard !declaration.personalData.isEmpty else { return [] }
        var values = Set<String>()
        let sources = [declaration.asFiled] + declaration.goodsItems.map(\.asFiled)
        for asFiled in sources {
            for entry in asFiled.entries where declaration.personalData.contains(PersonalData.baseName(entry.name)) {
                if entry.raw.count >= 4 { values.insert(entry.raw) }
            }
        }
        return values
    }

    /// Masks `values` wherever a finding of the file quotes them.
    static func scrub(_ result: inout FileResult, values: Set<String>) {
        guard !values.isEmpty else { return }
        let ordered = values.sorted { $0.count > $1.count }
        for index in result.findings.indices {
            for value in ordered where result.findings[index].message.contains(value) {
                result.findings[index].message = result.findings[index].message.replacingOccurrences(of: value, with: PersonalData.mask(value))
            }
        }
    }
}
