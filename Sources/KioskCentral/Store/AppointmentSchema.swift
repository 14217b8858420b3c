/// The tables of appointments and ID document collection, the same for both backends but for types.
enum AppointmentSchema {
    /// SQLite (STRICT tables).
    static let sqlite = """
        -- Appointments with just what check-in needs: no names. Codes are the booking's secrets.
        CREATE TABLE appointment (
            id TEXT PRIMARY KEY NOT NULL,
            site TEXT NOT NULL,
            service TEXT NOT NULL,
            day TEXT NOT NULL,
            start_ms INTEGER NOT NULL,
            duration_minutes INTEGER NOT NULL,
            process_number TEXT,
            auth_key TEXT,
            booking_reference TEXT,
            state TEXT NOT NULL CHECK (state IN ('booked', 'checked-in', 'cancelled')),
            checked_in_ticket TEXT,
            checked_in_terminal TEXT,
            checked_in_ms INTEGER,
            CHECK ((process_number IS NOT NULL AND auth_key IS NOT NULL) OR booking_reference IS NOT NULL)
        ) STRICT;
        CREATE INDEX appointment_site_day ON appointment(site, day, start_ms);
        -- Check-ins that did not simply queue a ticket (see AppointmentConflict).
        CREATE TABLE appointment_conflict (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            appointment TEXT NOT NULL,
            ticket TEXT NOT NULL,
            terminal TEXT NOT NULL,
            reason TEXT NOT NULL,
            time_ms INTEGER NOT NULL
        ) STRICT;
        -- ID document applications (Lieferstatus): number, kind and state only.
        CREATE TABLE collection (
            application_number TEXT PRIMARY KEY NOT NULL,
            kind TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('in-production', 'ready', 'collected')),
            ready_since_ms INTEGER,
            updated_ms INTEGER NOT NULL
        ) STRICT;
        """

    /// PostgreSQL, one statement each.
    static let postgres = [
        """
        CREATE TABLE appointment (
            id TEXT PRIMARY KEY,
            site TEXT NOT NULL,
            service TEXT NOT NULL,
            day TEXT NOT NULL,
            start_ms BIGINT NOT NULL,
            duration_minutes BIGINT NOT NULL,
            process_number TEXT,
            auth_key TEXT,
            booking_reference TEXT,
            state TEXT NOT NULL CHECK (state IN ('booked', 'checked-in', 'cancelled')),
            checked_in_ticket TEXT,
            checked_in_terminal TEXT,
            checked_in_ms BIGINT,
            CHECK ((process_number IS NOT NULL AND auth_key IS NOT NULL) OR booking_reference IS NOT NULL)
        )
        """,
        "CREATE INDEX appointment_site_day ON appointment(site, day, start_ms)",
        """
        CREATE TABLE appointment_conflict (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            appointment TEXT NOT NULL,
            ticket TEXT NOT NULL,
            terminal TEXT NOT NULL,
            reason TEXT NOT NULL,
            time_ms BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE collection (
            application_number TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('in-production', 'ready', 'collected')),
            ready_since_ms BIGINT,
            updated_ms BIGINT NOT NULL
        )
        """,
    ]
}
