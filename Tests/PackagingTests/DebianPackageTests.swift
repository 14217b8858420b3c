import ChildProcess
import Foundation
import KioskTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The Debian packages as a town's IT meets them: `scripts/package-deb.sh` builds them (release build), lintian
/// checks them, apt installs them on this machine, the installed kioskd, kioskctl and kiosk-central run from their
/// installed paths, a rebuilt higher version upgrades them with an edited conffile kept, remove keeps the data and
/// purge leaves nothing behind. Needs root (apt); the packages are purged on every way out of the test.
@Suite(.serialized, .timeLimit(.minutes(60))) struct DebianPackageTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
    static let packages = ["rathaus-kioskd", "rathaus-kiosk-central"]
    static var isRoot: Bool { getuid() == 0 }

    /// The repository's file as text.
    static func repositoryFile(_ path: String) throws -> String {
        try String(contentsOf: repository.appendingPathComponent(path), encoding: .utf8)
    }

    /// Runs the packaging script into `output`; returns the .deb of each package.
    static func buildPackages(into output: URL, suffix: String?) throws -> [String: URL] {
        var environment = ProcessInfo.processInfo.environment
        environment["KIOSK_DEB_VERSION_SUFFIX"] = suffix ?? ""
        // xz takes about a minute per 90 MB binary; gzip a few seconds, and nothing else differs.
        environment["KIOSK_DEB_COMPRESSION"] = "gzip"
        let started = ContinuousClock.now
        let result = try Machine.run(
            ["bash", repository.appendingPathComponent("scripts/package-deb.sh").path, output.path], environment: environment,
            timeout: .seconds(3000))
        print("package-deb.sh \(suffix ?? "(release version)"): \(ContinuousClock.now - started) (incremental release build included)")
        var debs: [String: URL] = [:]
        for line in result.text.split(separator: "\n") where line.hasSuffix(".deb") {
            let url = URL(fileURLWithPath: String(line))
            debs[String(url.lastPathComponent.prefix { $0 != "_" })] = url
        }
        return debs
    }

    @Test(.enabled(if: isRoot, "needs root: installs, upgrades and purges the packages with apt-get (scripts/test.sh runs as root)"))
    func buildLintInstallUpgradeRemoveAndPurge() throws {
        for package in Self.packages {
            try #require(
                Machine.status(package) == "not-installed",
                "\(package) is on this machine already (\(Machine.status(package))); the test would purge it: purge it yourself first")
        }
        try #require(Machine.user("kiosk") == nil && Machine.user("kiosk-central") == nil, "users kiosk / kiosk-central exist already")
        // From here on the machine is changed: whatever happens, the packages go again.
        defer { Machine.purgeQuietly(Self.packages) }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("deb-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: output) }
        let version = try Self.repositoryFile("VERSION").trimmingCharacters(in: .whitespacesAndNewlines)

        let first = try Self.buildPackages(into: output.appendingPathComponent("first"), suffix: nil)
        try #require(Set(first.keys) == Set(Self.packages), "\(first)")
        try Self.lint(Array(first.values))

        try Machine.aptInstall(Self.packages.map { first[$0]! })
        for package in Self.packages { #expect(Machine.installedVersion(package) == version) }
        try Self.checkInstalledFiles()
        try Self.checkUsersAndFolders()
        try Self.checkUnits()
        #expect(try Machine.run(["/usr/bin/kioskctl", "--version"]).text == version + "\n")
        #expect(try Machine.run(["/usr/bin/kiosk-central", "--version"]).text == version + "\n")
        #expect(try Machine.run(["/usr/bin/kioskd", "--version"]).text == version + "\n")
        try Self.runTheInstalledTerminal()
        try Self.runTheInstalledCentral()

        // An administrator's edit of a conffile survives the upgrade to a rebuilt, higher version.
        let edit = "# local edit \(UUID().uuidString)\n"
        let services = "/etc/rathaus-kiosk/services.yaml"
        let handle = try #require(FileHandle(forWritingAtPath: services))
        handle.seekToEndOfFile()
        handle.write(Data(edit.utf8))
        handle.closeFile()
        let uid = Machine.user("kiosk")?[2]
        let second = try Self.buildPackages(into: output.appendingPathComponent("second"), suffix: "+upgrade1")
        try Machine.aptInstall(Self.packages.map { second[$0]! })
        for package in Self.packages { #expect(Machine.installedVersion(package) == version + "+upgrade1") }
        #expect(Machine.read(services)?.hasSuffix(edit) == true, "the edited conffile was replaced on upgrade")
        #expect(try Machine.read(services)?.hasPrefix(Self.repositoryFile("Kiosk/example/services.yaml")) == true)
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: "/etc/rathaus-kiosk"))?.filter { $0.contains(".dpkg-") } ?? []
        #expect(leftovers.isEmpty, "dpkg left \(leftovers)")
        #expect(Machine.user("kiosk")?[2] == uid, "the user kiosk is kept, not made anew")
        #expect(Machine.exists("/var/lib/rathaus-kiosk/kiosk.sqlite"), "the terminal's database survives the upgrade")
        #expect(try Machine.run(["/usr/bin/kioskctl", "--version"]).text == version + "\n")

        // remove: the programs go, configuration, data and the user stay.
        try Machine.run(["apt-get", "remove"] + Machine.aptOptions + ["rathaus-kioskd"], environment: Machine.aptEnvironment)
        #expect(Machine.status("rathaus-kioskd") == "config-files")
        for gone in ["/usr/bin/kioskd", "/usr/bin/kioskctl", "/usr/lib/udev/rules.d/70-rathaus-kiosk.rules", "/usr/lib/systemd/system/kioskd.service"] {
            #expect(!Machine.exists(gone), "\(gone) is still there after remove")
        }
        #expect(Machine.read(services)?.hasSuffix(edit) == true, "remove keeps the conffiles")
        #expect(Machine.exists("/etc/rathaus-kiosk/terminal.yaml"))
        #expect(Machine.exists("/var/lib/rathaus-kiosk/kiosk.sqlite"), "remove keeps the data")
        #expect(Machine.user("kiosk") != nil, "remove keeps the user")
        #expect(Machine.exists("/etc/rathaus-kiosk/central/services.yaml"), "the central package is untouched")

        // purge: nothing of either package stays.
        try Machine.run(["apt-get", "purge"] + Machine.aptOptions + Self.packages, environment: Machine.aptEnvironment)
        for package in Self.packages { #expect(Machine.status(package) == "not-installed") }
        for gone in [
            "/etc/rathaus-kiosk", "/var/lib/rathaus-kiosk", "/var/log/rathaus-kiosk", "/var/lib/rathaus-kiosk-central",
            "/usr/share/rathaus-kiosk", "/usr/bin/kiosk-central", "/etc/systemd/system/multi-user.target.wants/kioskd.service",
            "/etc/systemd/system/multi-user.target.wants/kiosk-central.service", "/usr/share/doc/rathaus-kioskd",
        ] {
            #expect(!Machine.exists(gone), "\(gone) is still there after purge")
        }
        for user in ["kiosk", "kiosk-central"] {
            #expect(Machine.user(user) == nil, "user \(user) is still there after purge")
            #expect(!Machine.hasGroup(user), "group \(user) is still there after purge")
        }
    }

    /// lintian on the built packages: errors fail the test, warnings are listed in its output.
    static func lint(_ debs: [URL]) throws {
        let result = try ChildProcess.run("lintian", ["--tag-display-limit", "0"] + debs.map(\.path), timeout: .seconds(900))
        let report = LintianReport(output: result.text)
        print("lintian: \(report.errors.count) errors, \(report.warnings.count) warnings")
        for finding in report.findings where finding.severity != "E" { print("  \(finding)") }
        #expect(report.errors.isEmpty, "lintian errors:\n\(report.errors.map(\.description).joined(separator: "\n"))")
        if case .exited(let code) = result.termination, code != 0, report.errors.isEmpty {
            Issue.record("lintian failed without findings: \(String(decoding: result.error, as: UTF8.self))")
        }
    }

    /// Every file where the Debian layout wants it, the same as in the repository.
    static func checkInstalledFiles() throws {
        for binary in ["/usr/bin/kioskd", "/usr/bin/kioskctl", "/usr/bin/kiosk-central"] {
            #expect(FileManager.default.isExecutableFile(atPath: binary), "\(binary)")
            let libraries = try Machine.run(["ldd", binary]).text
            #expect(!libraries.contains("not found") && !libraries.contains("libswiftCore"), "\(binary) links:\n\(libraries)")
        }
        let catalog = repository.appendingPathComponent("Devices")
        let models = try FileManager.default.subpathsOfDirectory(atPath: catalog.path).filter { $0.hasSuffix(".yaml") }
        #expect(!models.isEmpty)
        for model in models {
            #expect(
                try Machine.read("/usr/share/rathaus-kiosk/Devices/\(model)") == repositoryFile("Devices/\(model)"),
                "device catalog entry \(model)")
        }
        for language in ["de", "en"] {
            #expect(try Machine.read("/usr/share/rathaus-kiosk/texts/\(language).yaml") == repositoryFile("Kiosk/texts/\(language).yaml"))
        }
        #expect(try Machine.read("/usr/lib/udev/rules.d/70-rathaus-kiosk.rules") == repositoryFile("udev/70-rathaus-kiosk.rules"))
        #expect(try Machine.read("/etc/rathaus-kiosk/services.yaml") == repositoryFile("Kiosk/example/services.yaml"))
        #expect(try Machine.read("/etc/rathaus-kiosk/codes.yaml") == repositoryFile("Kiosk/example/codes.yaml"))
        #expect(try Machine.read("/etc/rathaus-kiosk/central/services.yaml") == repositoryFile("Kiosk/example/services.yaml"))
        #expect(Machine.exists("/usr/share/rathaus-kiosk/example/terminal.yaml"))
        #expect(!Machine.exists("/etc/rathaus-kiosk/terminal.yaml"), "the terminal is configured by its administrator, not the package")
        for page in ["man8/kioskd.8.gz", "man1/kioskctl.1.gz", "man8/kiosk-central.8.gz"] {
            #expect(Machine.exists("/usr/share/man/\(page)"), "\(page)")
        }
        for package in packages {
            #expect(Machine.exists("/usr/share/doc/\(package)/copyright") && Machine.exists("/usr/share/doc/\(package)/changelog.gz"))
        }
        let conffiles = try Machine.run(["dpkg-query", "-W", "-f=${Conffiles}", "rathaus-kioskd"]).text
        #expect(conffiles.contains("/etc/rathaus-kiosk/services.yaml") && conffiles.contains("/etc/rathaus-kiosk/codes.yaml"), "\(conffiles)")
        // dpkg checks every file against md5sums.
        let verified = try Machine.run(["dpkg", "--verify"] + packages).text
        #expect(verified.isEmpty, "\(verified)")
    }

    /// The system users, their groups and the state folders they own.
    static func checkUsersAndFolders() throws {
        let kiosk = try #require(Machine.user("kiosk"), "no user kiosk")
        #expect(kiosk[5] == "/var/lib/rathaus-kiosk" && kiosk[6] == "/usr/sbin/nologin", "\(kiosk)")
        #expect((Int(kiosk[2]) ?? 1000) < 1000, "kiosk is a system user: \(kiosk)")
        #expect(Machine.hasGroup("kiosk") && Machine.hasGroup("kiosk-central"))
        #expect(Machine.user("kiosk-central") != nil)
        for (folder, user) in [
            ("/var/lib/rathaus-kiosk", "kiosk"), ("/var/log/rathaus-kiosk", "kiosk"), ("/var/lib/rathaus-kiosk-central", "kiosk-central"),
        ] {
            let owner = Machine.owner(folder)
            #expect(owner?.user == user && owner?.mode == 0o750, "\(folder): \(String(describing: owner))")
        }
    }

    /// The units: as in the repository, enabled, and valid for systemd.
    static func checkUnits() throws {
        for unit in ["kioskd.service", "kiosk-central.service"] {
            let installed = "/usr/lib/systemd/system/\(unit)"
            #expect(try Machine.read(installed) == repositoryFile("Kiosk/systemd/\(unit)"))
            #expect(Machine.exists("/etc/systemd/system/multi-user.target.wants/\(unit)"), "\(unit) is enabled")
            // Offline check of the unit (systemd need not run): directives, the binary, the user.
            let verified = try ChildProcess.run("systemd-analyze", ["verify", installed], timeout: .seconds(60))
            #expect(verified.termination.succeeded, "systemd-analyze verify \(unit): \(String(decoding: verified.error, as: UTF8.self))")
        }
    }

    /// The installed kioskd on a terminal (tmux) as the user kiosk with the example configuration in place: it reads
    /// the installed catalog, texts and devices, draws its first screen and creates its database in its state folder.
    static func runTheInstalledTerminal() throws {
        try FileManager.default.copyItem(atPath: "/usr/share/rathaus-kiosk/example/terminal.yaml", toPath: "/etc/rathaus-kiosk/terminal.yaml")
        let session = "kiosk-deb-\(UUID().uuidString.prefix(8))"
        try Machine.run([
            "tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30",
            "runuser -u kiosk -- /usr/bin/kioskd --demo-time 2026-11-23T09:00 --log /var/log/rathaus-kiosk/kioskd.log; sleep 30",
        ])
        defer { _ = try? Machine.run(["tmux", "kill-session", "-t", session]) }
        var screen = ""
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline, !screen.contains("Willkommen im Bürgerbüro") {
            Thread.sleep(forTimeInterval: 0.2)
            screen = (try? Machine.run(["tmux", "capture-pane", "-p", "-t", session]).text) ?? ""
        }
        #expect(screen.contains("Willkommen im Bürgerbüro"), "the installed kioskd shows its home screen:\n\(screen)")
        #expect(Machine.owner("/var/lib/rathaus-kiosk/kiosk.sqlite")?.user == "kiosk")
        _ = try? Machine.run(["tmux", "send-keys", "-t", session, "C-c"])
        let status = try Machine.run(["runuser", "-u", "kiosk", "--", "/usr/bin/kioskctl", "status", "--json", "--day", "2026-11-23"])
        #expect(status.text.contains("musterstadt-t1"), "kioskctl reads /etc/rathaus-kiosk/terminal.yaml by default: \(status.text)")
    }

    /// The installed kiosk-central as the user kiosk-central with the packaged catalog and the unit's database path.
    static func runTheInstalledCentral() throws {
        let port = LoopbackPort.free()
        let central = try ChildProcess(
            "runuser",
            [
                "-u", "kiosk-central", "--", "/usr/bin/kiosk-central", "serve", "--database", "/var/lib/rathaus-kiosk-central/central.sqlite",
                "--catalog", "/etc/rathaus-kiosk/central/services.yaml", "--port", String(port),
            ])
        defer { central.terminate(grace: .seconds(15)) }
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline, !LoopbackPort.accepts(port) { Thread.sleep(forTimeInterval: 0.2) }
        #expect(LoopbackPort.accepts(port), "the installed kiosk-central serves")
        #expect(Machine.owner("/var/lib/rathaus-kiosk-central/central.sqlite")?.user == "kiosk-central")
    }
}
