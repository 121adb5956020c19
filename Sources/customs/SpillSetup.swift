import CustomsCore
import CustomsPipeline

/// How a command without a store keeps a large batch: only the declarations' cross-file form,
/// a file's declarations beyond the first 4,096 in a temporary spill file (bounded memory).
enum SpillSetup {
    /// Configures `configuration` for a run with or without `store`; the spill when there is none.
    static func configure(_ configuration: inout PipelineConfiguration, hasStore: Bool) -> DeclarationSpill? {
        // Without a store nothing prints or keeps whole declarations: keep only what the
        // cross-file stages read (bounded memory for large batches).
        configuration.retainsFullDeclarations = hasStore
        // ...and a file of many declarations keeps them in a temporary file, not in memory.
        let spill = hasStore ? nil : DeclarationSpill()
        configuration.spill = spill
        return spill
    }

    /// Says on stderr when the spill could not be used and the declarations stayed in memory.
    static func warnIfRefused(_ spill: DeclarationSpill?) {
        if let refusal = spill?.refusal {
            Diagnostics.warn("\(refusal); the batch's declarations were kept in memory instead (set TMPDIR to a writable folder with room)")
        }
    }
}
