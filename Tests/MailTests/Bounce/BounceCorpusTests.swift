// BounceCorpusTests: every fixture in Fixtures/ classified as expected, with a measured accuracy line.
import Foundation
import Mail
import Testing

@Suite struct BounceCorpusTests {
    struct Expectation: Sendable, CustomStringConvertible {
        var file: String
        var bounceClass: BounceClass
        var reason: String
        var recipient: String?
        var status: String?
        var mta: String
        var campaign: String?
        var description: String { file }
    }

    static let campaign = "spring-2026"

    /// The corpus and what each message must be classified as.
    static let expectations: [Expectation] = [
        .init(file: "postfix-unknown-user.eml", bounceClass: .hardBounce, reason: "unknown-user",
              recipient: "alice@example.net", status: "5.1.1", mta: "postfix", campaign: campaign),
        .init(file: "postfix-mailbox-full.eml", bounceClass: .softBounce, reason: "mailbox-full",
              recipient: "bob@example.org", status: "5.2.2", mta: "postfix", campaign: campaign),
        .init(file: "postfix-greylisted.eml", bounceClass: .softBounce, reason: "greylisted",
              recipient: "carol@example.org", status: "4.7.1", mta: "postfix", campaign: campaign),
        .init(file: "postfix-delayed.eml", bounceClass: .softBounce, reason: "delayed",
              recipient: "dave@example.org", status: "4.4.1", mta: "postfix", campaign: campaign),
        .init(file: "postfix-delivered.eml", bounceClass: .notABounce, reason: "delivery-report",
              recipient: nil, status: nil, mta: "postfix", campaign: campaign),
        .init(file: "sendmail-unknown-domain.eml", bounceClass: .hardBounce, reason: "unknown-domain",
              recipient: "frank@nonexistent-domain.example", status: "5.1.2", mta: "sendmail", campaign: campaign),
        .init(file: "exim-unknown-user.eml", bounceClass: .hardBounce, reason: "unknown-user",
              recipient: "mallory@example.org", status: "5.1.1", mta: "exim", campaign: campaign),
        .init(file: "exim-unrouteable.eml", bounceClass: .hardBounce, reason: "unknown-domain",
              recipient: "niaj@no-such-host.example", status: nil, mta: "exim", campaign: campaign),
        .init(file: "qmail-no-mailbox.eml", bounceClass: .hardBounce, reason: "unknown-user",
              recipient: "olivia@example.net", status: "5.1.1", mta: "qmail", campaign: campaign),
        .init(file: "exchange-recipient-not-found.eml", bounceClass: .hardBounce, reason: "unknown-user",
              recipient: "quentin@contoso.example", status: "5.1.10", mta: "exchange", campaign: campaign),
        .init(file: "outlook-blocklist.eml", bounceClass: .policyBlock, reason: "blocklisted",
              recipient: "rupert.x@outlook.com", status: "5.7.1", mta: "exchange", campaign: campaign),
        .init(file: "gmail-unknown-user.eml", bounceClass: .hardBounce, reason: "unknown-user",
              recipient: "grace.nobody@gmail.com", status: "5.1.1", mta: "gmail", campaign: campaign),
        .init(file: "gmail-spam-block.eml", bounceClass: .policyBlock, reason: "spam",
              recipient: "heidi.x@gmail.com", status: "5.7.1", mta: "gmail", campaign: campaign),
        .init(file: "gmail-unauthenticated.eml", bounceClass: .policyBlock, reason: "authentication",
              recipient: "ivan.x@gmail.com", status: "5.7.26", mta: "gmail", campaign: campaign),
        .init(file: "gmail-too-large.eml", bounceClass: .softBounce, reason: "message-too-large",
              recipient: "judy.x@gmail.com", status: "5.3.4", mta: "gmail", campaign: campaign),
        .init(file: "ses-unknown-user.eml", bounceClass: .hardBounce, reason: "unknown-user",
              recipient: "ken@example.net", status: "5.1.1", mta: "ses", campaign: campaign),
        .init(file: "yahoo-rate-limited.eml", bounceClass: .softBounce, reason: "rate-limited",
              recipient: "lee.x@yahoo.com", status: "4.7.0", mta: "postfix", campaign: campaign),
        .init(file: "yahoo-unknown-user.eml", bounceClass: .hardBounce, reason: "unknown-user",
              recipient: "peggy.nobody@yahoo.com", status: nil, mta: "yahoo", campaign: campaign),
        .init(file: "qq-unknown-user.eml", bounceClass: .hardBounce, reason: "unknown-user",
              recipient: "nobody-7f3a@qq.com", status: nil, mta: "qq", campaign: campaign),
        .init(file: "netease-163-mailbox-full.eml", bounceClass: .softBounce, reason: "mailbox-full",
              recipient: "wei-nobody@163.com", status: nil, mta: "netease", campaign: campaign),
        .init(file: "netease-126-spam.eml", bounceClass: .policyBlock, reason: "spam",
              recipient: "ming-nobody@126.com", status: nil, mta: "netease", campaign: nil),
        .init(file: "sina-unknown-user.eml", bounceClass: .hardBounce, reason: "unknown-user",
              recipient: "li.nobody@sina.com", status: "5.1.1", mta: "sina", campaign: nil),
        .init(file: "aliyun-mailbox-frozen.eml", bounceClass: .hardBounce, reason: "mailbox-disabled",
              recipient: "zhao@example.cn", status: nil, mta: "aliyun", campaign: campaign),
        .init(file: "arf-complaint.eml", bounceClass: .complaint, reason: "abuse",
              recipient: "sybil.x@yahoo.com", status: nil, mta: "yahoo", campaign: campaign),
        .init(file: "arf-complaint-no-rcpt.eml", bounceClass: .complaint, reason: "abuse",
              recipient: "trent.x@aol.com", status: nil, mta: "unknown", campaign: campaign),
        .init(file: "autoreply-rfc3834.eml", bounceClass: .autoReply, reason: "auto-reply",
              recipient: "uma@example.net", status: nil, mta: "unknown", campaign: campaign),
        .init(file: "autoreply-gb2312.eml", bounceClass: .autoReply, reason: "auto-reply",
              recipient: "wang.wei@example.cn", status: nil, mta: "unknown", campaign: nil),
        .init(file: "autoreply-big5.eml", bounceClass: .autoReply, reason: "auto-reply",
              recipient: "chen@example.tw", status: nil, mta: "unknown", campaign: campaign),
        .init(file: "autoreply-iso2022jp.eml", bounceClass: .autoReply, reason: "auto-reply",
              recipient: "tanaka@example.jp", status: nil, mta: "unknown", campaign: campaign),
        .init(file: "unsubscribe-mailto.eml", bounceClass: .unsubscribeRequest, reason: "unsubscribe-request",
              recipient: "victor@example.net", status: nil, mta: "unknown", campaign: nil),
        .init(file: "unsubscribe-reply-chinese.eml", bounceClass: .unsubscribeRequest, reason: "unsubscribe-request",
              recipient: "zhao.liu@example.cn", status: nil, mta: "unknown", campaign: campaign),
        .init(file: "human-reply.eml", bounceClass: .notABounce, reason: "not-a-bounce",
              recipient: nil, status: nil, mta: "unknown", campaign: campaign),
    ]

    static let options = BounceOptions(unsubscribeAddresses: ["unsubscribe@news.example.com"])

    static var fixtures: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    }

    static func report(_ file: String) throws -> BounceReport {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixtures).appendingPathComponent(file))
        return try #require(BounceClassifier.classify([UInt8](data)[...], options: options))
    }

    static func mismatches(_ expected: Expectation, _ report: BounceReport) -> [String] {
        var problems: [String] = []
        func check(_ name: String, _ got: String?, _ want: String?) {
            if got != want { problems.append("\(name): got \(got ?? "nil"), want \(want ?? "nil")") }
        }
        check("class", report.bounceClass.rawValue, expected.bounceClass.rawValue)
        check("reason", report.reason, expected.reason)
        check("recipient", report.recipients.first?.address.lowercased(), expected.recipient)
        check("status", report.recipients.first?.status, expected.status)
        check("mta", report.mta, expected.mta)
        check("campaign", report.campaignID, expected.campaign)
        return problems
    }

    @Test("each fixture is classified as expected", arguments: expectations)
    func classify(_ expected: Expectation) throws {
        let report = try Self.report(expected.file)
        let problems = Self.mismatches(expected, report)
        #expect(problems.isEmpty, "\(expected.file): \(problems.joined(separator: "; "))")
    }

    @Test("every fixture file has an expectation, and the corpus is classified 100% right")
    func accuracy() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures).filter { $0.hasSuffix(".eml") }
        #expect(Set(files) == Set(Self.expectations.map(\.file)))
        var right = 0
        for expected in Self.expectations where Self.mismatches(expected, try Self.report(expected.file)).isEmpty {
            right += 1
        }
        let percent = Double(right) * 100 / Double(Self.expectations.count)
        print("bounce corpus accuracy: \(right)/\(Self.expectations.count) = \(String(format: "%.1f", percent))%")
        #expect(right == Self.expectations.count)
    }
}
