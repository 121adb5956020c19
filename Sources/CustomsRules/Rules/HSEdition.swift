import CustomsCore

/// Which Harmonized System edition a declaration is checked against.
///
/// An edition is in force from 1 January of its year until the next edition (WCO: HS 2017
/// from 2017-01-01 to 2021-12-31, HS 2022 from 2022-01-01). The editions are those loaded from
/// `Schemas/codelists/harmonized-system-*.csv` (``CodeLists/hsEditions``).
struct HSEditionChoice {
    /// The edition's year of entry into force.
    var year: Int
    /// Why this edition is used when it is not simply the one in force; `nil` when it is.
    var note: String?

    static func choose(lodgedOn date: String?, editions: [Int]) -> HSEditionChoice? {
        choose(lodgedOn: date, sortedEditions: editions.sorted())
    }

    /// ``choose(lodgedOn:editions:)`` with the editions already sorted, oldest first.
    static func choose(lodgedOn date: String?, sortedEditions years: [Int]) -> HSEditionChoice? {
        guard let oldest = years.first, let newest = years.last else { return nil }
        guard let date, let year = Int(date.prefix(4)) else {
            return HSEditionChoice(
                year: newest,
                note: "the lodgement date is unknown; HS subheadings are checked against HS \(newest), the newest edition loaded")
        }
        if year < oldest {
            return HSEditionChoice(
                year: oldest,
                note: "lodged \(date), before HS \(oldest) (in force from \(oldest)-01-01), the oldest edition loaded; HS subheadings are checked against HS \(oldest)")
        }
        return HSEditionChoice(year: years.last { $0 <= year } ?? oldest, note: nil)
    }
}
