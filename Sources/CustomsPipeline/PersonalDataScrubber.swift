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
        // The few personal names are compared one by one (`==`, as the set compares them once
        // hashed): no name of the declaration is hashed, nor copied without its `#n`.
        let personal = Array(declaration.personalData)
        var values = Set<String>()
        func gather(_ asFiled: AsFiled) {
            for entry in asFiled.entries where isPersonal(entry.name, personal) {
                if entry.raw.count >= 4 { values.insert(entry.raw) }
            }
        }
        gather(declaration.asFiled)
        for item in declaration.goodsItems { gather(item.asFiled) }
        return values
    }

    /// Whether the asFiled `name`, without its `#n` repetition suffix, is one of `personal`.
    private static func isPersonal(_ name: String, _ personal: [String]) -> Bool {
        // A name without a `#` byte is its own base name (a `#` is never part of a multi-byte
        // character); any other is cut as ``PersonalData/baseName(_:)`` cuts it.
        if !name.utf8.contains(UInt8(ascii: "#")) { return personal.contains { $0 == name } }
        let base = PersonalData.baseName(name)
        return personal.contains { $0 == base }
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
