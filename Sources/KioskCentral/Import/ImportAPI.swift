public import Hummingbird
public import KioskCore
public import Foundation
import Logging

/// The import API for booking systems (`POST /v1/import/appointments`, see `Kiosk/openapi.yaml`).
///
/// Callers are system clients with a bearer token made by `kiosk-central client add`; only the token's digest is
/// stored. A request is applied all together or not at all: every row is checked first (form, catalog,
/// duplicates), then against what central holds, in one transaction.
public enum ImportAPI {
    /// The route.
    public static let path = "\(SyncAPI.prefix)/import/appointments"

    /// Adds the import route to a router.
    public static func add(
        to router: Router<CentralRequestContext>, store: any CentralStore, settings: CentralSettings,
        now: @escaping @Sendable () -> Date
    ) {
        router.post(RouterPath(path)) { request, context -> Response in
            let client = try await authenticate(request, store: store)
            let body = try await CentralAPI.decode(AppointmentImportRequest.self, from: request)
            guard body.appointments.count <= AppointmentImportRequest.maximumRows else { throw APIError.tooManyRows }
            let report: AppointmentImportReport
            do {
                report = try await AppointmentImporter.run(
                    body.appointments, store: store, catalog: settings.catalog, dryRun: body.dryRun)
            } catch {
                context.logger.error("Appointment import failed", metadata: ["kiosk.error": "\(error)"])
                throw APIError.unavailable
            }
            context.logger.info(
                "Appointments imported",
                metadata: [
                    "kiosk.import.client": "\(client)", "kiosk.import.applied": "\(report.applied)", "kiosk.import.dry-run": "\(body.dryRun)",
                    "kiosk.import.created": "\(report.created.count)", "kiosk.import.updated": "\(report.updated.count)",
                    "kiosk.import.cancelled": "\(report.cancelled.count)", "kiosk.import.rejected": "\(report.rejected.count)",
                ])
            var response = try JSONResponse.make(report, status: report.rejected.isEmpty ? .ok : .unprocessableContent)
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }

    /// The system client named by the request's bearer token; 401 for none or an unknown one.
    static func authenticate(_ request: Request, store: any CentralStore) async throws -> String {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "), header.count > 7 else {
            throw APIError.noClientToken
        }
        let token = String(header.dropFirst(7))
        let client: String?
        do {
            client = try await store.systemClient(tokenDigest: StaffToken.digest(token))
        } catch {
            throw APIError.unavailable
        }
        guard let client else { throw APIError.noClientToken }
        return client
    }
}

/// Import rows into a store for the catalog's site: the import API's and the ZMS sync's one way in.
public enum AppointmentImporter {
    /// Checks every row (form, catalog, duplicates), then applies them in one transaction, all or nothing; rows with
    /// form problems never reach the store, the others are still compared (as a dry run) so that one answer names
    /// everything wrong. Rejections carry the row's index in `rows`.
    public static func run(
        _ rows: [AppointmentImportRow], store: any CentralStore, catalog: ServiceCatalog, dryRun: Bool
    ) async throws -> AppointmentImportReport {
        let formRejections = check(rows, services: Set(catalog.services.map(\.id)))
        let checkable = rows.enumerated().filter { index, _ in !formRejections.contains { $0.row == index } }
        var report = try await store.importAppointments(
            checkable.map(\.element), site: catalog.site.id, calendar: catalog.site.calendar, dryRun: dryRun || !formRejections.isEmpty)
        // The store numbered its rows among the checkable ones; give them their index in the request.
        report.rejected = (formRejections + report.rejected.map { rejection in
            var moved = rejection
            moved.row = checkable[rejection.row].offset
            return moved
        }).sorted { $0.row < $1.row }
        report.applied = report.applied && report.rejected.isEmpty
        return report
    }

    /// Form, catalog and duplicate checks that need no database, by row index.
    static func check(_ rows: [AppointmentImportRow], services: Set<ServiceID>) -> [AppointmentImportRejection] {
        var seen = Set<AppointmentID>()
        var rejections: [AppointmentImportRejection] = []
        for (index, row) in rows.enumerated() {
            let validID = AppointmentImportRow.isValidID(row.id.rawValue) ? row.id.rawValue : nil
            if let problem = row.problem(services: services) {
                rejections.append(AppointmentImportRejection(row: index, id: validID, problem: problem))
            } else if !seen.insert(row.id).inserted {
                rejections.append(AppointmentImportRejection(row: index, id: validID, problem: .duplicateID))
            }
        }
        return rejections
    }

}

extension APIError {
    static let noClientToken = APIError(
        .unauthorized, code: "client-token-required",
        de: "Gültiges Client-Token erforderlich (Authorization: Bearer …, erzeugt mit 'kiosk-central client add').",
        en: "A valid client token is required (Authorization: Bearer …, made with 'kiosk-central client add').")
    static let tooManyRows = APIError(
        .contentTooLarge, code: "too-many-rows", de: "Zu viele Termine in einer Anfrage (höchstens 2000).",
        en: "Too many appointments in one request (2000 at most).")
}
