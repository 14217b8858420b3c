import Printing
import PrintingTesting
import Testing

@Suite struct EncodingProblemTests {
    let encoder = ESCPOSEncoder(profile: .epsonTMT20)

    @Test func cleanDocumentsHaveNoProblems() {
        let document: PrintDocument = [
            .text("Jürgen Weiß – 12,00 €"), .ticketNumber("A 017"), .qrCode("x"), .barcode("400638133393", .ean13),
            .barcode("A{1}", .code128), .image(MonochromeBitmap(rows: [[true]])), .rule, .feed(lines: 1),
            .cut(partial: true),
        ]
        #expect(encoder.problems(in: document).isEmpty)
    }

    @Test func reportsWithoutRepeatingTheText() {
        let document: PrintDocument = [
            .text("Name: 王小明"),
            .qrCode(String(repeating: "z", count: 2332)),
            .qrCode(""),
            .barcode("4006381333932", .ean13),
            .barcode("Grüße", .code128),
            .image(MonochromeBitmap(width: 700, height: 1) { _, _ in true }),
        ]
        let problems = encoder.problems(in: document)
        #expect(
            problems == [
                EncodingProblem(elementIndex: 0, kind: .unrepresentableCharacters(count: 3)),
                EncodingProblem(elementIndex: 1, kind: .qrPayloadTooLong(byteCount: 2332)),
                EncodingProblem(elementIndex: 2, kind: .qrPayloadEmpty),
                EncodingProblem(elementIndex: 3, kind: .invalidBarcodeData(.ean13)),
                EncodingProblem(elementIndex: 4, kind: .invalidBarcodeData(.code128)),
                EncodingProblem(elementIndex: 5, kind: .imageCropped(width: 700, printedWidth: 576)),
            ]
        )
        #expect(problems.allSatisfy { !$0.description.contains("Name") && !$0.description.contains("Grüße") })
        #expect(problems[1].description == "element 1: QR payload of 2332 bytes exceeds 2331, left out")
    }

    @Test func largestQRCodeStillPrints() {
        let bytes = encoder.encode([.qrCode(String(repeating: "z", count: 2331))])
        #expect(bytes.count > 2331)
    }

    @Test func leftOutElementsProduceNoBytes() {
        let document: PrintDocument = [.qrCode(""), .barcode("12345", .ean13), .barcode("", .code128)]
        #expect(encoder.encode(document) == header(.pc858))
    }

    @Test func ean13CheckDigitValidation() {
        #expect(encoder.problems(in: [.barcode("4006381333931", .ean13)]).isEmpty)
        #expect(encoder.problems(in: [.barcode("5901234123457", .ean13)]).isEmpty)
        #expect(!encoder.problems(in: [.barcode("5901234123458", .ean13)]).isEmpty)
        #expect(!encoder.problems(in: [.barcode("59012341234", .ean13)]).isEmpty)
        #expect(!encoder.problems(in: [.barcode("59012341234a", .ean13)]).isEmpty)
        #expect(!encoder.problems(in: [.barcode("５９０１２３４１２３４５", .ean13)]).isEmpty)
    }

    @Test func builderSupportsConditionsAndLoops() {
        let withAppointment = true
        let services = ["Personalausweis", "Meldebescheinigung"]
        let document = PrintDocument {
            PrintElement.text("Bürgerbüro", .heading)
            if withAppointment {
                PrintElement.text("Termin 10:30")
            } else {
                PrintElement.text("Ohne Termin")
            }
            for service in services {
                PrintElement.text(service)
            }
            [PrintElement.rule, .cut(partial: false)]
        }
        #expect(document.elements.count == 6)
        #expect(document.containsCut)
        var appended = PrintDocument()
        appended.append(.rule)
        #expect(appended == [.rule])
        #expect(!appended.containsCut)
    }
}
