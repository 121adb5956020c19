import CustomsCore
import CustomsPipeline
import CustomsTestSupport
import Foundation
import Testing

@Suite("EU NCTS phase 5")
struct NCTSTests {
    @Test("cc015c-valid-2: transit from Northern Ireland, one container, consignment and goods-item masses")
    func transitDeclaration() throws {
        let result = try harmonized(TestPaths.corpus("eu-ncts/cc015c-valid-2.xml"))
        #expect(result.format == "eu-ncts")
        let declaration = try #require(result.declarations.first)
        #expect(declaration.sourceFormat == "eu-ncts")
        #expect(declaration.messageType == "CC015C")
        #expect(declaration.direction == .transit)
        #expect(declaration.id == "MDTP-18")
        #expect(declaration.procedure == "T1")
        #expect(declaration.declaringCountry == "GB")
        #expect(declaration.asFiled["CustomsOfficeOfDeparture/referenceNumber"] == "XI000081")
        #expect(declaration.lodgedAt?.rfc3339 == "2023-04-03T10:18:16+01:00")
        #expect(declaration.transportMode == .sea)
        #expect(declaration.containers == ["CSQU3054383"])
        #expect(declaration.totals?.grossMassKg == decimal("60000.204"))
        #expect(declaration.goodsItems.count == 1)
        #expect(declaration.goodsItems.first?.grossMassKg == decimal("3340.102"))
        #expect(declaration.goodsItems.first?.hsCode == "152000")
        #expect(result.rules("timing.zone-assumed").count == 1)
    }

    @Test("cc015c-valid-2: the house consignment's and the consignment's gross masses disagree with what they contain")
    func intermediateTotals() throws {
        let messages = try harmonized(TestPaths.corpus("eu-ncts/cc015c-valid-2.xml")).rules("totals.mismatch").map(\.message)
        #expect(messages.count == 2)
        #expect(messages.contains { $0.contains("6000.204") && $0.contains("3340.102") })
        #expect(messages.contains { $0.contains("60000.204") && $0.contains("6000.204") })
    }

    @Test("CC029C: a release event for the MRN, at the preparation time on the release date")
    func releaseForTransit() throws {
        let result = try harmonized(TestPaths.fixture("ncts/cc029c-release-same-day.xml"))
        let declaration = try #require(result.declarations.first)
        #expect(declaration.messageType == "CC029C")
        #expect(declaration.id == "25PL301000R0000017")
        #expect(declaration.asFiled["LRN"] == "PL-MAL-2025-0321")
        #expect(declaration.goodsItems.isEmpty)
        #expect(declaration.events == [Event(
            milestone: "release", at: try #require(Timestamp.parseRFC3339("2025-03-21T14:05:00+01:00")),
            location: "PL301000", zoneAssumed: true)])
    }

    @Test("cc029c-valid: a release date that is not the message's date is not placed in time")
    func releaseDateDisagrees() throws {
        let result = try harmonized(TestPaths.corpus("eu-ncts/cc029c-valid.xml"))
        let declaration = try #require(result.declarations.first)
        #expect(declaration.asFiled["LRN"] == "MDTP-18")
        #expect(declaration.events.isEmpty)
        #expect(result.rules("field.invalid").contains { $0.message.contains("releaseDate 2008-11-15") })
        #expect(result.rules("code.country").contains { $0.message.contains("AB654321") })
    }

    @Test("CC013C: the amended declaration, marked declaration.amended")
    func amendment() throws {
        let result = try harmonized(TestPaths.corpus("eu-ncts/cc013c-valid.xml"))
        let declaration = try #require(result.declarations.first)
        #expect(declaration.messageType == "CC013C")
        #expect(declaration.id == "ABC")
        #expect(declaration.direction == .transit)
        #expect(result.rules("declaration.amended").count == 1)
    }

    @Test("CC043C is recognized and is not a declaration")
    func unloadingPermission() throws {
        let result = try harmonized(TestPaths.corpus("eu-ncts/cc043c-valid.xml"))
        #expect(result.format == "eu-ncts")
        #expect(result.declarations.isEmpty)
        #expect(result.rules("format.not-a-declaration").count == 1)
    }

    @Test("an unfilled {{LRN}} is a placeholder, not a declaration number")
    func placeholderLRN() throws {
        let result = try harmonized(TestPaths.corpus("eu-ncts/cc015c-invalid-lrn.xml"))
        #expect(result.declarations.first?.id == nil)
        #expect(result.rules("field.placeholder").contains { $0.message.contains("{{LRN}}") })
    }
}
