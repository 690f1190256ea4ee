// PythonEmail: runs Fixtures/parse_eml.py (Python's email package, policy.strict) over built messages.
import Foundation

enum PythonEmail {
    /// The helper could not be run or printed something that is not the expected JSON.
    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Parses each message with Python; one result per message, in order.
    static func parse(_ messages: [[UInt8]]) throws -> [ParsedEmail] {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("edm-mail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for (index, message) in messages.enumerated() {
            let path = directory.appendingPathComponent("\(index).eml").path
            try Data(message).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", fixtures.appendingPathComponent("parse_eml.py").path] + paths
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let list = try JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        else {
            throw Failure(message: "parse_eml.py failed (\(process.terminationStatus)): \(errorText)")
        }
        return list.map(decode)
    }

    /// Parses one message.
    static func parse(_ message: [UInt8]) throws -> ParsedEmail {
        let results = try parse([message])
        guard let first = results.first else { throw Failure(message: "no result") }
        return first
    }

    private static func pairs(_ value: Any?) -> [(name: String, value: String)] {
        ((value as? [[Any]]) ?? []).map { (($0.first as? String) ?? "", ($0.last as? String) ?? "") }
    }

    private static func decode(_ object: [String: Any]) -> ParsedEmail {
        var parsed = ParsedEmail()
        parsed.error = object["error"] as? String
        parsed.headers = pairs(object["headers"])
        parsed.rawHeaders = pairs(object["raw_headers"])
        parsed.defects = object["defects"] as? [String] ?? []
        for (field, list) in object["addresses"] as? [String: [[String]]] ?? [:] {
            parsed.addresses[field] = list.map { ($0.first ?? "", $0.last ?? "") }
        }
        for part in object["parts"] as? [[String: Any]] ?? [] {
            let data = Data(base64Encoded: part["data_base64"] as? String ?? "") ?? Data()
            parsed.parts.append(ParsedEmail.Part(
                contentType: part["content_type"] as? String ?? "",
                isMultipart: part["multipart"] as? Bool ?? false,
                disposition: part["disposition"] as? String,
                filename: part["filename"] as? String,
                contentID: part["content_id"] as? String,
                transferEncoding: part["transfer_encoding"] as? String,
                text: part["text"] as? String,
                data: [UInt8](data),
                headerNames: pairs(part["headers"]).map(\.name)))
        }
        return parsed
    }
}
