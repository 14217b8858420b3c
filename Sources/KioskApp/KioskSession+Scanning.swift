public import KioskCore
public import KioskUI
import Logging

extension KioskSession {
    /// Handles what the scanner reports and returns the screen to show.
    ///
    /// A code that cannot be read is a retry, not a fault: the current screen stays and says to scan again.
    public func handle(scanner event: ScannerEvent) async -> Screen {
        switch event {
        case .scanned(let code):
            lastActivity = now()
            scanNotice = nil
            await scanned(code)
        case .unreadable(let device, let problem):
            logger.info("Scan unreadable", metadata: ["kiosk.device": "\(device)"])
            scanNotice = Notice(kind: .warning, text: text("scan.unreadable") + " " + problem[language])
        case .attached(let device):
            logger.info("Scanner ready", metadata: ["kiosk.device": "\(device)"])
        case .detached(let device):
            logger.warning("Scanner gone", metadata: ["kiosk.device": "\(device)"])
        }
        return screen()
    }
}

extension KioskSession {
    /// Routes a scanned code to the flow its payload belongs to.
    func scanned(_ code: ScannedCode) async {
        logger.info("Code scanned", metadata: ["kiosk.scan.symbology": "\(code.symbology.rawValue)", "kiosk.scan.bytes": "\(code.data.count)"])
        scanNotice = Notice(kind: .warning, text: text("scan.unknown"))
    }
}
