public import Logging

/// Where the central store lives: a SQLite file path, or a `postgres://` URL.
public enum CentralStoreLocation {
    /// Opens (creating and migrating) the store at `location`.
    public static func open(_ location: String, logger: Logger) async throws(CentralStoreError) -> any CentralStore {
        if PostgresConnectionURL.isPostgres(location) {
            return try await PostgresCentralStore(url: location, logger: logger)
        }
        return try SQLiteCentralStore(path: location)
    }
}
