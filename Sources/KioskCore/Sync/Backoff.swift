/// Exponential backoff with full jitter for retrying the central service.
///
/// The n-th consecutive failure waits a uniformly random time in [0, min(cap, base · 2ⁿ)]: the ceiling grows
/// fast enough to spare a struggling server, and the randomness keeps many terminals that lost the network
/// together from retrying in lock-step when it returns.
public struct Backoff: Sendable, Equatable {
    /// Ceiling after the first failure, in seconds.
    public var base: Double
    /// Largest ceiling, in seconds.
    public var cap: Double

    /// Creates a backoff rule.
    public init(base: Double = 0.5, cap: Double = 60) {
        self.base = base
        self.cap = cap
    }

    /// The ceiling for the given number of consecutive failures (1 = first failure).
    public func ceiling(failures: Int) -> Double {
        guard failures > 0 else { return 0 }
        // 2^(failures-1) grows past any cap long before it overflows a Double at 62.
        return min(cap, base * Double(1 << min(failures - 1, 62)))
    }

    /// A delay for `failures`, jittered with `random` (a number in 0...1).
    public func delay(failures: Int, random: Double) -> Double {
        ceiling(failures: failures) * min(max(random, 0), 1)
    }
}
