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
}

/// The HS editions loaded, oldest first, and the choice of one for a lodgement date
/// (``HSEditionChoice``): the parts of the notes that depend only on the editions are made once,
/// with the code lists' tables, not for every declaration.
struct HSEditionSchedule: Sendable {
    /// The editions' years of entry into force, oldest first.
    let years: [Int]
    /// The note when the lodgement date is unknown.
    private let unknownDateNote: String
    /// The note after "lodged <date>" when the date is before the oldest edition.
    private let beforeOldestNote: String

    init(years: [Int]) {
        self.years = years.sorted()
        let oldest = self.years.first ?? 0
        let newest = self.years.last ?? 0
        unknownDateNote = "the lodgement date is unknown; HS subheadings are checked against HS \(newest), the newest edition loaded"
        beforeOldestNote = ", before HS \(oldest) (in force from \(oldest)-01-01), the oldest edition loaded; HS subheadings are checked against HS \(oldest)"
    }

    /// The edition in force on `date` (ISO `YYYY-MM-DD`), or the nearest one, with a note saying
    /// why, when the date is unknown or before the oldest edition; `nil` when none is loaded.
    func choose(lodgedOn date: String?) -> HSEditionChoice? {
        guard let oldest = years.first, let newest = years.last else { return nil }
        guard let date, let year = Int(date.prefix(4)) else {
            return HSEditionChoice(year: newest, note: unknownDateNote)
        }
        if year < oldest {
            return HSEditionChoice(year: oldest, note: "lodged " + date + beforeOldestNote)
        }
        return HSEditionChoice(year: years.last { $0 <= year } ?? oldest, note: nil)
    }
}
