// DKIMHeaderSelection: which header fields a signature covers and the h= tag naming them (RFC 6376 §5.4).

/// The `h=` list for one message and the field instances it selects, in `h=` order.
struct DKIMHeaderSelection {
    /// A header name to sign.
    struct Rule: Sendable {
        /// The name as written in `h=` (lower case, so `h=` is stable whatever case the message uses).
        var name: String
        /// `name` as bytes, for matching.
        var nameBytes: [UInt8]
        /// Whether to list the name once more than it occurs, so that a field added later (a second From or
        /// Subject) breaks the signature (RFC 6376 §8.15).
        var oversign: Bool

        init(name: String, oversign: Bool) {
            self.name = name.lowercased()
            self.nameBytes = Array(self.name.utf8)
            self.oversign = oversign
        }
    }

    /// The names for `h=`, in order, repeated once per instance (plus once for oversigned names).
    private(set) var names: [String] = []
    /// The fields to hash, in `h=` order.
    ///
    /// Oversigned names that match no further instance add nothing: RFC 6376
    /// §5.4.2 hashes a nonexistent field as the null string.
    private(set) var fields: [DKIMMessage.Field] = []

    /// Applies `rules` to `message`, whose bytes are `bytes`.
    ///
    /// RFC 6376 §5.4.2: when a name is listed several times, the first listing covers the last (bottom-most)
    /// instance, the next listing the one above it, and so on. Names with no instance are left out unless
    /// oversigned.
    init(rules: [Rule], message: DKIMMessage, bytes: UnsafeBufferPointer<UInt8>) {
        var instances: [DKIMMessage.Field] = []
        for rule in rules {
            instances.removeAll(keepingCapacity: true)
            for field in message.fields where Self.field(field, of: bytes, isNamed: rule.nameBytes) {
                instances.append(field)
            }
            let listings = instances.count + (rule.oversign ? 1 : 0)
            for _ in 0..<listings {
                names.append(rule.name)
            }
            fields.append(contentsOf: instances.reversed())
        }
    }

    /// Applies an explicit `h=` list (`DKIMExplicitTags.headers`): the names exactly as given, no oversigning
    /// added.
    ///
    /// RFC 6376 §5.4.2: the k-th listing of a name covers the k-th instance from the bottom; a listing with no
    /// instance left is hashed as the null string, so it adds no field.
    init(explicit list: [String], message: DKIMMessage, bytes: UnsafeBufferPointer<UInt8>) {
        var used: [String: Int] = [:]
        for name in list {
            let key = name.lowercased()
            let nameBytes = Array(key.utf8)
            let taken = used[key, default: 0]
            used[key] = taken + 1
            names.append(name)
            let instances = message.fields.filter { Self.field($0, of: bytes, isNamed: nameBytes) }
            if taken < instances.count {
                fields.append(instances[instances.count - 1 - taken])
            }
        }
    }

    /// Field names compare case-insensitively (RFC 5322 §1.2.2).
    static func field(_ field: DKIMMessage.Field, of bytes: UnsafeBufferPointer<UInt8>, isNamed name: [UInt8])
        -> Bool
    {
        guard field.nameEnd - field.start == name.count else { return false }
        var offset = 0
        while offset < name.count {
            guard ASCII.lowercased(bytes[field.start + offset]) == name[offset] else { return false }
            offset += 1
        }
        return true
    }
}
