// MailEntityLimitsTests: the bounds on received mail (docs/limits.md): header fields, MIME nesting, parts.
import Foundation
@testable import Mail
import Testing

@Suite struct MailEntityLimitsTests {
    static func headers(_ count: Int) -> String {
        (0..<count).map { "X-Field-\($0): value \($0)\r\n" }.joined()
    }

    @Test("1000 header fields are kept; the 1001st and later are skipped, and the body is still found")
    func headerFieldBound() {
        for count in [MessageHeaders.maximumFields, MessageHeaders.maximumFields + 1] {
            let message = Self.headers(count) + "\r\nbody text\r\n"
            let entity = MailEntity(parsing: Array(message.utf8)[...])
            #expect(entity.headers.fields.count == MessageHeaders.maximumFields)
            #expect(entity.headers["X-Field-999"] == "value 999")
            #expect(entity.headers["X-Field-1000"] == nil)
            #expect(String(decoding: entity.rawBody, as: UTF8.self) == "body text\r\n")
        }
    }

    /// A message whose parts nest `levels` multiparts deep, innermost a text part.
    static func nested(_ levels: Int) -> String {
        var body = "Content-Type: text/plain\r\n\r\ninnermost\r\n"
        for level in (0..<levels).reversed() {
            body = "Content-Type: multipart/mixed; boundary=\"b\(level)\"\r\n\r\n--b\(level)\r\n\(body)--b\(level)--\r\n"
        }
        return "From: a@example.com\r\n" + body
    }

    static func depth(_ entity: MailEntity) -> Int {
        entity.parts.map { depth($0) + 1 }.max() ?? 0
    }

    @Test("MIME nesting is read 12 levels deep; below that parts stay opaque bodies")
    func nestingBound() {
        let atLimit = MailEntity(parsing: Array(Self.nested(MailEntity.maximumDepth).utf8)[...])
        #expect(Self.depth(atLimit) == MailEntity.maximumDepth)
        let over = MailEntity(parsing: Array(Self.nested(MailEntity.maximumDepth + 1).utf8)[...])
        #expect(Self.depth(over) == MailEntity.maximumDepth)
    }

    @Test("a multipart is read up to 500 parts; the 501st and later are skipped")
    func partsBound() {
        for count in [MailEntity.maximumParts, MailEntity.maximumParts + 1] {
            let parts = (0..<count).map { "--b\r\nContent-Type: text/plain\r\n\r\npart \($0)\r\n" }.joined()
            let message = "From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n\(parts)--b--\r\n"
            let entity = MailEntity(parsing: Array(message.utf8)[...])
            #expect(entity.parts.count == MailEntity.maximumParts)
        }
    }
}
