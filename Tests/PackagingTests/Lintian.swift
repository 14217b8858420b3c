/// lintian's findings on a package, sorted by how bad they are.
struct LintianReport {
    /// One finding line, e.g. `E: rathaus-kioskd: unstripped-binary-or-object [usr/bin/kioskd]`.
    struct Finding: Equatable, CustomStringConvertible {
        /// E, W, I, P, X, C or N, as lintian prints it.
        let severity: Character
        /// The rest of the line: package, tag and context.
        let text: String

        var description: String { "\(severity): \(text)" }
    }

    let findings: [Finding]

    /// Parses lintian's standard output; lines that are not findings (N: notes' bodies, blank lines) are skipped.
    init(output: String) {
        findings = output.split(separator: "\n").compactMap { line in
            guard line.count > 3, let severity = line.first, "EWIPXC".contains(severity), line.dropFirst().hasPrefix(": ")
            else { return nil }
            return Finding(severity: severity, text: String(line.dropFirst(3)))
        }
    }

    /// Errors: a package that has one is not fit to install.
    var errors: [Finding] { findings.filter { $0.severity == "E" } }
    /// Warnings: listed in the test output, not failed on.
    var warnings: [Finding] { findings.filter { $0.severity == "W" } }
}
