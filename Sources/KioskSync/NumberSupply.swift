public import Foundation
public import KioskCore
public import KioskStore
public import Logging

/// Keeps the terminal stocked with ticket numbers from the central service.
///
/// For every queue with walk-in services it holds at least `blockSize + offlineReserve` numbers for today,
/// so that the terminal can go on issuing for a while when the network is gone. A request id is kept across
/// retries, so a block granted while the answer was lost is handed out again, not a second one.
public actor NumberSupply {
    let store: KioskStore
    let transport: any SyncTransport
    let catalog: ServiceCatalog
    let blockSize: Int
    let offlineReserve: Int
    let logger: Logger
    let now: @Sendable () -> Date
    var pending: [QueueID: BlockRequest] = [:]

    /// Creates a supply.
    public init(
        store: KioskStore, transport: any SyncTransport, catalog: ServiceCatalog, blockSize: Int, offlineReserve: Int,
        logger: Logger, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.transport = transport
        self.catalog = catalog
        self.blockSize = blockSize
        self.offlineReserve = offlineReserve
        self.logger = logger
        self.now = now
    }

    /// Tops up every queue; returns the blocks obtained. Throws the first transport error.
    @discardableResult
    public func replenish() async throws -> [NumberBlock] {
        let calendar = catalog.site.calendar
        let day = calendar.businessDay(of: now())
        let queues = Set(catalog.services.filter(\.access.allowsWalkIn).map(\.queue))
        var obtained: [NumberBlock] = []
        for queue in catalog.queues.map(\.id) where queues.contains(queue) {
            while try remaining(queue, day) < blockSize + offlineReserve {
                let request = pending[queue].flatMap { $0.day == day ? $0 : nil }
                    ?? BlockRequest(requestID: UUID(), queue: queue, day: day, count: blockSize)
                pending[queue] = request
                let block = try await transport.requestBlock(request, terminal: store.terminal)
                guard block.queue == queue, block.day == day, block.count == request.count else {
                    throw SyncError(.malformedResponse, detail: "block does not match the request")
                }
                try store.addLease(block)
                pending[queue] = nil
                obtained.append(block)
                logger.info("Number block received", metadata: ["kiosk.queue": "\(queue)", "kiosk.block.first": "\(block.first)", "kiosk.block.last": "\(block.last)"])
            }
        }
        return obtained
    }

    func remaining(_ queue: QueueID, _ day: BusinessDay) throws -> Int {
        try store.leases(day: day).filter { $0.block.queue == queue }.map(\.remaining).reduce(0, +)
    }
}
