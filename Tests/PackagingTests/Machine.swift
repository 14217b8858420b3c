import ChildProcess
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// This machine as the package test changes it: commands, apt and dpkg, users and files.
enum Machine {
    /// A command that failed, with what it printed.
    struct CommandFailed: Error, CustomStringConvertible {
        let command: [String]
        let result: ChildProcess.Result

        var description: String {
            "\(command.joined(separator: " ")): \(result.termination)\n\(result.text)\n\(String(decoding: result.error, as: UTF8.self))"
        }
    }

    /// apt and dpkg without questions, waiting for another apt on the machine rather than failing.
    static let aptEnvironment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        environment["DEBIAN_FRONTEND"] = "noninteractive"
        return environment
    }()
    static let aptOptions = ["-y", "-q", "-o", "DPkg::Lock::Timeout=600", "--no-install-recommends"]

    /// Runs a command to its end; throws with its output unless it exits 0.
    @discardableResult
    static func run(
        _ command: [String], environment: [String: String]? = nil, timeout: Duration = .seconds(300)
    ) throws -> ChildProcess.Result {
        let result = try ChildProcess.run(command[0], Array(command.dropFirst()), environment: environment, timeout: timeout)
        guard result.termination.succeeded else { throw CommandFailed(command: command, result: result) }
        return result
    }

    /// `apt-get install` of .deb files by path, as an administrator installs them.
    static func aptInstall(_ files: [URL]) throws {
        try run(["apt-get", "install"] + aptOptions + files.map(\.path), environment: aptEnvironment, timeout: .seconds(900))
    }

    /// The package's version when dpkg has it installed, else nil.
    static func installedVersion(_ package: String) -> String? {
        guard let result = try? run(["dpkg-query", "-W", "-f=${db:Status-Status} ${Version}", package]) else { return nil }
        let fields = result.text.split(separator: " ")
        guard fields.count == 2, fields[0] == "installed" else { return nil }
        return String(fields[1])
    }

    /// dpkg's status word of the package: "installed", "config-files", "not-installed".
    static func status(_ package: String) -> String {
        (try? run(["dpkg-query", "-W", "-f=${db:Status-Status}", package]))?.text ?? "not-installed"
    }

    /// Purges the packages whatever state they are in; for clean-up paths, never throws.
    static func purgeQuietly(_ packages: [String]) {
        _ = try? run(["apt-get", "purge"] + aptOptions + packages, environment: aptEnvironment)
        let left = packages.filter { status($0) != "not-installed" }
        if !left.isEmpty { _ = try? run(["dpkg", "--purge", "--force-all"] + left, environment: aptEnvironment) }
    }

    /// The passwd entry's fields (name, password, uid, gid, gecos, home, shell), nil without such a user.
    static func user(_ name: String) -> [String]? {
        guard let line = try? run(["getent", "passwd", name]).text else { return nil }
        return line.trimmingCharacters(in: .newlines).split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    }

    /// Whether the group exists.
    static func hasGroup(_ name: String) -> Bool { (try? run(["getent", "group", name])) != nil }

    /// Owner name and permission bits of a file or folder.
    static func owner(_ path: String) -> (user: String, mode: Int)? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let user = attributes[.ownerAccountName] as? String, let mode = attributes[.posixPermissions] as? Int
        else { return nil }
        return (user, mode)
    }

    /// True when something (file, folder, link, even a dangling one) is at the path.
    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// The file's text, or nil.
    static func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }
}
