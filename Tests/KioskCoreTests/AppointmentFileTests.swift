import Foundation
import Testing
@testable import KioskCore

/// CSV and iCalendar appointment files read into import rows, row by row, with reasons for every refusal.
@Suite struct AppointmentFileTests {
    let berlin = SiteCalendar.berlin
    let day = BusinessDay(year: 2026, month: 11, day: 23)

    func at(_ hour: Int, _ minute: Int, on day: BusinessDay? = nil) -> Date {
        berlin.instant(of: TimeOfDay(hour: hour, minute: minute), on: day ?? self.day)
    }

    // MARK: CSV

    @Test func aCSVWithTheDefaultColumnsReadsEveryKindOfRow() throws {
        let csv = """
            id,service,date,time,duration,process,key,booking,name,status
            a-1,personalausweis,2026-11-23,09:30,20,123456,ab12,,Erika Mustermann,
            a-2,reisepass,2026-11-23,10:00:00,,,,BK-7Q2M9XK4,,
            a-3,,,,,,,,,cancelled
            """
        let file = try AppointmentCSVReader.read(Array(csv.utf8), calendar: berlin)
        #expect(file.rejected.isEmpty)
        #expect(file.entries.map(\.line) == [2, 3, 4])
        #expect(
            file.entries[0].row
                == AppointmentImportRow(
                    id: AppointmentID(rawValue: "a-1"), service: ServiceID(rawValue: "personalausweis"), start: at(9, 30), durationMinutes: 20,
                    processNumber: "123456", authKey: "ab12", name: "Erika Mustermann"))
        #expect(file.entries[1].row.start == at(10, 0))
        #expect(file.entries[1].row.durationMinutes == 15, "default duration")
        #expect(file.entries[1].row.bookingReference == "BK-7Q2M9XK4")
        #expect(file.entries[2].row == .cancel(AppointmentID(rawValue: "a-3")))
    }

    @Test func aGermanExportIsReadThroughItsMapping() throws {
        let mapping = try AppointmentCSVMapping.parse(yaml: """
            delimiter: ";"
            encoding: windows-1252
            dateFormat: DD.MM.YYYY
            columns: { id: Vorgang, service: Anliegen, start: Termin, duration: Dauer, process: Vorgangsnummer, key: Schlüssel, booking: null, name: Name, status: Status }
            cancelledValues: [storniert]
            services: { "Personalausweis beantragen": personalausweis }
            """)
        // Windows-1252 bytes: "Schlüssel" and "Müller" with 0xFC.
        var bytes = Array("Vorgang;Anliegen;Termin;Dauer;Vorgangsnummer;Schl".utf8) + [0xFC] + Array("ssel;Name;Status\r\n".utf8)
        bytes += Array("Z-9;Personalausweis beantragen;23.11.2026 14:10;30;4711;k-1;M".utf8) + [0xFC] + Array("ller;gebucht\r\n".utf8)
        bytes += Array("Z-10;Personalausweis beantragen;23.11.2026 14:40;30;4712;k-2;;STORNIERT\r\n".utf8)
        let file = try AppointmentCSVReader.read(bytes, mapping: mapping, calendar: berlin)
        #expect(file.rejected.isEmpty, "\(file.rejected)")
        #expect(file.entries.first?.row.service == ServiceID(rawValue: "personalausweis"))
        #expect(file.entries.first?.row.start == at(14, 10))
        #expect(file.entries.first?.row.name == "Müller")
        #expect(file.entries.last?.row.action == .cancel)
    }

    @Test func badRowsAreRejectedWithTheirLineAndTheOthersStillRead() throws {
        let csv = """
            id,service,date,time,duration,process,key,booking
            ok-1,one,2026-11-23,09:00,15,1,k,
            ,one,2026-11-23,09:00,15,1,k,
            bad date,one,2026-11-23,09:00,15,1,k,
            d-1,one,2026-13-01,09:00,15,1,k,
            t-1,one,2026-11-23,25:00,15,1,k,
            n-1,one,2026-11-23,09:00,viele,1,k,
            p-1,one,2026-11-23,09:00,15,4711,,
            c-1,one,2026-11-23,09:00,15,,,
            ok-1,one,2026-11-23,10:00,15,1,k,
            s-1,,2026-11-23,09:00,15,1,k,
            """
        let file = try AppointmentCSVReader.read(Array(csv.utf8), calendar: berlin)
        #expect(file.entries.map(\.row.id.rawValue) == ["ok-1"])
        let codes = Dictionary(uniqueKeysWithValues: file.rejected.map { ($0.row, $0.code) })
        #expect(codes[3] == "invalid-id")
        #expect(codes[4] == "invalid-id", "a space in an id")
        #expect(codes[5] == "invalid-field")
        #expect(codes[6] == "invalid-field")
        #expect(codes[7] == "invalid-field")
        #expect(codes[8] == "process-without-key")
        #expect(codes[9] == "no-check-in-code")
        #expect(codes[10] == "duplicate-id")
        #expect(codes[11] == "missing-field")
        #expect(file.rejected.first { $0.row == 5 }?.de.contains("'date'") == true)
        #expect(file.rejected.allSatisfy { !$0.de.isEmpty && !$0.en.isEmpty })
        #expect(file.rejected.map(\.row) == file.rejected.map(\.row).sorted())
    }

    @Test func aFileWithoutTheRequiredColumnsOrAnOpenQuoteIsRefusedAsAWhole() throws {
        #expect(throws: AppointmentFileError.self) {
            try AppointmentCSVReader.read(Array("id,service,date\nx,one,2026-11-23\n".utf8), calendar: berlin)
        }
        do {
            _ = try AppointmentCSVReader.read(Array("Vorgang;Anliegen\n".utf8), calendar: berlin)
            Issue.record("read without an id column")
        } catch {
            #expect(error.problem[.german].contains("'id'"))
        }
        #expect(throws: AppointmentFileError.self) {
            try AppointmentCSVReader.read(Array("id,service,date,time,booking\n\"q-1,one,2026-11-23,09:00,B\n".utf8), calendar: berlin)
        }
        #expect(throws: AppointmentFileError.self) { try AppointmentCSVMapping.parse(yaml: "delimiter: ';;'") }
        #expect(throws: AppointmentFileError.self) { try AppointmentCSVMapping.parse(yaml: "dateFormat: MM/DD/YYYY") }
        #expect(throws: AppointmentFileError.self) { try AppointmentCSVMapping.parse(yaml: "columns: [1, 2]") }
    }

    // MARK: iCalendar

    static let calendarFile = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//Stadt Beispiel//Termine//DE\r
        BEGIN:VTIMEZONE\r
        TZID:Europe/Berlin\r
        END:VTIMEZONE\r
        BEGIN:VEVENT\r
        UID:ics-1@termine.example.de\r
        DTSTAMP:20261101T120000Z\r
        DTSTART;TZID=Europe/Berlin:20261123T093000\r
        DTEND;TZID=Europe/Berlin:20261123T095000\r
        SUMMARY:Personalausweis\r
        CATEGORIES:Personalausweis beantragen,Meldewesen\r
        X-KIOSK-PROCESS:777001\r
        X-KIOSK-AUTHKEY:ab\r
         cd\r
        ATTENDEE;CN="Mustermann, Erika";ROLE=REQ-PARTICIPANT:mailto:e@example.de\r
        BEGIN:VALARM\r
        ACTION:DISPLAY\r
        DESCRIPTION:Erinnerung\r
        TRIGGER:-PT30M\r
        END:VALARM\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:ics-2\r
        DTSTART:20260714T080000Z\r
        DURATION:PT1H5M\r
        X-KIOSK-SERVICE:reisepass\r
        X-KIOSK-BOOKING:BK-AAAA\r
         BBBB\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:ics-3\r
        DTSTART:20261123T110000\r
        X-KIOSK-SERVICE:reisepass\r
        X-KIOSK-BOOKING:BK-CCCCDDDD\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:ics-4\r
        STATUS:CANCELLED\r
        DTSTART:20261123T110000\r
        END:VEVENT\r
        END:VCALENDAR\r

        """

    @Test func anICSFileReadsFoldedLinesTimeZonesDurationsAndCancellations() throws {
        let file = try ICalendarReader.read(
            Self.calendarFile, calendar: berlin, services: ["Personalausweis beantragen": "personalausweis"])
        #expect(file.rejected.isEmpty, "\(file.rejected)")
        #expect(file.entries.map(\.row.id.rawValue) == ["ics-1@termine.example.de", "ics-2", "ics-3", "ics-4"])
        let first = file.entries[0].row
        #expect(first.start == at(9, 30))
        #expect(first.durationMinutes == 20)
        #expect(first.service == ServiceID(rawValue: "personalausweis"))
        #expect(first.authKey == "abcd", "folded line joined without its leading space")
        #expect(first.processNumber == "777001")
        #expect(first.name == "Mustermann, Erika")
        #expect(file.entries[0].line == 7)
        // 08:00 UTC in July is 10:00 in Berlin (summer time).
        #expect(file.entries[1].row.start == at(10, 0, on: BusinessDay(year: 2026, month: 7, day: 14)))
        #expect(file.entries[1].row.durationMinutes == 65)
        #expect(file.entries[1].row.bookingReference == "BK-AAAABBBB")
        #expect(file.entries[2].row.start == at(11, 0), "floating time is site time")
        #expect(file.entries[2].row.durationMinutes == 15)
        #expect(file.entries[3].row.action == .cancel)
    }

    @Test func brokenEventsAreRejectedOneByOne() throws {
        let text = """
            BEGIN:VCALENDAR
            BEGIN:VEVENT
            DTSTART:20261123T090000
            X-KIOSK-SERVICE:one
            X-KIOSK-BOOKING:B1
            END:VEVENT
            BEGIN:VEVENT
            UID:all-day
            DTSTART;VALUE=DATE:20261123
            X-KIOSK-SERVICE:one
            X-KIOSK-BOOKING:B2
            END:VEVENT
            BEGIN:VEVENT
            UID:both
            DTSTART:20261123T090000
            DTEND:20261123T091500
            DURATION:PT15M
            X-KIOSK-SERVICE:one
            X-KIOSK-BOOKING:B3
            END:VEVENT
            BEGIN:VEVENT
            UID:bad-zone
            DTSTART;TZID=Mars/Olympus:20261123T090000
            X-KIOSK-SERVICE:one
            X-KIOSK-BOOKING:B4
            END:VEVENT
            BEGIN:VEVENT
            UID:weeks
            DTSTART:20261123T090000
            DURATION:P1W
            X-KIOSK-SERVICE:one
            X-KIOSK-BOOKING:B5
            END:VEVENT
            BEGIN:VEVENT
            UID:no-service
            DTSTART:20261131T090000
            X-KIOSK-BOOKING:B6
            END:VEVENT
            BEGIN:VEVENT
            UID:fine
            DTSTART:20261123T090000
            X-KIOSK-SERVICE:one
            X-KIOSK-BOOKING:B7
            END:VEVENT
            BEGIN:VEVENT
            UID:open
            DTSTART:20261123T090000
            END:VCALENDAR
            """
        let file = try ICalendarReader.read(text, calendar: berlin)
        #expect(file.entries.map(\.row.id.rawValue) == ["fine"])
        #expect(file.rejected.map(\.code) == [
            "invalid-id", "invalid-field", "end-and-duration", "invalid-field", "invalid-field", "invalid-field", "unterminated-event",
        ])
        #expect(file.rejected.map(\.row) == [2, 7, 13, 21, 27, 34, 45])
        #expect(file.rejected[5].id == "no-service", "31 November is not a day")
    }

    @Test func aFileThatIsNotACalendarOrIsCutOffIsRefusedAsAWhole() {
        #expect(throws: AppointmentFileError.self) { try ICalendarReader.read("id,service\n", calendar: berlin) }
        #expect(throws: AppointmentFileError.self) { try ICalendarReader.read("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\n", calendar: berlin) }
        #expect(throws: AppointmentFileError.self) { try ICalendarReader.read(" BEGIN:VCALENDAR\nEND:VCALENDAR\n", calendar: berlin) }
        #expect(throws: AppointmentFileError.self) { try ICalendarReader.read("BEGIN:VCALENDAR\nno colon here\nEND:VCALENDAR\n", calendar: berlin) }
    }

    @Test func durationsFollowRFC5545() {
        #expect(ICalendarReader.duration("PT15M") == 15)
        #expect(ICalendarReader.duration("PT1H30M") == 90)
        #expect(ICalendarReader.duration("P0DT0H20M0S") == 20)
        #expect(ICalendarReader.duration("PT900S") == 15)
        #expect(ICalendarReader.duration("PT90S") == nil)
        #expect(ICalendarReader.duration("-PT15M") == nil)
        #expect(ICalendarReader.duration("P") == nil)
        #expect(ICalendarReader.duration("PT15") == nil)
    }

    // MARK: Import rows and signed codes

    @Test func importRowsAreCheckedFieldByFieldAndTheirDescriptionHidesSecrets() {
        let services: Set<ServiceID> = [ServiceID(rawValue: "one")]
        var row = AppointmentImportRow(
            id: AppointmentID(rawValue: "r-1"), service: ServiceID(rawValue: "one"), start: at(9, 0), durationMinutes: 15,
            processNumber: "4711", authKey: "secret-key", name: "Erika Mustermann")
        #expect(row.problem(services: services) == nil)
        #expect(!row.description.contains("secret") && !row.description.contains("Erika") && !row.description.contains("4711"))
        row.service = ServiceID(rawValue: "two")
        #expect(row.problem(services: services) == .unknownService)
        row.service = ServiceID(rawValue: "one")
        row.durationMinutes = 0
        #expect(row.problem(services: services) == .invalidDuration)
        row.durationMinutes = 15
        row.authKey = "key with spaces"
        #expect(row.problem(services: services)?.code == "invalid-field")
        row.authKey = "k"
        row.name = "Tab\there"
        #expect(row.problem(services: services) == .invalidField("name"))
        #expect(AppointmentImportRow.cancel(AppointmentID(rawValue: "x")).problem(services: []) == nil)
        #expect(AppointmentImportRow.cancel(AppointmentID(rawValue: String(repeating: "x", count: 65))).problem(services: []) == .invalidID)
    }

    @Test func aSignedCodeIsWrittenCompactlyAndReadBackOnlyWhenWellFormed() throws {
        let code = SignedCheckInCode(site: "rathaus-mitte", appointment: AppointmentID(rawValue: "2026-000123"), day: day, signature: Array(0..<64))
        let text = code.text
        #expect(text.hasPrefix("KC1."))
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII && !"+/= ".unicodeScalars.contains($0) })
        #expect(text.count < 140)
        #expect(SignedCheckInCode(text: text) == code)
        #expect(String(decoding: code.signedBytes, as: UTF8.self) == "KC1.rathaus-mitte\n2026-000123\n2026-11-23")
        #expect(!code.description.contains(SignedCheckInCode.base64url(code.signature)))
        #expect(SignedCheckInCode(text: String(text.dropLast(4))) == nil, "signature cut short")
        #expect(SignedCheckInCode(text: text.replacingOccurrences(of: "KC1.", with: "KC2.")) == nil)
        #expect(SignedCheckInCode(text: "KC1.***.***") == nil)
        let rules = PayloadRules(rules: [])
        #expect(rules.classify(ScannedCode(symbology: .qrCode, data: Array(text.utf8))) == .success(.appointment(.signed(code))))
        guard case .failure(let rejection) = rules.classify(ScannedCode(symbology: .qrCode, data: Array("KC1.broken".utf8))) else {
            Issue.record("a broken signed code was accepted")
            return
        }
        #expect(rejection.looksLike == .appointment)
    }

    @Test func theImportSummaryNamesFileLinesForCentralsRejectionsAndNoSecrets() throws {
        let csv = """
            id,service,date,time,process,key,name
            a,one,2026-11-23,09:00,1,k1,Erika Mustermann
            ,one,2026-11-23,09:00,1,k1,
            b,nope,2026-11-23,09:30,2,k2,
            """
        let file = try AppointmentCSVReader.read(Array(csv.utf8), calendar: berlin)
        // Central refused the second row sent (file line 4).
        let report = AppointmentImportReport(
            applied: false, created: [AppointmentID(rawValue: "a")],
            rejected: [AppointmentImportRejection(row: 1, id: "b", problem: .unknownService)])
        let lines = AppointmentImportSummary.lines(file: file, report: report, dryRun: true)
        #expect(lines.first == "würde neu / would create (1): a")
        #expect(lines.contains { $0.hasPrefix("Zeile/line 3:") && $0.contains("invalid") })
        #expect(lines.contains { $0.hasPrefix("Zeile/line 4 (b):") && $0.contains("catalog") })
        #expect(lines.last?.contains("2 row(s) rejected, nothing imported") == true)
        #expect(!lines.joined().contains("Erika") && !lines.joined().contains("k1"))
        let clean = AppointmentImportSummary.lines(
            file: AppointmentFile(entries: [file.entries[0]]), report: AppointmentImportReport(applied: true, created: [AppointmentID(rawValue: "a")]),
            dryRun: false)
        #expect(clean == ["neu / create (1): a"])
    }
}
