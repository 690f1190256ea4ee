// SendTimeline: outcomes per time bucket, the bucket width chosen from the campaign's span, memory bounded.

/// Accepted, deferred and failed outcomes counted per time bucket.
///
/// The span is unknown until the journal is read to its end, so counts are kept at the finest width that
/// stays under `storageLimit` buckets (starting at one millisecond: an outbox run of a few recipients takes
/// milliseconds) and coarsened when it would not. Each storage width divides the next, so coarsening only
/// merges buckets. `buckets()` then picks a round display width (a multiple of the storage width) that gives
/// at most `maximumBuckets` buckets.
public struct SendTimeline: Sendable, Equatable {
    /// One bucket: outcomes recorded in [start, start + width).
    public struct Bucket: Sendable, Equatable {
        /// Milliseconds since 1970.
        public var start: Int64
        public var accepted = 0
        public var deferred = 0
        public var failed = 0
    }

    /// Bucket widths in milliseconds while reading; each divides the next.
    static let storageWidths: [Int64] = [1, 10, 100, 1000, 10_000, 60_000, 600_000, 3_600_000, 21_600_000,
                                         86_400_000, 604_800_000]
    /// Widths a reader finds natural: 1-2-5 below a minute, then minutes, hours, days.
    static let displayWidths: [Int64] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000,
                                         30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000,
                                         7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000, 172_800_000,
                                         604_800_000]
    static let storageLimit = 20_000
    /// Most buckets a chart shows.
    public static let maximumBuckets = 48

    private var storageIndex = 0
    private var counts: [Int64: Bucket] = [:]
    private var first: Int64?
    private var last: Int64?

    public init() {}

    /// Counts an outcome at `milliseconds` since 1970; other states are not outcomes of a send and are ignored.
    public mutating func add(_ state: JournalState, atMilliseconds milliseconds: Int64) {
        guard state == .accepted || state == .deferred || state == .failed else { return }
        first = min(first ?? milliseconds, milliseconds)
        last = max(last ?? milliseconds, milliseconds)
        let width = Self.storageWidths[storageIndex]
        let slot = Self.floorDivide(milliseconds, width)
        var bucket = counts[slot] ?? Bucket(start: slot * width)
        switch state {
        case .accepted: bucket.accepted += 1
        case .deferred: bucket.deferred += 1
        default: bucket.failed += 1
        }
        counts[slot] = bucket
        while counts.count > Self.storageLimit, storageIndex + 1 < Self.storageWidths.count { coarsen() }
    }

    /// The width (milliseconds) and the buckets from the first outcome's to the last's, empty ones included.
    public func buckets() -> (width: Int64, buckets: [Bucket]) {
        guard let first, let last else { return (Self.storageWidths[0], []) }
        let storage = Self.storageWidths[storageIndex]
        let width = Self.displayWidths.first { candidate in
            candidate % storage == 0
                && Self.floorDivide(last, candidate) - Self.floorDivide(first, candidate) < Int64(Self.maximumBuckets)
        } ?? (Self.displayWidths.last ?? storage)
        let firstSlot = Self.floorDivide(first, width)
        let count = Int(Self.floorDivide(last, width) - firstSlot + 1)
        var result = (0..<count).map { Bucket(start: (firstSlot + Int64($0)) * width) }
        for bucket in counts.values {
            let index = Int(Self.floorDivide(bucket.start, width) - firstSlot)
            guard result.indices.contains(index) else { continue }
            result[index].accepted += bucket.accepted
            result[index].deferred += bucket.deferred
            result[index].failed += bucket.failed
        }
        return (width, result)
    }

    private mutating func coarsen() {
        storageIndex += 1
        let width = Self.storageWidths[storageIndex]
        var merged: [Int64: Bucket] = [:]
        for bucket in counts.values {
            let slot = Self.floorDivide(bucket.start, width)
            var target = merged[slot] ?? Bucket(start: slot * width)
            target.accepted += bucket.accepted
            target.deferred += bucket.deferred
            target.failed += bucket.failed
            merged[slot] = target
        }
        counts = merged
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }
}
