/// What the technician menu needs from the daemon beyond the session's own printer and event streams.
public struct TechnicianTools: Sendable {
    /// The diagnostic report, as `kioskctl diag` shows it (device states, USB, sync).
    public var report: @Sendable () async -> DiagnosticReport
    /// A test on a device the kiosk does not hold itself (the signature pad), run as `kioskctl diag --test` runs it.
    public var runDetached: @Sendable (DeviceTestRunner.Kind) async -> DeviceTestResult

    /// Creates the tools.
    public init(
        report: @escaping @Sendable () async -> DiagnosticReport,
        runDetached: @escaping @Sendable (DeviceTestRunner.Kind) async -> DeviceTestResult
    ) {
        self.report = report
        self.runDetached = runDetached
    }
}
