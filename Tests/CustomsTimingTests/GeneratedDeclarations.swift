import CustomsCore

/// The 10,000 generated declarations of the statistics test, by exactly the rules of
/// `Tests/Fixtures/timing/generate.py` (read its docstring): same seed, same SplitMix64, every
/// draw made in the same order.
enum GeneratedDeclarations {
    static let crossings = ["dostyk-alashankou", "altynkol-khorgos", "nurzholy-khorgos"]
    static let modes: [TransportMode] = [.rail, .rail, .road]
    static let channels: [RiskChannel?] = [.green, .yellow, .red, .blue, nil]
    static let countries = ["KZ", "CN"]
    static let base: Int64 = 1_704_067_200

    struct SplitMix64 {
        var state: UInt64

        mutating func next() -> UInt64 {
            state = state &+ 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func u(_ n: Int64) -> Int64 { Int64(next() % UInt64(n)) }
    }

    static func make(seed: UInt64, count: Int) -> [Declaration] {
        var rng = SplitMix64(state: seed)
        var declarations: [Declaration] = []
        declarations.reserveCapacity(count)
        for index in 0..<count {
            let cross = Int(rng.u(3))
            let modeMissing = rng.u(10) == 0
            let channel = channels[Int(rng.u(5))]
            let country = countries[Int(rng.u(2))]
            let start = base + rng.u(365 * 86_400)
            let arrivalMissing = rng.u(10) == 0
            let lodge = start - 3600 + rng.u(6 * 3600)
            let lodgeMissing = rng.u(20) == 0
            let accept = lodge + rng.u(2 * 3600)
            let acceptMissing = rng.u(8) == 0
            var release = accept + rng.u(8 * 3600)
            let releaseMissing = rng.u(15) == 0
            let fault = rng.u(50) == 0
            let back = rng.u(3600)
            if fault { release = lodge - 1 - back }
            let exit = release + rng.u(3 * 3600)
            let exitMissing = rng.u(3) == 0

            var declaration = Declaration(sourceFormat: "cbd-xml", source: SourceLocation(file: "generated.xml", line: index + 1))
            declaration.id = "GEN-\(index)"
            declaration.key = "GEN-\(index)"
            declaration.declaringCountry = country
            declaration.borderCrossing = crossings[cross]
            declaration.transportMode = modeMissing ? nil : modes[cross]
            declaration.riskChannel = channel
            let offset = country == "KZ" ? 5 * 3600 : 8 * 3600
            func event(_ milestone: String, _ at: Int64) -> Event {
                Event(milestone: milestone, at: Timestamp(epochSeconds: at, utcOffsetSeconds: offset))
            }
            if !arrivalMissing { declaration.events.append(event("arrival", start)) }
            if !lodgeMissing { declaration.events.append(event("lodgement", lodge)) }
            if !acceptMissing { declaration.events.append(event("acceptance", accept)) }
            if !releaseMissing {
                declaration.events.append(event("release", release))
                if !exitMissing { declaration.events.append(event("exit", exit)) }
            }
            declarations.append(declaration)
        }
        return declarations
    }
}
