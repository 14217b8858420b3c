/// A ticket number as printed and called: queue prefix plus a per-day counter, e.g. "A 017".
public struct TicketNumber: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The queue's prefix.
    public var prefix: String
    /// The counter, starting at 1 each business day.
    public var value: Int

    /// Creates a number.
    public init(prefix: String, value: Int) {
        self.prefix = prefix
        self.value = value
    }

    /// The printed form with at least three digits: "A 007", "A 1234".
    public var display: String {
        let digits = String(value)
        return "\(prefix) \(String(repeating: "0", count: max(0, 3 - digits.count)))\(digits)"
    }

    /// The form a call display speaks: "A 17" (no leading zeros).
    public var spoken: String { "\(prefix) \(value)" }

    public var description: String { display }
}

/// A range of ticket numbers granted to one terminal for one queue on one day.
///
/// Only the grantor (the local store for a standalone site, the central service otherwise) hands out
/// blocks, and it never hands out overlapping ones; a terminal issues only from blocks it holds. So two
/// terminals, or one terminal before and after a restart, can never issue the same number.
public struct NumberBlock: Hashable, Sendable, Codable {
    /// The queue.
    public var queue: QueueID
    /// The day the numbers are valid on.
    public var day: BusinessDay
    /// First number of the block.
    public var first: Int
    /// Last number of the block (inclusive).
    public var last: Int

    /// Creates a block; `first <= last`.
    public init(queue: QueueID, day: BusinessDay, first: Int, last: Int) {
        precondition(first >= 1 && first <= last, "a block holds at least one number starting at 1 or later")
        self.queue = queue
        self.day = day
        self.first = first
        self.last = last
    }

    /// How many numbers the block holds.
    public var count: Int { last - first + 1 }
}

/// A terminal's use of one block: the next number it will issue from it.
public struct NumberLease: Hashable, Sendable, Codable {
    /// The granted block.
    public var block: NumberBlock
    /// The next number to issue; `block.last + 1` once used up.
    public var next: Int

    /// A fresh lease on a block.
    public init(block: NumberBlock) {
        self.block = block
        next = block.first
    }

    /// Restores a lease at a given position.
    public init(block: NumberBlock, next: Int) {
        self.block = block
        self.next = next
    }

    /// Whether every number of the block has been issued.
    public var isExhausted: Bool { next > block.last }

    /// Numbers still available.
    public var remaining: Int { max(0, block.last - next + 1) }
}

/// Pure rule for granting blocks: each (queue, day) counts up from 1 and grants the next `size` numbers.
public struct BlockGrantor: Sendable {
    /// How many numbers one grant holds.
    public var blockSize: Int

    /// Creates a grantor; a small block wastes fewer numbers on an idle terminal, a large one needs fewer grants.
    public init(blockSize: Int) {
        precondition(blockSize >= 1)
        self.blockSize = blockSize
    }

    /// The next block after the highest number granted so far for that queue and day (0 if none).
    public func grant(queue: QueueID, day: BusinessDay, highestGranted: Int) -> NumberBlock {
        NumberBlock(queue: queue, day: day, first: highestGranted + 1, last: highestGranted + blockSize)
    }
}

/// Chooses the number to issue from the leases a terminal holds.
public enum NumberDispenser {
    /// What the terminal must do to issue a number.
    public enum Decision: Hashable, Sendable {
        /// Issue this number and store the updated lease.
        case issue(TicketNumber, updatedLease: NumberLease)
        /// No usable lease for this queue and day: obtain a block first.
        case needsBlock
    }

    /// The next number for `queue` on `day` from the lowest unexhausted lease of that day.
    ///
    /// Leases of other days are ignored: numbers restart at local midnight because a new day has no lease yet.
    public static func next(prefix: String, queue: QueueID, day: BusinessDay, leases: [NumberLease]) -> Decision {
        let usable = leases
            .filter { $0.block.queue == queue && $0.block.day == day && !$0.isExhausted }
            .min { $0.next < $1.next }
        guard var lease = usable else { return .needsBlock }
        let number = TicketNumber(prefix: prefix, value: lease.next)
        lease.next += 1
        return .issue(number, updatedLease: lease)
    }
}
