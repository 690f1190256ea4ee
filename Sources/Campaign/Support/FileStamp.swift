// FileStamp: a file's identity and modification time, to notice that it changed.
import Foundation

/// Device, inode, size and modification time (ns) of a file; equal stamps mean "not changed" for our purpose
/// (an editor's save-by-rename changes the inode; an in-place append changes size and time).
struct FileStamp: Equatable, Sendable {
    var device: UInt64 = 0
    var inode: UInt64 = 0
    var size: Int64 = -1
    var modified: Int = 0

    init(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = info.st_mtim.tv_sec * 1_000_000_000 + info.st_mtim.tv_nsec
    }
}
