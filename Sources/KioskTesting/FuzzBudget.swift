import Foundation

/// How many inputs a seeded fuzz test tries: a CI-sized default (seconds per test), or as many as
/// `KIOSK_FUZZ_ITERATIONS` says for a long run (README, "Fuzzing").
public enum FuzzBudget {
    /// `ciDefault`, or the environment's `KIOSK_FUZZ_ITERATIONS` when that is a positive number.
    public static func iterations(_ ciDefault: Int) -> Int {
        guard let text = ProcessInfo.processInfo.environment["KIOSK_FUZZ_ITERATIONS"], let value = Int(text), value > 0 else {
            return ciDefault
        }
        return value
    }

    /// The seeds to run: the fixed ones, plus `KIOSK_FUZZ_SEED` to replay or explore another one.
    public static func seeds(_ fixed: [UInt64]) -> [UInt64] {
        guard let text = ProcessInfo.processInfo.environment["KIOSK_FUZZ_SEED"], let seed = UInt64(text) else { return fixed }
        return fixed + [seed]
    }
}
