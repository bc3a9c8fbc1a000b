import Foundation
import PhoiHopProtocol
import Testing

struct WireMessageTests {
    let district = AgencyID(rawValue: "district-ben-luc")!

    func sampleBody() throws -> MessageBody {
        MessageBody(CertificateIssued(
            certificateNo: "GCN-BL-2026-0001", businessID: "BL-1", district: district, kind: .businessRegistration,
            issuedOn: try CivilDate(parsing: "2026-11-06"), validUntil: try CivilDate(parsing: "2029-11-05")))
    }

    func sampleEnvelope(seq: UInt64 = 7) -> Envelope {
        Envelope(type: .certificateIssued, id: "0f8fad5b-d9cb-469f-a165-70867728950e", origin: district, to: .hub, seq: seq, ts: 1_764_400_000_123)
    }

    @Test func messageRoundTripsThroughFramesWithTypedBody() throws {
        let body = try sampleBody()
        let message = WireMessage.message(sampleEnvelope(), body: body.encoded())
        let frames = message.frames()
        #expect(frames.count == 3)
        #expect(frames[0] == Array("@so-tttt/".utf8))
        #expect(String(decoding: frames[1], as: UTF8.self).hasPrefix(#"{"kind":"msg","v":1,"#))
        let decoded = try WireMessage.decode(frames: frames)
        #expect(decoded == message)
        guard case let .message(envelope, bytes) = decoded else { Issue.record("not a message"); return }
        #expect(try MessageBody.decode(type: envelope.type, schema: envelope.schema, bytes: bytes) == body)
    }

    @Test func controlKindsRoundTrip() throws {
        let messages: [WireMessage] = [
            .ack(Ack(origin: .hub, to: district, applied: 42)),
            .resend(ResendRequest(origin: .hub, to: district, from: 43)),
            .heartbeat(Heartbeat(origin: district, to: .hub, role: .district, version: "0.1.0", ts: 1, lastSeq: 9,
                                 applied: 2, pending: 1, rejected: 0)),
        ]
        for message in messages {
            #expect(try WireMessage.decode(frames: message.frames()) == message)
        }
    }

    @Test(arguments: [
        ([[UInt8]](), "frame-count"),
        ([Array("@so-tttt/".utf8)], "frame-count"),
        ([Array("@so-tttt/".utf8), Array("not json".utf8), Array("{}".utf8)], "malformed"),
        ([Array("@so-tttt/".utf8), Array(#"{"kind":"msg","v":2}"#.utf8), Array("{}".utf8)], "wire-version"),
        ([Array("@so-tttt/".utf8), Array(#"{"kind":"gossip","v":1}"#.utf8)], "unknown-kind"),
        ([Array("@so-tttt/".utf8), Array(#"{"kind":"msg","v":1,"type":"business.sold"}"#.utf8), Array("{}".utf8)], "unknown-type"),
    ])
    func malformedFramesAreRejectedWithTheirReason(frames: [[UInt8]], reason: String) {
        #expect(throws: ProtocolError.self) { try WireMessage.decode(frames: frames) }
        do { _ = try WireMessage.decode(frames: frames) } catch { #expect(error.reason == reason) }
    }

    /// A relay never goes back to its author, except in a handover, which returns an agency
    /// its own acts; a header without `handover` is as before (older senders omit it).
    @Test func onlyAHandoverMayCarryAnActBackToItsAuthor() throws {
        let body = try sampleBody().encoded()
        var envelope = Envelope(type: .certificateIssued, id: "0f8fad5b-d9cb-469f-a165-70867728950e", origin: .hub, to: district,
                                seq: 3, ts: 1, author: district)
        do { _ = try WireMessage.decode(frames: WireMessage.message(envelope, body: body).frames()); Issue.record("accepted a relay to its author") } catch {
            #expect(error.reason == "invalid-field")
            #expect(error.description.contains("except in a handover"))
        }
        envelope.handover = true
        let frames = WireMessage.message(envelope, body: body).frames()
        #expect(String(decoding: frames[1], as: UTF8.self).contains(#""handover":true"#))
        guard case let .message(decoded, _) = try WireMessage.decode(frames: frames) else { Issue.record("not a message"); return }
        #expect(decoded.isHandover && decoded.recordedBy == district)
        #expect(!String(decoding: WireMessage.message(sampleEnvelope(), body: body).frames()[1], as: UTF8.self).contains("handover"))
    }

    @Test func oversizedBodyIsRejectedBeforeParsing() {
        var frames = WireMessage.message(sampleEnvelope(), body: []).frames()
        frames[2] = Array(repeating: 0x20, count: WireMessage.maxBodyBytes + 1)
        do { _ = try WireMessage.decode(frames: frames); Issue.record("accepted an oversized body") } catch {
            #expect(error.reason == "oversized")
        }
    }

    @Test func topicMustMatchTheRecipient() throws {
        var frames = WireMessage.message(sampleEnvelope(), body: try sampleBody().encoded()).frames()
        frames[0] = Array("@cong-an/".utf8)
        do { _ = try WireMessage.decode(frames: frames); Issue.record("accepted a misrouted topic") } catch {
            #expect(error.reason == "topic-mismatch")
        }
    }

    @Test func seqZeroAndBadIdsAreRejected() throws {
        let body = try sampleBody().encoded()
        #expect(throws: ProtocolError.self) { try WireMessage.decode(frames: WireMessage.message(sampleEnvelope(seq: 0), body: body).frames()) }
        var envelope = sampleEnvelope()
        envelope.id = "not-a-uuid"
        #expect(throws: ProtocolError.self) { try WireMessage.decode(frames: WireMessage.message(envelope, body: body).frames()) }
    }

    @Test func bodyWithMissingFieldNamesTheKey() {
        let bytes = Array(#"{"certificateNo":"X","district":"district-ben-luc"}"#.utf8)
        do {
            _ = try MessageBody.decode(type: .certificateRevoked, schema: 1, bytes: bytes)
            Issue.record("accepted a body without businessID")
        } catch {
            #expect(error.description.contains("businessID"))
        }
    }

    @Test func unsupportedSchemaVersionIsRejected() throws {
        let bytes = try sampleBody().encoded()
        do { _ = try MessageBody.decode(type: .certificateIssued, schema: 2, bytes: bytes); Issue.record("accepted schema 2") } catch {
            #expect(error.reason == "schema-version")
        }
    }
}

struct CatalogTests {
    @Test func onlyDistrictsIssueCertificatesAndOnlyForTheirOwnDistrict() throws {
        let benLuc = AgencyID(rawValue: "district-ben-luc")!
        let body = MessageBody(CertificateRevoked(
            certificateNo: "GCN-1", businessID: "BL-1", district: benLuc, revokedOn: try CivilDate(parsing: "2026-11-22"), ground: "fraud"))
        #expect(Authority.check(origin: benLuc, role: .district, body: body) == nil)
        #expect(Authority.check(origin: AgencyID(rawValue: "cong-an")!, role: .congAn, body: body) == .outOfRole(type: .certificateRevoked, role: .congAn, rule: "P08"))
        let other = AgencyID(rawValue: "district-duc-hoa")!
        #expect(Authority.check(origin: other, role: .district, body: body) == .outOfScope(origin: other, district: benLuc, rule: "P08"))
    }

    @Test func directivesAreTheTypesOnlyTheHubSends() {
        #expect(MessageType.reportRequested.isDirective)
        #expect(!MessageType.inspectionPlanned.isDirective, "Đội 814 and the districts plan inspections too")
        #expect(MessageType.allCases.filter(\.isDirective) == [
            .complaintAccepted, .complaintRefused, .complaintAssigned, .complaintExtended, .complaintResolved,
            .deadlineReminded, .reportRequested,
        ])
    }

    @Test func agencyIdsAreValidated() {
        #expect(AgencyID(rawValue: "district-ben-luc") != nil)
        for bad in ["", "-x", "Ben-Luc", "a b", "a/b", String(repeating: "a", count: 64)] {
            #expect(AgencyID(rawValue: bad) == nil, "accepted '\(bad)'")
        }
    }

    @Test func civilDatesParseExactlyAndCount() throws {
        let date = try CivilDate(parsing: "2028-02-29")
        #expect(date.adding(years: 1).description == "2029-02-28")
        #expect(date.adding(days: 1).description == "2028-03-01")
        #expect(CivilDate(dayNumber: date.dayNumber) == date)
        for bad in ["2026-02-30", "2026-13-01", "26-01-01", "2026-1-1", "yesterday"] {
            #expect(throws: ProtocolError.self) { try CivilDate(parsing: bad) }
        }
    }
}
