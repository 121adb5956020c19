public import Foundation
import CustomsCore

/// How a CSV file writes numbers: its decimal separator, detected once per file (or set with
/// `--locale`), never guessed per cell.
///
/// Thousands may be grouped by a space, a no-break space (U+00A0), a narrow no-break space
/// (U+202F), an apostrophe (`'` or U+2019), or by whichever of `,` `.` is not the decimal
/// separator; groups after the first hold exactly three digits. A value that does not fit the
/// file's format is `field.invalid`; a whole token only (`12.5 kg`, `12,5,0` are refused).
public enum CSVNumberFormat: Sendable, Hashable {
    /// `1 250,5` (Russian, Kazakh, German, French regional settings).
    case decimalComma
    /// `1,250.5` (English, Chinese regional settings).
    case decimalPoint
    /// The sample decided nothing: values with one reading are read, an ambiguous `1.250` or
    /// `1,250` is `field.invalid` with a hint to pass `--locale`.
    case undecided

    /// Reads `--locale`: a language (`ru`, `kk`, `de`, `fr`, ... decimal comma; `en`, `zh`, ...
    /// decimal point; `ru_RU.UTF-8`, `zh-CN` accepted) or `comma` / `point`.
    public static func named(_ name: String) -> CSVNumberFormat? {
        let language = name.lowercased().split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == "." }).first.map(String.init) ?? ""
        switch language {
        case "comma", "ru", "kk", "uk", "be", "de", "fr", "es", "it", "pt", "pl", "cs", "tr", "uz", "ky": return .decimalComma
        case "point", "en", "zh", "ja", "ko", "c", "posix": return .decimalPoint
        default: return nil
        }
    }

    /// Votes of a sample of numeric cells: a cell with one possible reading votes for its
    /// separator; `1,250` and `1.250` vote for nothing. The majority wins; no vote is `undecided`.
    public static func detect(_ cells: some Sequence<String>) -> CSVNumberFormat {
        var comma = 0
        var point = 0
        for cell in cells {
            switch (parse(cell, as: .decimalComma), parse(cell, as: .decimalPoint)) {
            case (_?, nil): comma += 1
            case (nil, _?): point += 1
            default: continue
            }
        }
        if comma == 0 && point == 0 { return .undecided }
        return comma >= point ? .decimalComma : .decimalPoint
    }

    /// The exact value of `text` in `format`; `nil` when it is not a whole number token of it.
    /// For `.undecided`, a value that reads the same (or only one way) in both formats.
    public static func parse(_ text: String, as format: CSVNumberFormat) -> Decimal? {
        switch format {
        case .decimalComma: return normalize(text, decimal: ",").flatMap { ExactDecimal.parse($0) }
        case .decimalPoint: return normalize(text, decimal: ".").flatMap { ExactDecimal.parse($0) }
        case .undecided:
            let a = normalize(text, decimal: ",").flatMap { ExactDecimal.parse($0) }
            let b = normalize(text, decimal: ".").flatMap { ExactDecimal.parse($0) }
            switch (a, b) {
            case let (a?, b?): return a == b ? a : nil
            case let (a?, nil): return a
            case let (nil, b?): return b
            case (nil, nil): return nil
            }
        }
    }

    /// True when `text` reads as two different numbers in the two formats (`1.250`, `1,250`).
    public static func isAmbiguous(_ text: String) -> Bool {
        let a = parse(text, as: .decimalComma)
        let b = parse(text, as: .decimalPoint)
        return a != nil && b != nil && a != b
    }

    private static let spaceGroupSeparators: Set<Unicode.Scalar> = [" ", "\u{00A0}", "\u{202F}", "'", "\u{2019}"]

    /// `text` as a plain `-123.45` for ``ExactDecimal``, or `nil` when it is not a number token.
    static func normalize(_ text: String, decimal: Unicode.Scalar) -> String? {
        let other: Unicode.Scalar = decimal == "," ? "." : ","
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\u{00A0}" || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\u{00A0}" || last == "\t" { scalars = scalars.dropLast() }
        guard !scalars.isEmpty else { return nil }
        var result = ""
        if let first = scalars.first, first == "-" || first == "+" || first == "\u{2212}" {
            if first != "+" { result.append("-") }
            scalars = scalars.dropFirst()
        }
        var groupSeparator: Unicode.Scalar?
        var groupLength = 0
        var groups = 0
        var integerDigits = 0
        var inFraction = false
        var fractionDigits = 0
        for scalar in scalars {
            if ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
                if inFraction { fractionDigits += 1 } else { integerDigits += 1; groupLength += 1 }
            } else if scalar == decimal, !inFraction {
                guard integerDigits > 0, groupSeparator == nil || groupLength == 3 else { return nil }
                inFraction = true
                result.append(".")
            } else if !inFraction, scalar == other || spaceGroupSeparators.contains(scalar) {
                if let groupSeparator, groupSeparator != scalar { return nil }
                if groupSeparator == nil {
                    guard (1...3).contains(groupLength) else { return nil }
                } else {
                    guard groupLength == 3 else { return nil }
                }
                groupSeparator = scalar
                groupLength = 0
                groups += 1
            } else {
                return nil
            }
        }
        if groupSeparator != nil && !inFraction && groupLength != 3 { return nil }
        guard integerDigits > 0, !inFraction || fractionDigits > 0 else { return nil }
        return result
    }
}
