import Testing
@testable import KioskUI

@Test func scratchPrint() {
    for (screen, size) in [(Fixtures.home, (80, 24)), (Fixtures.ticket, (80, 24)), (Fixtures.home, (120, 40)), (Fixtures.ticket, (120, 40))] {
        let grid = TerminalRenderer().render(screen, columns: size.0, rows: size.1)
        print("=== \(screen.id) \(size)")
        for (i, l) in grid.lines.enumerated() { print((i < 10 ? "0" : "") + "\(i)|" + l) }
    }
}
