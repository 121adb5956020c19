import CustomsCore
import Foundation

/// Keeps personal data of private persons out of findings: libxml2's schema messages and an
/// adapter's messages may quote a value (`The value '110101199001011234' is not …`). Every raw
/// value a declaration lists as personal (``Declaration/personalData``) is masked wherever a
/// finding of the same file quotes it.
enum PersonalDataScrubber {
    /// Adds the raw personal values of one declaration to `values` (read from its full form:
    /// the cross-file form keeps no `asFiled`), as each declaration of a file is read.
    static func gather(from declaration: Declaration, into values: inout Set<String>) {
        guard !declaration.personalData.isEmpty else { return }
        // The few personal names are compared one by one (`==`, as the set compares them once
        // hashed): no name of the declaration is hashed, nor copied without its `#n`. Each
        // `asFiled` is read where it lies: no goods item is copied.
        let personal = Array(declaration.personalData)
        // A name shorter than every personal name is none of them, nor is its base name (shorter
        // still): most names are told apart by their length alone.
        let shortest = personal.lazy.map(\.utf8.count).min() ?? 0
        func gather(_ asFiled: AsFiled) {
            for entry in asFiled.entries where entry.name.utf8.count >= shortest && isPersonal(entry.name, personal) && entry.raw.count >= 4 {
                // Room for a declaration's few values at once, not grown value by value.
                if values.capacity == 0 { values.reserveCapacity(4) }
                values.insert(entry.raw)
            }
        }
        gather(declaration.asFiled)
        let items = declaration.goodsItems
        for index in items.indices { gather(items[index].asFiled) }
    }

    /// Whether the asFiled `name`, without its `#n` repetition suffix, is one of `personal`.
    private static func isPersonal(_ name: String, _ personal: [String]) -> Bool {
        // A name without a `#` byte is its own base name (a `#` is never part of a multi-byte
        // character); any other is cut as ``PersonalData/baseName(_:)`` cuts it.
        var name = name
        if name.withUTF8({ $0.contains(UInt8(ascii: "#")) }) { name = PersonalData.baseName(name) }
        for index in personal.indices where personal[index] == name { return true }
        return false
    }

    /// Masks `values` wherever a finding of the file quotes them.
    static func scrub(_ result: inout FileResult, values: Set<String>) {
        guard !values.isEmpty else { return }
        // Longest first, ordered only once some message quotes a value (most quote none).
        var ordered: [String] = []
        for index in result.findings.indices where values.contains(where: result.findings[index].message.contains) {
            if ordered.isEmpty { ordered = values.sorted { $0.count > $1.count } }
            for value in ordered where result.findings[index].message.contains(value) {
                result.findings[index].message = result.findings[index].message.replacingOccurrences(of: value, with: PersonalData.mask(value))
            }
        }
    }
}
