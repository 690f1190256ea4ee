// TemporaryDirectory: a fresh folder per test, removed when the value goes away.
import Foundation

/// A unique folder under the system temporary directory, deleted on `deinit`.
public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String

    public init(_ label: String = "edm-test") {
        let base = NSTemporaryDirectory()
        let name = "\(label)-\(getpid())-\(UUID().uuidString.prefix(8))"
        path = (base as NSString).appendingPathComponent(name)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Absolute path of `relative` inside the folder.
    public func file(_ relative: String) -> String { (path as NSString).appendingPathComponent(relative) }

    /// Writes `text` to `relative` (creating folders) with `mode`, and returns the absolute path.
    @discardableResult
    public func write(_ relative: String, _ text: String, mode: Int = 0o644) -> String {
        write(relative, bytes: Array(text.utf8), mode: mode)
    }

    /// Writes `bytes` to `relative` (creating folders) with `mode`, and returns the absolute path.
    @discardableResult
    public func write(_ relative: String, bytes: [UInt8], mode: Int = 0o644) -> String {
        let target = file(relative)
        try? FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: target, contents: Data(bytes))
        chmod(target, mode_t(mode))
        return target
    }

    /// The contents of `relative`, or nil.
    public func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: file(relative)).map { String(decoding: $0, as: UTF8.self) }
    }
}
