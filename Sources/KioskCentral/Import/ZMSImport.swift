public import KioskCore

/// What the ZMS sync does before importing.
public enum ZMSImport {
    /// Drops cancellations of processes central never imported: ZMS lists deleted processes of the day, most of
    /// them never booked here, and a cancellation of an unknown id would refuse the whole run.
    public static func withoutUnknownCancellations(_ rows: [AppointmentImportRow], store: any CentralStore) async throws -> [AppointmentImportRow] {
        var kept: [AppointmentImportRow] = []
        for row in rows {
            if row.action == .cancel, try await store.appointment(row.id) == nil { continue }
            kept.append(row)
        }
        return kept
    }
}
