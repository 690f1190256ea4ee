// MediaType: content-type validation (RFC 2045 §5.1) and a guess from a filename's extension.

/// Content types for attachments and inline images.
enum MediaType {
    /// Returns `contentType` lower-cased when it is `type/subtype` of RFC 2045 tokens, else nil.
    static func validated(_ contentType: String) -> String? {
        let bytes = Array(contentType.utf8)
        guard let slash = bytes.firstIndex(of: ASCII.slash), slash > 0, slash < bytes.count - 1 else { return nil }
        guard bytes[..<slash].allSatisfy(ASCII.isTokenChar),
            bytes[(slash + 1)...].allSatisfy(ASCII.isTokenChar)
        else { return nil }
        return String(decoding: bytes.map(ASCII.lowercased), as: UTF8.self)
    }

    /// A content type for `filename` from its extension; `application/octet-stream` when unknown.
    static func guess(forFilename filename: String) -> String {
        guard let dot = filename.lastIndex(of: ".") else { return fallback }
        let ext = String(filename[filename.index(after: dot)...]).lowercased()
        return byExtension[ext] ?? fallback
    }

    static let fallback = "application/octet-stream"

    // Common types (IANA media types registry), enough for mail attachments.
    private static let byExtension: [String: String] = [
        "txt": "text/plain", "text": "text/plain", "csv": "text/csv", "tsv": "text/tab-separated-values",
        "htm": "text/html", "html": "text/html", "css": "text/css", "md": "text/markdown",
        "ics": "text/calendar", "vcf": "text/vcard", "xml": "application/xml", "json": "application/json",
        "pdf": "application/pdf", "rtf": "application/rtf", "zip": "application/zip",
        "gz": "application/gzip", "tgz": "application/gzip", "tar": "application/x-tar",
        "7z": "application/x-7z-compressed", "rar": "application/vnd.rar",
        "doc": "application/msword",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls": "application/vnd.ms-excel",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt": "application/vnd.ms-powerpoint",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt": "application/vnd.oasis.opendocument.text",
        "ods": "application/vnd.oasis.opendocument.spreadsheet",
        "odp": "application/vnd.oasis.opendocument.presentation",
        "epub": "application/epub+zip",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "webp": "image/webp", "svg": "image/svg+xml", "bmp": "image/bmp", "ico": "image/vnd.microsoft.icon",
        "tif": "image/tiff", "tiff": "image/tiff", "heic": "image/heic", "avif": "image/avif",
        "mp3": "audio/mpeg", "wav": "audio/wav", "ogg": "audio/ogg", "m4a": "audio/mp4",
        "mp4": "video/mp4", "mov": "video/quicktime", "webm": "video/webm",
    ]

    /// The given content type, validated, or one guessed from the file name when none is given.
    /// - Throws: `MIMEError.invalidContentType` for a malformed type.
    static func resolve(_ contentType: String?, filename: String) throws(MIMEError) -> String {
        guard let contentType else { return guess(forFilename: filename) }
        guard let valid = validated(contentType) else { throw MIMEError(.invalidContentType(contentType)) }
        return valid
    }
}
