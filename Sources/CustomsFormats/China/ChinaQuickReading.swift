import CustomsCore
import Foundation

/// Reading helpers that build a finding's field path (`goodsItems[3].unitPrice`) only when they
/// make a finding: a goods item's fields are read many times per file and almost never wrong.
///
/// Each helper reads what the matching ``DeclarationDraft`` helper reads when the value cannot
/// make a finding (present and plain: not empty where that matters, not starting like template
/// text, a number that parses, a code found in its table), with the same effect on the draft;
/// in every other case it calls that helper with the field path, which then decides exactly as
/// before.
extension DeclarationDraft {
    /// The trimmed text when reading it can make no finding: `.some(nil)` when absent or empty,
    /// `nil` when only the full reading can tell (text that could be template text).
    private static func plain(_ element: (some FiledField)?) -> String?? {
        guard let element else { return .some(nil) }
        let text = element.trimmedText
        guard let first = text.utf8.first else { return .some(nil) }
        return Placeholder.mayStart(with: first) ? nil : .some(text)
    }

    /// ``text(_:field:)``, the field path built only for a finding.
    mutating func text<Field: FiledField>(_ element: Field?, path: @autoclosure () -> String) -> String? {
        if let read = Self.plain(element) { return read }
        return text(element, field: path())
    }

    /// ``decimal(_:field:)``, the field path built only for a finding.
    mutating func decimal<Field: FiledField>(_ element: Field?, path: @autoclosure () -> String) -> Decimal? {
        if let read = Self.plain(element) {
            guard let text = read else { return nil }
            if let value = ExactDecimal.parse(text) { return value }
        }
        return decimal(element, field: path())
    }

    /// ``integer(_:field:)``, the field path built only for a finding: plain digits (at most 18)
    /// are the whole number they spell, as there.
    mutating func integer<Field: FiledField>(_ element: Field?, path: @autoclosure () -> String) -> Int? {
        if let read = Self.plain(element) {
            guard let text = read else { return nil }
            let digits = text.utf8
            if (1...18).contains(digits.count), digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            }
        }
        return integer(element, field: path())
    }

    /// ``country(_:authority:codeLists:field:asFiled:)``, the field path built only for a finding.
    mutating func country<Field: FiledField>(
        _ element: Field?, authority: CodeSystem?, codeLists: CodeLists, path: @autoclosure () -> String, asFiled: inout AsFiled
    ) -> String? {
        if let read = Self.plain(element) {
            guard let raw = read, let element else { return nil }
            if case let .resolved(value, _) = codeLists.country(raw, authority: authority) {
                if value != raw { asFiled.set(element.name, raw) }
                return value
            }
        }
        return country(element, authority: authority, codeLists: codeLists, field: path(), asFiled: &asFiled)
    }

    /// ``currency(_:authority:codeLists:field:asFiled:)``, the field path built only for a finding.
    mutating func currency<Field: FiledField>(
        _ element: Field?, authority: CodeSystem?, codeLists: CodeLists, path: @autoclosure () -> String, asFiled: inout AsFiled
    ) -> String? {
        if let read = Self.plain(element) {
            guard let raw = read, let element else { return nil }
            if case let .resolved(value, _) = codeLists.currency(raw, authority: authority) {
                if value != raw { asFiled.set(element.name, raw) }
                return value
            }
        }
        return currency(element, authority: authority, codeLists: codeLists, field: path(), asFiled: &asFiled)
    }

    /// ``unitAndQuantity(unit:quantity:system:codeLists:field:asFiled:)``, the field path built
    /// only for a finding: a plain quantity (or none) in a unit found in the table.
    mutating func unitAndQuantity<Field: FiledField>(
        unit unitElement: Field?, quantity quantityElement: Field?, system: CodeSystem, codeLists: CodeLists,
        path: @autoclosure () -> String, asFiled: inout AsFiled
    ) -> (unit: String?, quantity: Decimal?) {
        quick: if let quantityRead = Self.plain(quantityElement), let unitRead = Self.plain(unitElement) {
            var quantity: Decimal?
            if let text = quantityRead {
                guard let value = ExactDecimal.parse(text) else { break quick }
                quantity = value
            }
            guard let unitElement, let raw = unitRead else { return (nil, quantity) }
            guard case let .found(mapping) = codeLists.unit(raw, in: system) else { break quick }
            asFiled.set(unitElement.name, raw)
            if let quantityElement, let quantity, mapping.factor != 1 {
                asFiled.set(quantityElement.name, quantityElement.trimmedText)
                return (mapping.rec20, quantity * mapping.factor)
            }
            return (mapping.rec20, quantity)
        }
        return unitAndQuantity(
            unit: unitElement, quantity: quantityElement, system: system, codeLists: codeLists, field: path(), asFiled: &asFiled)
    }
}
