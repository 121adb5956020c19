import CustomsCore

/// The raw codes an adapter kept in `asFiled` when it could not (or need not) give the shared
/// field a value, and the national code system each source format files them in.
enum AsFiledCodeSource {
    /// Element or column names that carry a direction flag in the source formats.
    static let directionNames = ["IEFlag", "ieFlag", "CustomsProcedure", "direction"]
    /// Element or column names that carry a transport mode code in the source formats.
    static let transportModeNames = [
        "TrafMode", "trafMode", "TransportModeCode", "modeOfTransportAtTheBorder", "ModeCode", "transport_mode", "transportMode",
    ]

    /// The code systems a source format files its codes in; every system for formats that may
    /// carry any (CSV).
    static func systems(for sourceFormat: String) -> [CodeSystem] {
        switch sourceFormat {
        case "cn-dec", "cn-ceb": [.china]
        case "eaeu-esad": [.eaeu]
        case "eu-ncts", "wco-dms", "cbd-xml": [.rec19]
        default: [.china, .eaeu, .rec19]
        }
    }

    /// The first raw value filed under one of `names`, with its name.
    static func raw(_ names: [String], in asFiled: AsFiled) -> (name: String, raw: String)? {
        for name in names {
            if let raw = asFiled[name] { return (name, raw) }
        }
        return nil
    }
}
