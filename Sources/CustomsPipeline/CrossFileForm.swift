public import CustomsCore

/// What a batch keeps of each declaration once the per-file stages (adapter, keys, rules) have
/// run: only what the cross-file stages read — timing, reconciliation, duplicate and copy
/// detection, and the `validate` report (`id`, `key`, validity).
///
/// Kept: identity (`id`, `key`, format, message type, declaring country, direction, source),
/// dates, transport mode and crossing, transport documents, containers, party ids and countries,
/// invoice, totals, risk channel, events, and per goods item its sequence, HS and national codes,
/// origin, quantity, unit, masses, packages, prices, value and currency.
/// Dropped: `asFiled` (except `LRN`, which joins an NCTS release to its declaration), personal
/// data names, party names, goods descriptions and each item's `asFiled` — the heap-allocated
/// bulk of a declaration (about two thirds of its memory for a typical cbd-xml or CSV one).
///
/// Commands that print or store whole declarations (`harmonize`, `--db`, the inbox daemon) keep
/// the full form; see ``PipelineConfiguration/retainsFullDeclarations``.
///
/// A spilled ``DeclarationList`` writes this form straight from the full declaration
/// (``CustomsCore/EncodingForm/crossFile``), which drops the same parts.
extension Declaration {
    public var crossFileForm: Declaration {
        var compact = self
        compact.reduceToCrossFileForm()
        return compact
    }

    /// Drops in place what ``crossFileForm`` drops: on a declaration that holds the only
    /// references to its parts (one handed over, not copied), its goods items are changed where
    /// they lie rather than copied first.
    public mutating func reduceToCrossFileForm() {
        let lrn = asFiled["LRN"]
        asFiled = AsFiled(lrn.map { [("LRN", $0)] } ?? [])
        personalData = []
        exporter = exporter?.withoutName
        importer = importer?.withoutName
        declarant = declarant?.withoutName
        for index in goodsItems.indices {
            goodsItems[index].description = nil
            goodsItems[index].asFiled = AsFiled()
        }
    }
}
