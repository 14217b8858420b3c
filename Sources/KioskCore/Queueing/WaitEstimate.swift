/// Estimates how long a citizen will wait before being called.
///
/// The formula, with
/// - `n` the tickets waiting ahead of the citizen in the same queue,
/// - `c` the counters open for that queue,
/// - `d₁ … d_k` recent service durations in minutes, each clamped to 1…120 (a counter that forgot to press
///   "finish" must not blow up the estimate),
/// - `D₀` the service's typical duration from the catalog and `m` its prior weight (3):
///
///     D̄ = (d₁ + … + d_k + m·D₀) / (k + m)          (mean shrunk towards the catalog value)
///     W = n · D̄ / c                                  (n citizens share c counters)
///
/// With no counter open the wait is unknown, not infinite. The displayed value is rounded up to whole
/// five-minute steps, because a precise-looking "23 Min." promises more than the model knows.
public struct WaitEstimator: Sendable {
    /// Weight of the catalog's typical duration against measured ones.
    public var priorWeight: Double = 3
    /// Durations outside this range are clamped before averaging.
    public var plausibleMinutes: ClosedRange<Double> = 1...120

    /// Creates an estimator with the documented defaults.
    public init() {}

    /// The mean service duration D̄ in minutes.
    public func meanServiceMinutes(recent: [Double], typical: Double) -> Double {
        let clamped = recent.map { min(max($0, plausibleMinutes.lowerBound), plausibleMinutes.upperBound) }
        return (clamped.reduce(0, +) + priorWeight * typical) / (Double(clamped.count) + priorWeight)
    }

    /// The expected wait W in minutes, or nil when no counter is open.
    public func waitMinutes(ahead: Int, openCounters: Int, recent: [Double], typical: Double) -> Double? {
        guard openCounters > 0 else { return nil }
        return Double(max(0, ahead)) * meanServiceMinutes(recent: recent, typical: typical) / Double(openCounters)
    }

    /// The estimate as shown to the citizen.
    public func estimate(ahead: Int, openCounters: Int, recent: [Double], typical: Double) -> WaitEstimate {
        guard let minutes = waitMinutes(ahead: ahead, openCounters: openCounters, recent: recent, typical: typical)
        else { return .unknown }
        if minutes < 5 { return .underFiveMinutes }
        return .minutes(Int((minutes / 5).rounded(.up)) * 5)
    }
}

/// A displayable wait estimate.
public enum WaitEstimate: Hashable, Sendable, Codable {
    /// No counter is open; the wait cannot be estimated.
    case unknown
    /// Less than five minutes.
    case underFiveMinutes
    /// About this many minutes, a multiple of five.
    case minutes(Int)

    /// The estimate in words.
    public func text(in language: Language) -> String {
        switch (self, language) {
        case (.unknown, .english): "Waiting time cannot be estimated right now"
        case (.unknown, .easyGerman): "Die Warte·zeit wissen wir gerade nicht"
        case (.unknown, .turkish): "Bekleme süresi şu anda tahmin edilemiyor"
        case (.unknown, .arabic): "لا يمكن تقدير مدة الانتظار حاليًا"
        case (.unknown, .ukrainian): "Час очікування зараз невідомий"
        case (.unknown, _): "Wartezeit derzeit nicht absehbar"
        case (.underFiveMinutes, .english): "less than 5 min."
        // Leichte Sprache writes words out: no abbreviations.
        case (.underFiveMinutes, .easyGerman): "weniger als 5 Minuten"
        case (.underFiveMinutes, .turkish): "5 dakikadan az"
        case (.underFiveMinutes, .arabic): "أقل من 5 دقائق"
        case (.underFiveMinutes, .ukrainian): "менше 5 хв"
        case (.underFiveMinutes, _): "unter 5 Min."
        case (.minutes(let value), .english): "about \(value) min."
        case (.minutes(let value), .easyGerman): "ungefähr \(value) Minuten"
        case (.minutes(let value), .turkish): "yaklaşık \(value) dk."
        case (.minutes(let value), .arabic): "حوالي \(value) دقيقة"
        case (.minutes(let value), .ukrainian): "близько \(value) хв"
        case (.minutes(let value), _): "ca. \(value) Min."
        }
    }
}

extension WaitEstimate {
    /// Encoded as minutes: `null` unknown, `0` under five minutes, otherwise the rounded minutes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .unknown
            return
        }
        let minutes = try container.decode(Int.self)
        self = minutes <= 0 ? .underFiveMinutes : .minutes(minutes)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .unknown: try container.encodeNil()
        case .underFiveMinutes: try container.encode(0)
        case .minutes(let value): try container.encode(value)
        }
    }
}
