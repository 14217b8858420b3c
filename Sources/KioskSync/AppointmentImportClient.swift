public import AsyncHTTPClient
import Foundation
public import KioskCore
import NIOCore
import NIOHTTP1

/// Sends import rows to central's import API as a system client (`kioskctl appointments import`, the ZMS sync).
public struct AppointmentImportClient: Sendable {
    let base: String
    let token: String
    let client: HTTPClient
    let timeout: TimeAmount

    /// A client for the central service at `baseURL` with a system client's token.
    public init(baseURL: String, token: String, client: HTTPClient = .shared, timeout: Duration = .seconds(30)) {
        base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        self.client = client
        self.timeout = .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)
    }

    /// Sends the rows; the report (also when central refused rows: then nothing was applied).
    public func send(_ rows: [AppointmentImportRow], dryRun: Bool) async throws(SyncError) -> AppointmentImportReport {
        let response: (status: HTTPResponseStatus, headers: HTTPHeaders, data: Data)
        do throws(CentralRequest.Failure) {
            response = try await CentralRequest.exchange(
                client: client, base: base, .POST, "/import/appointments", body: AppointmentImportRequest(appointments: rows, dryRun: dryRun),
                tls: nil, headers: [("Authorization", "Bearer \(token)")], timeout: timeout, limit: 8 << 20)
        } catch {
            switch error {
            case .unencodable: throw SyncError(.malformedResponse, detail: "request not encodable")
            case .unreachable(let cause): throw SyncError(.unreachable, detail: String(describing: type(of: cause)))
            }
        }
        switch response.status.code {
        case 200, 422:
            guard let report = try? JSONDecoder().decode(AppointmentImportReport.self, from: response.data) else {
                throw SyncError(.malformedResponse, detail: "HTTP \(response.status.code) body not understood")
            }
            return report
        case 400..<500:
            let code = (try? JSONDecoder().decode(APIErrorBody.self, from: response.data))?.code ?? "unknown"
            throw SyncError(.rejected(status: Int(response.status.code), code: code), detail: "HTTP \(response.status.code)")
        default:
            throw SyncError(.unreachable, detail: "HTTP \(response.status.code)")
        }
    }
}
