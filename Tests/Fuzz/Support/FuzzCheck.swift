// FuzzCheck: the property check every fuzz target uses; compiled into each target by scripts/fuzz.
#if canImport(Glibc)
import Glibc
#endif

/// Stops the run with `message` on stderr when `condition` is false. libFuzzer then saves the input as a
/// crash reproducer. (`precondition` drops its message in optimised builds, which hides what went wrong.)
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    guard !condition() else { return }
    let text = Array("fuzz property violated: \(message())\n".utf8)
    _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    abort()
}
