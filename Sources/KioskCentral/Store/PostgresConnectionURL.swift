import Foundation
public import PostgresNIO

/// A `postgres://user:password@host:port/database` URL turned into a client configuration.
public enum PostgresConnectionURL {
    /// Whether `text` names a PostgreSQL database rather than a SQLite file.
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// The configuration for `text`; TLS is off (loopback or a private network: put a TLS tunnel in front
    /// otherwise, since PostgreSQL's own TLS needs certificates this URL cannot carry).
    public static func configuration(_ text: String) throws(CentralStoreError) -> PostgresClient.Configuration {
        guard let components = URLComponents(string: text), isPostgres(text), let host = components.host, !host.isEmpty else {
            throw CentralStoreError(
                operation: "open",
                code: "Ungültige Datenbank-URL, erwartet postgres://benutzer:passwort@host:port/datenbank / invalid database URL, expected postgres://user:password@host:port/database")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: database.isEmpty ? nil : database, tls: .disable)
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }
}
