/// The text `kioskctl appointments import` prints: what changed (or would change) and every rejected row with
/// its file line and reason, German and English. Ids only; never codes or names.
public enum AppointmentImportSummary {
    /// Lines for a file import: rows the file reader refused and what central answered for the rest.
    ///
    /// - Parameters:
    ///   - file: what was read from the file.
    ///   - report: central's answer for `file.entries` in order, nil when nothing was sent.
    ///   - dryRun: whether it was a dry run ("would ...").
    public static func lines(file: AppointmentFile, report: AppointmentImportReport?, dryRun: Bool) -> [String] {
        var lines: [String] = []
        if let report {
            let verb = dryRun || !report.applied ? ("würde", "would") : ("", "")
            func list(_ ids: [AppointmentID], de: String, en: String) {
                guard !ids.isEmpty else { return }
                let prefix = verb.0.isEmpty ? "\(de) / \(en)" : "\(verb.0) \(de) / \(verb.1) \(en)"
                lines.append("\(prefix) (\(ids.count)): " + ids.map(\.rawValue).joined(separator: ", "))
            }
            list(report.created, de: "neu", en: "create")
            list(report.updated, de: "geändert", en: "update")
            list(report.cancelled, de: "abgesagt", en: "cancel")
            list(report.unchanged, de: "unverändert", en: "unchanged")
        }
        // Central numbers its rejections by the row sent; the file's own rejections already carry the line.
        let sentRejections = (report?.rejected ?? []).map { rejection -> AppointmentImportRejection in
            var moved = rejection
            moved.row = rejection.row < file.entries.count ? file.entries[rejection.row].line : rejection.row
            return moved
        }
        for rejection in (file.rejected + sentRejections).sorted(by: { $0.row < $1.row }) {
            lines.append("Zeile/line \(rejection.row)\(rejection.id.map { " (\($0))" } ?? ""): \(rejection.de) / \(rejection.en)")
        }
        let rejectedCount = file.rejected.count + sentRejections.count
        if rejectedCount > 0 {
            lines.append(
                "\(rejectedCount) Zeile(n) abgelehnt, nichts importiert. / \(rejectedCount) row(s) rejected, nothing imported.")
        } else if dryRun {
            lines.append("Probelauf: nichts geändert. / Dry run: nothing changed.")
        }
        return lines
    }
}
