/// What the appointment import adds to both backends: the optional name for the counter and the system clients
/// (booking systems, import jobs) that may call the import API, by the digest of their token.
enum AppointmentImportSchema {
    /// SQLite.
    static let sqlite = """
        -- Personal data: kept until the appointment's day is over plus the retention, then set to NULL.
        ALTER TABLE appointment ADD COLUMN name TEXT;
        CREATE TABLE system_client (
            name TEXT PRIMARY KEY NOT NULL,
            token_digest TEXT NOT NULL UNIQUE,
            created_ms INTEGER NOT NULL
        ) STRICT;
        """

    /// PostgreSQL, one statement each.
    static let postgres = [
        "ALTER TABLE appointment ADD COLUMN name TEXT",
        """
        CREATE TABLE system_client (
            name TEXT PRIMARY KEY,
            token_digest TEXT NOT NULL UNIQUE,
            created_ms BIGINT NOT NULL
        )
        """,
    ]
}
