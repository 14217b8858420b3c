import Foundation
import KioskCore
import Testing

/// The signature result: raster, SVG and the JSON container, all from the same strokes.
@Suite struct SignatureTests {
    static let layout = SignaturePadLayout(
        tabletMaxX: 9600, tabletMaxY: 6000, maxPressure: 1023, resolution: 2540, screenWidth: 320, screenHeight: 200)

    /// An L: down the left, then along the bottom; and a dot.
    static let signature = CapturedSignature(
        strokes: [
            [PenSample(x: 1000, y: 1000, pressure: 500, time: 0), PenSample(x: 1000, y: 3000, pressure: 500, time: 50),
             PenSample(x: 5000, y: 3000, pressure: 1023, time: 120)],
            [PenSample(x: 5000, y: 1000, pressure: 100, time: 300)],
        ],
        layout: layout, device: "wacom-stu-430", droppedReports: 2)

    @Test func theRasterDrawsTheStrokesScaledIntoTheImage() {
        let raster = SignatureRaster(Self.signature, width: 200, height: 100)
        #expect(raster.inkCount > 100)
        // Bounds 1000...5000 × 1000...3000 scale by 92/2000 vertically (the tighter axis) and are centred.
        // Left column of the L: x ≈ 4 + (192 - 184) / 2 = 8, from y 4 to 96.
        #expect(raster[x: 8, y: 50])
        #expect(raster[x: 100, y: 96], "the bottom of the L")
        #expect(!raster[x: 100, y: 50], "inside the L stays white")
        #expect(raster[x: 192, y: 4], "the dot at the top right")
        #expect(!raster[x: 1, y: 1])
    }

    @Test func anEmptySignatureRastersWhite() {
        let empty = CapturedSignature(strokes: [], layout: Self.layout, device: "x")
        #expect(SignatureRaster(empty, width: 10, height: 10).inkCount == 0)
    }

    @Test func svgHasOnePathAStrokeInTabletUnits() {
        let svg = SignatureSVG.render(Self.signature)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 9601 6001\""))
        #expect(svg.contains("d=\"M1000 1000 L1000 3000 L5000 3000\""))
        #expect(svg.contains("d=\"M5000 1000 L5000 1000\""), "a dot is drawn as a zero-length segment")
        #expect(svg.components(separatedBy: "<path").count == 3)
    }

    @Test func theContainerRoundTripsAndHasTheDocumentedShape() throws {
        let data = SignatureContainer.encode(Self.signature)
        #expect(try SignatureContainer.decode(data) == Self.signature)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("{\"device\":\"wacom-stu-430\",\"droppedReports\":2,\"format\":\"rathauskiosk.signature/1\""))
        #expect(text.contains("\"strokes\":[[[1000,1000,500,0],[1000,3000,500,50],[5000,3000,1023,120]],[[5000,1000,100,300]]]"))
        #expect(text.contains("\"tablet\":{\"maxPressure\":1023,\"maxX\":9600,\"maxY\":6000,\"resolution\":2540}"))
    }

    @Test func aBrokenContainerIsRefusedWithoutEchoingIt() {
        let broken = Data("{\"format\":\"rathauskiosk.signature/1\",\"strokes\":[[[1,2,3]]]}".utf8)
        #expect(throws: SignatureContainer.DecodeError.self) { try SignatureContainer.decode(broken) }
        let wrongSample = Data(
            """
            {"device":"d","droppedReports":0,"format":"rathauskiosk.signature/1","screen":{"height":1,"width":1},\
            "strokes":[[[1,2,3]]],"tablet":{"maxPressure":1,"maxX":1,"maxY":1,"resolution":1}}
            """.utf8)
        do {
            _ = try SignatureContainer.decode(wrongSample)
            Issue.record("a sample of three numbers must be refused")
        } catch {
            #expect(!error.description.contains("[1,2,3]"))
        }
    }

    @Test func theDescriptionSaysOnlyTheSize() {
        #expect("\(Self.signature)" == "CapturedSignature(2 strokes, 4 samples)")
    }

    @Test func buttonsSitInTheBottomRowAndDoNotOverlapTheSigningArea() {
        let layout = Self.layout
        #expect(layout.confirmArea.contains(x: 266, y: 179))
        #expect(layout.cancelArea.contains(x: 66, y: 179))
        #expect(!layout.confirmArea.contains(x: 66, y: 179))
        #expect(layout.signingArea.y + layout.signingArea.height <= layout.confirmArea.y)
        #expect(layout.screenPoint(x: 9600, y: 6000) == (319, 199))
    }
}
