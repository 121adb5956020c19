public import CustomsCore
public import Foundation

/// Exchange rates from a CSV `date,currency,rate` (`--rates FILE`): `rate` is the number of units
/// of `currency` that make one unit of the comparison currency (the currency whose rows carry
/// rate 1, or `USD` when none does). `2025-03-14,KZT,498.25` reads: 498.25 KZT = 1 USD that day.
///
/// A conversion uses the rate of the exact day only: no rate for the day is `nil`
/// (`mirror.rate-missing`), never the nearest day.
public struct ExchangeRates: Sendable, Hashable {
    public private(set) var comparisonCurrency: String
    private var rates: [String: [String: Decimal]] = [:]

    public init(comparisonCurrency: String = "USD") {
        self.comparisonCurrency = comparisonCurrency
    }

    /// Parses the CSV text; returns the rates and a message per row that could not be read.
    public static func parse(_ text: String) -> (ExchangeRates, [String]) {
        var result = ExchangeRates()
        var problems: [String] = []
        let rows = DelimitedTable.parse(text)
        for (index, row) in rows.enumerated() {
            if index == 0, row.first?.lowercased() == "date" { continue }
            guard row.count >= 3, LocalDateTime.parseISO(row[0]).map({ $0.isoDate == row[0] }) == true,
                  row[1].count == 3, let rate = ExactDecimal.parse(row[2]), rate > 0
            else {
                problems.append("row \(index + 1): expected date (YYYY-MM-DD), ISO 4217 currency and a positive rate, found \(row.joined(separator: ","))")
                continue
            }
            result.rates[row[0], default: [:]][row[1].uppercased()] = rate
            if rate == 1 { result.comparisonCurrency = row[1].uppercased() }
        }
        return (result, problems)
    }

    /// `amount` of `currency` in the comparison currency on `date` (`YYYY-MM-DD`), or `nil`.
    public func convert(_ amount: Decimal, from currency: String, on date: String) -> Decimal? {
        if currency == comparisonCurrency { return amount }
        guard let rate = rates[date]?[currency] else { return nil }
        return amount / rate
    }

    public var isEmpty: Bool { rates.isEmpty }
}
