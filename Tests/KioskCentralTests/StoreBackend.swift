import KioskTesting
import Foundation
import KioskCentral
import Logging
import Testing

/// Which backend the central store tests run on.
///
/// The same suite runs twice in scripts/test.sh: on SQLite, and with `KIOSK_TEST_CENTRAL_BACKEND=postgres` on a
/// private PostgreSQL server whose admin URL is in `KIOSK_TEST_POSTGRES_URL`. Each store gets a fresh database.
enum StoreBackend {
    /// True when this run tests PostgreSQL.
    static var isPostgres: Bool { TestPostgres.isSelected }

    static var quiet: Logger {
        var logger = Logger(label: "central-store-test")
        logger.logLevel = .critical
        return logger
    }

    /// A new, empty store on this run's backend.
    static func makeStore() async throws -> any CentralStore {
        guard isPostgres else { return try SQLiteCentralStore(path: CentralFixtures.temporaryDatabase()) }
        return try await PostgresCentralStore(url: try makeDatabase(), logger: quiet)
    }

    /// A fresh database on the test server; its URL.
    static func makeDatabase() throws -> String { try TestPostgres.makeDatabase() }
}
