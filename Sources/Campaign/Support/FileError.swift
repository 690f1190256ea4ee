// FileError: a file that could not be opened, read or written, named with the reason from errno.
import Foundation

/// An input or output file problem that is not about its content.
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case notFound
        case isDirectory
        case notRegularFile
        case unreadable(reason: String)
        case tooLarge(limit: Int)
        case alreadyExists
        case cannotWrite(reason: String)
    }

    public var kind: Kind
    public var path: String
    /// What the file is for, e.g. "campaign file", "recipient list".
    public var role: String

    public init(_ kind: Kind, path: String, role: String) {
        self.kind = kind
        self.path = path
        self.role = role
    }

    public var description: String {
        switch kind {
        case .notFound: "\(role) '\(path)' does not exist"
        case .isDirectory: "\(role) '\(path)' is a directory, not a file"
        case .notRegularFile: "\(role) '\(path)' is not a regular file"
        case .unreadable(let reason): "cannot read \(role) '\(path)': \(reason)"
        case .tooLarge(let limit): "\(role) '\(path)' is larger than \(limit) bytes; is it the right file?"
        case .alreadyExists: "\(role) '\(path)' already exists; edm never overwrites it"
        case .cannotWrite(let reason): "cannot write \(role) '\(path)': \(reason)"
        }
    }

    /// The exit-code category: reading problems are missing input, writing problems cannot-create.
    public var category: FailureCategory {
        switch kind {
        case .alreadyExists, .cannotWrite: .cannotCreate
        default: .missingInput
        }
    }

    /// Reads a whole small file (campaign, template, key), refusing directories, fifos and huge files.
    public static func readSmallFile(_ path: String, role: String, limit: Int = 16 << 20) throws(FileError) -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw FileError(.notFound, path: path, role: role) }
            throw FileError(.unreadable(reason: String(cString: strerror(code))), path: path, role: role)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw FileError(.isDirectory, path: path, role: role) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw FileError(.notRegularFile, path: path, role: role) }
        guard info.st_size <= limit else { throw FileError(.tooLarge(limit: limit), path: path, role: role) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw FileError(.unreadable(reason: String(cString: strerror(errno))), path: path, role: role)
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError(.unreadable(reason: String(cString: strerror(errno))), path: path, role: role)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit { throw FileError(.tooLarge(limit: limit), path: path, role: role) }
        }
        return bytes
    }
}
