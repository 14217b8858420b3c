import GRDB

/// The terminal database's migrations, by name, in order. Never edit a shipped migration: add one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("2026-11-terminal-and-outbox") { db in
            try db.execute(sql: """
                CREATE TABLE terminal_state (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                ) STRICT;
                -- The outbox: one row per event, gap-free sequence per terminal.
                CREATE TABLE outbox (
                    sequence INTEGER PRIMARY KEY NOT NULL,
                    id TEXT NOT NULL UNIQUE,
                    type TEXT NOT NULL,
                    time_ms INTEGER NOT NULL,
                    body BLOB NOT NULL,
                    sent_at_ms INTEGER
                ) STRICT;
                CREATE INDEX outbox_unsent ON outbox(sequence) WHERE sent_at_ms IS NULL;
                """)
        }
        migrator.registerMigration("2026-11-numbers-and-tickets") { db in
            try db.execute(sql: """
                -- Blocks this terminal may issue from; `next` moves in the same transaction as the ticket.
                CREATE TABLE number_lease (
                    queue TEXT NOT NULL,
                    day TEXT NOT NULL,
                    first INTEGER NOT NULL,
                    last INTEGER NOT NULL,
                    next INTEGER NOT NULL,
                    PRIMARY KEY (queue, day, first),
                    CHECK (first >= 1 AND first <= last AND next >= first AND next <= last + 1)
                ) STRICT;
                -- What a standalone terminal has granted itself (the central service keeps its own).
                CREATE TABLE number_grant (
                    queue TEXT NOT NULL,
                    day TEXT NOT NULL,
                    highest INTEGER NOT NULL,
                    PRIMARY KEY (queue, day)
                ) STRICT;
                CREATE TABLE ticket (
                    id TEXT PRIMARY KEY NOT NULL,
                    queue TEXT NOT NULL,
                    service TEXT NOT NULL,
                    day TEXT NOT NULL,
                    prefix TEXT NOT NULL,
                    number INTEGER NOT NULL,
                    issued_at_ms INTEGER NOT NULL,
                    origin TEXT NOT NULL,
                    estimate_minutes INTEGER,
                    ahead INTEGER NOT NULL,
                    -- Modelled start of service (QueueDrainModel), kept so that "still waiting" is one indexed count.
                    model_start_ms INTEGER NOT NULL,
                    print_state TEXT NOT NULL DEFAULT 'pending' CHECK (print_state IN ('pending', 'printed', 'failed')),
                    UNIQUE (queue, day, number)
                ) STRICT;
                CREATE INDEX ticket_day_service ON ticket(day, service);
                CREATE INDEX ticket_queue_model ON ticket(queue, day, model_start_ms);
                """)
        }
        migrator.registerMigration("2026-11-reference-snapshot") { db in
            try db.execute(sql: """
                -- The last reference data from the central service, so that a restart offline still has it.
                CREATE TABLE reference_snapshot (
                    key TEXT PRIMARY KEY NOT NULL,
                    etag TEXT,
                    body BLOB NOT NULL,
                    fetched_ms INTEGER NOT NULL
                ) STRICT;
                """)
        }
        migrator.registerMigration("2026-11-print-failure-reason") { db in
            try db.execute(sql: "ALTER TABLE ticket ADD COLUMN print_failure TEXT")
        }
        migrator.registerMigration("2026-12-polling-directory") { db in
            try db.execute(sql: """
                -- The Wahlraumsuche's data as last imported (kioskctl wahlraum import); public data only, never a
                -- voter number. One election at a time: an import replaces all three tables in one transaction.
                CREATE TABLE election (
                    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
                    name TEXT NOT NULL,
                    day TEXT NOT NULL,
                    hours TEXT NOT NULL,
                    imported_ms INTEGER NOT NULL
                ) STRICT;
                CREATE TABLE polling_place (
                    district TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    street TEXT NOT NULL,
                    town TEXT NOT NULL,
                    room TEXT,
                    step_free INTEGER NOT NULL CHECK (step_free IN (0, 1))
                ) STRICT;
                CREATE TABLE street_rule (
                    position INTEGER PRIMARY KEY NOT NULL,
                    district TEXT NOT NULL REFERENCES polling_place(district),
                    street TEXT NOT NULL,
                    -- HouseNumberRule's canonical form, read back with HouseNumberRule.parse.
                    rule TEXT NOT NULL
                ) STRICT;
                """)
        }
        migrator.registerMigration("2026-11-appointment-check-in") { db in
            try db.execute(sql: """
                -- One row per appointment checked in here: the key makes a second scan find the first ticket
                -- instead of issuing another one.
                CREATE TABLE appointment_check_in (
                    appointment TEXT PRIMARY KEY NOT NULL,
                    ticket TEXT NOT NULL UNIQUE REFERENCES ticket(id),
                    appointment_at_ms INTEGER NOT NULL,
                    decision TEXT NOT NULL,
                    checked_in_ms INTEGER NOT NULL
                ) STRICT;
                """)
        }
        migrator.registerMigration("2027-01-sealed-signatures") { db in
            try db.execute(sql: """
                -- Captured signatures, sealed with ChaChaPoly before they are written (nonce, ciphertext, tag; the
                -- row id is the associated data), kept until central has acknowledged the outbox event that
                -- refers to them: markSent deletes them in the same transaction.
                CREATE TABLE sealed_signature (
                    id TEXT PRIMARY KEY NOT NULL,
                    outbox_sequence INTEGER NOT NULL,
                    sealed BLOB NOT NULL,
                    created_ms INTEGER NOT NULL
                ) STRICT;
                CREATE INDEX sealed_signature_by_sequence ON sealed_signature(outbox_sequence);
                """)
        }
        migrator.registerMigration("2027-02-payments-and-sealed-kinds") { db in
            try db.execute(sql: """
                -- One row per confirmed payment; its key is chosen when the confirmation screen opens, so a second
                -- confirm (a double tap, a retry) finds the first payment instead of paying again. No IBAN here:
                -- only its masked form; the full IBAN is sealed beside the signature.
                CREATE TABLE payment (
                    id TEXT PRIMARY KEY NOT NULL,
                    outbox_sequence INTEGER NOT NULL,
                    service TEXT NOT NULL,
                    method TEXT NOT NULL,
                    total_cents INTEGER NOT NULL,
                    kassenzeichen TEXT NOT NULL,
                    mandate_reference TEXT,
                    masked_iban TEXT,
                    confirmed_ms INTEGER NOT NULL
                ) STRICT;
                -- Sealed rows are now signatures or a SEPA mandate's IBAN; both go to central with their event.
                ALTER TABLE sealed_signature ADD COLUMN kind TEXT NOT NULL DEFAULT 'signature';
                """)
        }
        return migrator
    }
}
