import ArgumentParser
import Foundation
import KioskApp
import KioskCore
import KioskIdentity
import KioskSync
import Synchronization

/// `kioskctl enrol`: gives the terminal its client certificate. Arguments and output only; the steps are
/// `TerminalEnrolment` in KioskSync.
struct Enrol: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Enrol this terminal at central: create key and CSR, wait for an administrator's approval, write the certificate.",
        discussion: """
            Writes to the paths of central.tls in terminal.yaml. The site CA is taken from the CA file there, or \
            downloaded and checked against --ca-fingerprint (printed by 'kiosk-central ca init'). Ctrl-C stops \
            waiting; running the command again follows the same request.
            """)

    @OptionGroup var options: TerminalOptions

    @ArgumentParser.Option(help: "central's address, https://host:port (default: central.url of terminal.yaml).")
    var central: String?

    @ArgumentParser.Option(name: .customLong("ca-fingerprint"), help: "SHA-256 of the site CA certificate, as 'kiosk-central ca init' printed it.")
    var caFingerprint: String?

    @ArgumentParser.Option(help: "Seconds between two questions to central while waiting.")
    var poll: Int = 5

    @ArgumentParser.Option(help: "Minutes to wait for the approval before giving up (the request stays; run again).")
    var wait: Int = 60

    @Flag(help: "Enrol again although the terminal has a certificate (creates a new key).")
    var force = false

    func validate() throws {
        guard (1...600).contains(poll) else { throw ValidationError("--poll: 1 bis 600 Sekunden / 1 to 600 seconds") }
        guard (1...10_080).contains(wait) else { throw ValidationError("--wait: 1 bis 10080 Minuten / 1 to 10080 minutes") }
    }

    func run() async throws {
        let loaded = try options.load()
        guard let files = loaded.identityFiles, let configured = loaded.settings.configuration.central else {
            throw ValidationError(
                "\(options.config): central.tls fehlt – Pfade für key, certificate und ca eintragen / central.tls is missing – add paths for key, certificate and ca")
        }
        let terminal = loaded.settings.configuration.terminal
        let enrolment = TerminalEnrolment(terminal: terminal, baseURL: central ?? configured.url, files: files)
        let waitAtMost = Duration.seconds(wait * 60)
        let pollInterval = Duration.seconds(poll)
        let caFingerprint = self.caFingerprint
        let force = self.force
        let shownHalfMinutes = HalfMinutes()
        let task = Task {
            try await enrolment.run(
                authorityFingerprint: caFingerprint, replace: force, pollInterval: pollInterval, waitAtMost: waitAtMost,
                progress: { progress in
                    if case .waiting(let elapsed) = progress {
                        // One line every 30 s, however often central is asked, so that a log stays readable.
                        let halfMinutes = Int(elapsed.components.seconds) / 30
                        guard shownHalfMinutes.advance(to: halfMinutes) else { return }
                    }
                    Self.show(progress, terminal: terminal)
                })
        }
        // Ctrl-C ends the wait cleanly: the request stays at central and the next run follows it.
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupt.setEventHandler { task.cancel() }
        interrupt.resume()
        defer { interrupt.cancel() }
        do {
            _ = try await task.value
            Self.say("Terminal \(terminal.rawValue) ist registriert / is enrolled: \(files.certificate)")
        } catch is CancellationError {
            Self.fail("Abgebrochen; die Anfrage bleibt bestehen – 'kioskctl enrol' erneut ausführen / Interrupted; the request stays – run 'kioskctl enrol' again")
            throw ExitCode(130)
        } catch let error as IdentityError {
            Self.fail("\(error)")
            switch error.code {
            case "central-unreachable", "enrolment-timeout", "too-many-pending-enrolments": throw ExitCode(75)  // EX_TEMPFAIL
            case "enrolment-rejected", "ca-fingerprint-mismatch": throw ExitCode(77)  // EX_NOPERM
            default: throw ExitCode(78)  // EX_CONFIG
            }
        }
    }

    /// Writes a line at once, also when standard output is a file or a pipe (print would hold it back).
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func fail(_ message: String) {
        FileHandle.standardError.write(Data("kioskctl: \(message)\n".utf8))
    }

    /// One line (or a few) per step.
    static func show(_ progress: EnrolmentProgress, terminal: TerminalID) {
        switch progress {
        case .authority(let fingerprint, let downloaded):
            say(
                downloaded
                    ? "Zertifizierungsstelle geprüft und gespeichert / site CA checked and saved: \(fingerprint)"
                    : "Zertifizierungsstelle aus Datei / site CA from file: \(fingerprint)")
        case .key(let path, let created):
            say(created ? "Neuer Schlüssel / new key: \(path) (0600)" : "Vorhandener Schlüssel / existing key: \(path)")
        case .submitted(let id, let keyFingerprint, let resumed):
            say(resumed ? "Anfrage wird weiter verfolgt / following request \(id)" : "Anfrage gestellt / request submitted: \(id)")
            say("Terminal \(terminal.rawValue), Schlüssel-Fingerabdruck / key fingerprint:")
            say("  \(keyFingerprint)")
            say("Der Administration vorlesen; sie vergleicht ihn vor der Freigabe / read it to the administrator, who compares it before approving.")
        case .waiting(let elapsed):
            let seconds = Int(elapsed.components.seconds)
            say("Warte auf Freigabe / waiting for approval … \(seconds / 60):\(String(format: "%02d", seconds % 60)) (Strg-C / Ctrl-C)")
        case .approved(let notAfter):
            say("Freigegeben; Zertifikat gültig bis / approved; certificate valid until \(notAfter.formatted(.iso8601))")
        }
    }
}

/// The last half minute of waiting that was shown.
final class HalfMinutes: Sendable {
    private let shown = Mutex(-1)

    /// Whether `value` is later than the last one shown; remembers it.
    func advance(to value: Int) -> Bool {
        shown.withLock { shown in
            defer { shown = max(shown, value) }
            return value > shown
        }
    }
}
