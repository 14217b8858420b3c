public import KioskCore

/// The layout of a queue ticket: site, service, the big number, time, wait, QR to follow the queue, request to wait.
public enum TicketLayout {
    /// The document for one printout.
    public static func document(_ printout: TicketPrintout) -> PrintDocument {
        var elements: [PrintElement] = [
            .text(printout.siteName, .heading),
            .rule,
            .text(printout.serviceName, .centered),
            .feed(lines: 1),
            .ticketNumber(printout.number),
            .feed(lines: 1),
            .text(printout.issued, .centered),
            .text(printout.estimate, .centered),
            // A line above and below keeps text out of the four-module quiet zone phones need around the QR.
            .feed(lines: 1),
            .qrCode(printout.followLink),
            .feed(lines: 1),
        ]
        elements += printout.instructions.map { .text($0, .centered) }
        elements += [.text(printout.terminal, .rightAligned), .cut(partial: true)]
        return PrintDocument(elements)
    }
}
