public import Foundation
public import Hummingbird
public import KioskIdentity
import KioskCore
import Logging

/// Enrolment of terminals (`/v1/enrolments`) and the site CA certificate (`/v1/site-ca.pem`); none of these
/// needs a client certificate: they are how a terminal gets one.
public enum EnrolmentAPI {
    /// Adds the routes; without an authority they answer that enrolment is not configured.
    public static func add(
        to router: Router<CentralRequestContext>, store: any CentralStore, authority: SiteAuthority?,
        now: @escaping @Sendable () -> Date
    ) {
        router.get("\(SyncAPI.prefix)/site-ca.pem") { _, _ -> Response in
            guard let authority else { throw APIError.enrolmentNotConfigured }
            return Response(
                status: .ok, headers: [.contentType: "application/x-pem-file", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: authority.certificatePEM)))
        }
        router.post("\(SyncAPI.prefix)/enrolments") { request, context -> Response in
            guard let authority else { throw APIError.enrolmentNotConfigured }
            let body = try await CentralAPI.decode(EnrolmentRequest.self, from: request)
            guard CentralAPI.isValidTerminalID(body.terminal.rawValue) else { throw APIError.badTerminal }
            let checked: TerminalRequest.Checked
            do {
                checked = try TerminalRequest.check(csrPEM: body.csr, terminal: body.terminal)
            } catch let error as IdentityError {
                context.logger.notice("Enrolment request refused", metadata: ["kiosk.terminal": "\(body.terminal)", "kiosk.identity.refusal": "\(error.code)"])
                throw APIError(error)
            }
            let stored: EnrolmentRecord
            do {
                stored = try await store.submitEnrolment(
                    EnrolmentRecord(
                        id: UUID(), terminal: body.terminal, csr: body.csr, keyFingerprint: checked.keyFingerprint, state: .pending,
                        requestedAt: now()),
                    maxPending: TerminalEnrolments.maxPending)
            } catch let refusal as IdentityRefusal {
                throw APIError(refusal)
            } catch {
                context.logger.error("Enrolment not stored", metadata: ["kiosk.error": "\(error)"])
                throw APIError.unavailable
            }
            context.logger.info(
                "Enrolment requested",
                metadata: ["kiosk.terminal": "\(body.terminal)", "kiosk.enrolment.id": "\(stored.id)", "kiosk.identity.key": "\(stored.keyFingerprint)"])
            return try JSONResponse.make(
                status(stored, authority: authority), status: .accepted,
                headers: [.location: "\(SyncAPI.prefix)/enrolments/\(stored.id.uuidString)", .cacheControl: "no-store"])
        }
        router.get("\(SyncAPI.prefix)/enrolments/:id") { _, context -> Response in
            guard let authority else { throw APIError.enrolmentNotConfigured }
            guard let id = UUID(uuidString: try context.parameters.require("id")) else { throw APIError.unknownEnrolment }
            let found: EnrolmentRecord?
            do {
                found = try await store.enrolment(id: id)
            } catch {
                throw APIError.unavailable
            }
            guard let found else { throw APIError.unknownEnrolment }
            return try JSONResponse.make(status(found, authority: authority), headers: [.cacheControl: "no-store"])
        }
    }

    static func status(_ record: EnrolmentRecord, authority: SiteAuthority) -> EnrolmentStatus {
        EnrolmentStatus(
            id: record.id, terminal: record.terminal, state: record.state, keyFingerprint: record.keyFingerprint,
            certificate: record.state == .approved ? record.certificate : nil,
            ca: record.state == .approved ? authority.certificatePEM : nil)
    }
}
