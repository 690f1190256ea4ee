// The one calling convention for OpenSSL: clear the error queue, call, check, throw with the drained queue.
internal import COpenSSL

/// Wraps OpenSSL calls so that every failure becomes a `CryptoError` carrying OpenSSL's explanation.
enum OpenSSLCall {
    /// Forgets errors left by earlier calls, so a failure report names only the call that failed.
    static func clearErrors() {
        ERR_clear_error()
    }

    /// Drains OpenSSL's thread-local error queue into readable strings.
    static func drainErrors() -> [String] {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            messages.append(String(decoding: bytes, as: UTF8.self))
        }
        return messages
    }

    /// Runs `body` (an OpenSSL call returning 1 on success) and throws `CryptoError` otherwise.
    static func check(_ operation: String, _ body: () -> Int32) throws(CryptoError) {
        clearErrors()
        guard body() == 1 else {
            throw CryptoError(operation: operation, details: drainErrors())
        }
    }
}
