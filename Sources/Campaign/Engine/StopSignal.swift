// StopSignal: SIGINT/SIGTERM turned into a flag the runner polls between messages.
import Dispatch
import Foundation
import Synchronization

/// The first SIGINT or SIGTERM asks the run to stop after the messages in flight; a second one exits at once
/// (the journal is consistent at every record, so an immediate exit loses nothing but the summary).
public final class StopSignal: Sendable {
    private let state = Atomic<Int32>(0)
    /// The dispatch sources must live as long as the process; kept here, never read.
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    private static let installLock = NSLock()

    public init() {}

    /// The signal that asked to stop (SIGINT 2, SIGTERM 15), or 0.
    public var requested: Int32 { state.load(ordering: .acquiring) }

    /// Asks to stop, as the first signal does (also used by --max-duration and tests).
    public func request(_ signal: Int32) {
        _ = state.compareExchange(expected: 0, desired: signal, ordering: .acquiringAndReleasing)
    }

    /// Routes SIGINT and SIGTERM here for the life of the process.
    public func install() {
        var installed: [DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                if requested != 0 { exit(128 + number) }   // second signal: leave now
                request(number)
            }
            source.resume()
            installed.append(source)
        }
        Self.installLock.lock()
        Self.sources = installed
        Self.installLock.unlock()
    }
}
