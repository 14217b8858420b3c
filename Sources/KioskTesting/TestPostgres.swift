import ChildProcess
public import Foundation

/// Fresh databases on the private PostgreSQL server scripts/test.sh starts (`KIOSK_TEST_POSTGRES_URL`).
public enum TestPostgres {
    /// Whether this run tests the central store on PostgreSQL (`KIOSK_TEST_CENTRAL_BACKEND=postgres`).
    public static var isSelected: Bool { ProcessInfo.processInfo.environment["KIOSK_TEST_CENTRAL_BACKEND"] == "postgres" }

    /// The server's admin URL.
    public static var adminURL: String? { ProcessInfo.processInfo.environment["KIOSK_TEST_POSTGRES_URL"] }

    /// Something went wrong setting up a database.
    public struct Failure: Error, CustomStringConvertible {
        /// What.
        public let description: String
    }

    /// A new empty database; its URL.
    public static func makeDatabase() throws -> String {
        guard let admin = adminURL, var components = URLComponents(string: admin) else {
            throw Failure(description: "KIOSK_TEST_POSTGRES_URL is not set: run the suite through scripts/test.sh")
        }
        let name = "kiosk_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let created = try ChildProcess.run("psql", [admin, "-v", "ON_ERROR_STOP=1", "-q", "-c", "CREATE DATABASE \(name)"], timeout: .seconds(30))
        guard created.termination.succeeded else {
            throw Failure(description: "CREATE DATABASE: \(String(decoding: created.error, as: UTF8.self))")
        }
        components.path = "/" + name
        return components.string!
    }
}
