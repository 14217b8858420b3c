import Testing

/// The lintian output parser the package test fails or warns by.
@Suite struct LintianReportTests {
    @Test func errorsAndWarningsAreToldApartAndNotesSkipped() {
        let report = LintianReport(
            output: """
                E: rathaus-kioskd: unstripped-binary-or-object [usr/bin/kioskd]
                W: rathaus-kioskd: no-manual-page [usr/bin/kioskctl]
                I: rathaus-kiosk-central: spelling-error-in-binary Yams [usr/bin/kiosk-central]
                N:
                N:   Explanation: lines like this one are not findings
                W: rathaus-kiosk-central: hardening-no-fortify-functions [usr/bin/kiosk-central]

                """)
        #expect(report.errors.map(\.description) == ["E: rathaus-kioskd: unstripped-binary-or-object [usr/bin/kioskd]"])
        #expect(report.warnings.count == 2)
        #expect(report.findings.count == 4)
    }
}
