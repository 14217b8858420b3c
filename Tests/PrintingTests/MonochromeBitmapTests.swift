import Printing
import PrintingTesting
import Testing

@Suite struct MonochromeBitmapTests {
    @Test func packsMostSignificantBitFirst() {
        let bitmap = MonochromeBitmap(rows: [[true, false, true, false, false, false, false, true, true]])
        #expect(bitmap.width == 9)
        #expect(bitmap.bytesPerRow == 2)
        #expect(bitmap.packedRows == [0b1010_0001, 0b1000_0000])
        #expect(bitmap[x: 0, y: 0] && !bitmap[x: 1, y: 0] && bitmap[x: 8, y: 0])
        #expect(!bitmap[x: 9, y: 0] && !bitmap[x: -1, y: 0] && !bitmap[x: 0, y: 1])
    }

    @Test func raggedRowsArePaddedWithWhite() {
        let bitmap = MonochromeBitmap(rows: [[true], [true, true, true]])
        #expect(bitmap.width == 3)
        #expect(bitmap.packedRows == [0b1000_0000, 0b1110_0000])
    }

    @Test func greyValuesAgainstAThreshold() throws {
        let bitmap = try #require(
            MonochromeBitmap(width: 4, height: 2, greyValues: [0, 127, 128, 255, 10, 200, 90, 30], threshold: 128)
        )
        #expect(bitmap.packedRows == [0b1100_0000, 0b1011_0000])
        let darker = try #require(
            MonochromeBitmap(width: 4, height: 2, greyValues: [0, 127, 128, 255, 10, 200, 90, 30], threshold: 50)
        )
        #expect(darker.packedRows == [0b1000_0000, 0b1001_0000])
        #expect(MonochromeBitmap(width: 4, height: 2, greyValues: [0, 1, 2]) == nil)
    }

    @Test func packedInitialiserChecksSizeAndClearsPadding() throws {
        #expect(MonochromeBitmap(width: 9, height: 2, packedRows: [0, 0, 0]) == nil)
        #expect(MonochromeBitmap(width: -1, height: 2, packedRows: []) == nil)
        let noisy = try #require(MonochromeBitmap(width: 9, height: 1, packedRows: [0xFF, 0xFF]))
        #expect(noisy.packedRows == [0xFF, 0x80])
        #expect(noisy == MonochromeBitmap(rows: [Array(repeating: true, count: 9)]))
    }

    @Test func croppingAndRowSlices() {
        let bitmap = MonochromeBitmap(width: 20, height: 6) { x, y in x == y || x == 19 }
        let cropped = bitmap.cropped(toWidth: 8)
        #expect(cropped.width == 8 && cropped.height == 6)
        #expect(cropped[x: 5, y: 5] && !cropped[x: 7, y: 6])
        #expect(bitmap.cropped(toWidth: 30) == bitmap)
        let slice = bitmap.rows(2..<4)
        #expect(slice.height == 2 && slice[x: 2, y: 0] && slice[x: 3, y: 1] && slice[x: 19, y: 0])
        #expect(bitmap.rows(5..<99).height == 1)
    }

    @Test func emptyBitmapsPrintNothing() {
        let empty = MonochromeBitmap(rows: [])
        #expect(empty.width == 0 && empty.height == 0)
        #expect(ESCPOSEncoder(profile: .epsonTMT20).encode([.image(empty)]) == header(.pc858))
    }
}
