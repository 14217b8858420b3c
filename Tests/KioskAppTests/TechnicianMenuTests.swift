import Foundation
import KioskCore
import KioskStore
import KioskUI
import Logging
import Testing
@testable import KioskApp
@testable import Printing

/// The technician menu driven with keys: F9, the PIN, the device tests on the session's own devices, the exit.
@Suite struct TechnicianMenuTests {
    let directory: URL
    let clock = TestClock(SiteCalendar.berlin.instant(of: TimeOfDay(hour: 9, minute: 0), on: BusinessDay(year: 2026, month: 11, day: 23)))
    let loaded: SiteLoader.Loaded
    let printer: EmulatedTicketPrinter
    let store: KioskStore
    let session: KioskSession
    let detached = DetachedTests()

    /// Records which detached tests the menu asked for.
    final class DetachedTests: @unchecked Sendable {
        // @unchecked: the lock covers `asked`.
        let lock = NSLock()
        var asked: [DeviceTestRunner.Kind] = []
    }

    static let pin = "246813"
    /// Hashed once: bcrypt takes a moment, and every test needs the same hash.
    static let pinHash = TechnicianPIN.hash(pin)

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-technician-\(UUID().uuidString)")
        var loaded = try ExampleSite.standalone(in: directory)
        loaded.settings.configuration.technicianPINHash = Self.pinHash
        self.loaded = loaded
        store = try KioskStore(path: loaded.databaseURL.path, terminal: loaded.settings.configuration.terminal, logger: Logger(label: "test"))
        printer = EmulatedTicketPrinter(output: loaded.printerOutputURL, profile: loaded.printerProfile)
        let clock = self.clock
        let detached = self.detached
        let tools = TechnicianTools(
            report: { [loaded] in await Diagnostics.collect(loaded: loaded, logger: Logger(label: "test"), now: clock.now) },
            runDetached: { kind in
                detached.lock.withLock { detached.asked.append(kind) }
                return DeviceTestResult(kind: "signature", passed: false, Message(de: "Kein Pad.", en: "No pad."))
            })
        session = KioskSession(
            settings: loaded.settings, store: store, printer: printer, logger: Logger(label: "test"), now: { clock.now },
            technicianTools: tools)
    }

    func type(_ digits: String) async -> Screen {
        var screen = await session.screen()
        for digit in digits { screen = await session.handle(.digit(Int(String(digit))!)) }
        return screen
    }

    func openMenu() async -> Screen {
        _ = await session.handle(.technician)
        _ = await type(Self.pin)
        return await session.handle(.confirm)
    }

    @Test func theHiddenKeyAsksForThePINWhichIsShownMasked() async {
        let screen = await session.handle(.technician)
        #expect(screen.id == "technician.pin")
        #expect(screen.title == "Technikermenü")
        let typed = await type("1234")
        #expect(typed.entry?.text == "••••")
        #expect(!typed.body.joined().contains("1234"))
        #expect(TerminalKiosk.input(for: .function(9)) == .technician)
        // Home does not advertise the key.
        let home = await session.handle(.back)
        #expect(home.id == "home")
        #expect(!home.footer.contains { $0.key == "F9" })
    }

    @Test func aWrongPINIsRefusedAndFiveLockTheMenuEvenForTheRightOne() async {
        _ = await session.handle(.technician)
        _ = await type("111111")
        let wrong = await session.handle(.confirm)
        #expect(wrong.id == "technician.pin")
        #expect(wrong.notice?.text.contains("Falsche PIN. Noch 4 Versuche.") == true)
        #expect(wrong.entry?.text == "", "the digits are gone after a try")
        for _ in 0..<4 {
            _ = await type("111111")
            _ = await session.handle(.confirm)
        }
        _ = await type(Self.pin)
        let locked = await session.handle(.confirm)
        #expect(locked.id == "technician.pin", "locked: the right PIN does not open it either")
        #expect(locked.notice?.text.contains("5 Minuten") == true)
        clock.now = clock.now.addingTimeInterval(TechnicianPIN.lockSeconds + 1)
        _ = await type(Self.pin)
        #expect(await session.handle(.confirm).id == "technician.menu")
    }

    @Test func theMenuShowsDevicesAndSyncAndRunsThePrinterTestOnTheKiosksPrinter() async throws {
        let menu = await openMenu()
        #expect(menu.id == "technician.menu")
        #expect(menu.options.map(\.key) == ["1", "2", "3", "4", "R", "X"])
        #expect(menu.body.contains { $0.hasPrefix("printer: in Ordnung") })
        #expect(menu.body.contains { $0.hasPrefix("scanner: ") })
        #expect(menu.body.contains { $0.hasPrefix("card-reader: nicht vorhanden") })
        #expect(menu.body.contains { $0.hasPrefix("Synchronisation: 0 Ereignisse ausstehend") })

        let printed = await session.handle(.digit(1))
        #expect(printed.notice?.kind == .info)
        #expect(printed.notice?.text.hasPrefix("Testseite gedruckt") == true)
        let bytes = try Data(contentsOf: loaded.printerOutputURL)
        #expect(bytes.starts(with: [0x1B, 0x40]), "the test page went to the printer as ESC/POS")

        printer.simulate(.paperEnd)
        let failed = await session.handle(.digit(1))
        #expect(failed.notice?.kind == .error)
        #expect(failed.body.contains { $0.contains("Test printer: ✗") })
    }

    @Test func theScannerTestTakesTheNextScanWithoutShowingItOrStartingACheckIn() async throws {
        _ = await openMenu()
        let waiting = await session.handle(.digit(2))
        #expect(waiting.notice?.text == "Bitte jetzt einen Code scannen (Esc bricht ab).")
        let scanned = await session.handle(scanner: .scanned(ScannedCode(symbology: .qrCode, data: Array("T:123456:ab12".utf8))))
        #expect(scanned.id == "technician.menu")
        #expect(scanned.notice?.text.contains("13 Bytes") == true)
        #expect(!scanned.notice!.text.contains("123456") && !scanned.body.joined().contains("123456"))
        #expect(try store.allOutboxEntries().isEmpty, "the test scan checked nobody in")
        // Without a waiting test, a scan in the menu is not a check-in either.
        _ = await session.handle(scanner: .scanned(ScannedCode(symbology: .qrCode, data: Array("T:123456:ab12".utf8))))
        #expect(try store.allOutboxEntries().isEmpty)
    }

    @Test func theCardTestNamesTheCardKindAndTheSignatureTestRunsDetached() async {
        _ = await openMenu()
        _ = await session.handle(.digit(4))
        // The emulated German ID card's ATR (as in the card reader tests).
        let atr: [UInt8] = [0x3B, 0x8A, 0x80, 0x01, 0x80, 0x31, 0xF8, 0x73, 0xF7, 0x41, 0xE0, 0x82, 0x90, 0x00, 0x75]
        let card = await session.handle(card: .cardInserted(reader: "Virtual PCD 00 00", atr: atr))
        #expect(card.notice?.text.hasPrefix("Karte erkannt an Virtual PCD 00 00") == true)
        let signature = await session.handle(.digit(3))
        #expect(detached.lock.withLock { detached.asked } == [.signature])
        #expect(signature.notice?.text == "Kein Pad.")
    }

    @Test func exitAndTheIdleTimeoutLeaveTheMenu() async {
        _ = await openMenu()
        #expect(await session.handle(.character("x")).id == "home")
        _ = await openMenu()
        clock.now = clock.now.addingTimeInterval(Double(loaded.settings.configuration.idleTimeoutSeconds) + 1)
        #expect(await session.tick()?.id == "home")
        // Leaving forgets the PIN: F9 asks again.
        #expect(await session.handle(.technician).id == "technician.pin")
    }

    @Test func withoutAPINHashTheMenuStaysShut() async {
        var settings = loaded.settings
        settings.configuration.technicianPINHash = nil
        let plain = KioskSession(settings: settings, store: store, printer: printer, logger: Logger(label: "test"))
        let screen = await plain.handle(.technician)
        #expect(screen.notice?.text.contains("kioskctl technician-pin") == true)
        for digit in [1, 2, 3, 4, 5, 6] { _ = await plain.handle(.digit(digit)) }
        #expect(await plain.handle(.confirm).id == "technician.pin")
    }
}
