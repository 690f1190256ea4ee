// RelayReport: what `edm check --smtp` prints about one relay.
import Campaign
import Foundation
import SMTP

/// Renders a probe report for people.
enum RelayReport {
    static func render(_ report: ProbeReport, relay: RelayEndpoint) -> String {
        var lines = ["relay \(relay.name): ok"]
        lines.append("  greeting:     \(report.greeting.code) \(report.greeting.text)")
        if let tls = report.tls {
            lines.append("  tls:          \(tls.protocolVersion), \(tls.cipher)")
            if let certificate = tls.peerCertificate {
                let expiry = Date(timeIntervalSince1970: TimeInterval(certificate.notAfter))
                let days = Int(expiry.timeIntervalSinceNow / 86400)
                lines.append("  certificate:  \(certificate.subject) (issuer \(certificate.issuer))")
                lines.append("  expires:      \(ISO8601DateFormatter().string(from: expiry)) (in \(days) days)")
            }
        } else {
            lines.append("  tls:          none")
        }
        lines.append("  auth:         \(report.authenticatedWith.map { "\($0)" } ?? "not configured")")
        let capabilities = report.capabilities
        var extensions: [String] = []
        if capabilities.pipelining { extensions.append("PIPELINING") }
        if capabilities.eightBitMIME { extensions.append("8BITMIME") }
        if capabilities.smtpUTF8 { extensions.append("SMTPUTF8") }
        if capabilities.enhancedStatusCodes { extensions.append("ENHANCEDSTATUSCODES") }
        if let size = capabilities.maximumMessageSize { extensions.append("SIZE \(size)") }
        if !capabilities.authMechanisms.isEmpty { extensions.append("AUTH \(capabilities.authMechanisms.map { "\($0)" }.joined(separator: " "))") }
        lines.append("  capabilities: \(extensions.joined(separator: ", "))")
        return lines.joined(separator: "\n")
    }
}
