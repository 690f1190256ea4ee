// MetricsExposition: the run's statistics in the Prometheus text exposition format (version 0.0.4).
import Foundation

/// Renders `RunStatistics` for node_exporter's textfile collector: every family with `# HELP` and `# TYPE`,
/// every sample labelled with the campaign. Per-run counts are counters (they restart with each run, which
/// Prometheus treats as a counter reset). Recipient domains are capped at `domainLimit` label values plus
/// "other", so a list with a million domains cannot explode the series count.
public enum MetricsExposition {
    public static let defaultDomainLimit = 20

    /// - Parameters:
    ///   - finished: 1 once the run has ended (`edm_run_finished`).
    ///   - guardTrip: the guard that stopped the run, exported as `edm_safety_stop{guard=…} 1`.
    public static func render(
        _ snapshot: RunStatistics.Snapshot, domainLimit: Int = defaultDomainLimit, finished: Bool = false,
        guardTrip: GuardTrip? = nil, now: Date = Date()
    ) -> String {
        let campaign = "campaign=\"\(escape(snapshot.campaignID))\""
        var out = ""
        func family(_ name: String, _ type: String, _ help: String) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
        }
        func sample(_ name: String, _ labels: [(String, String)], _ value: Double) {
            let extra = labels.map { ",\($0.0)=\"\(escape($0.1))\"" }.joined()
            out += "\(name){\(campaign)\(extra)} \(format(value))\n"
        }
        func states(_ counts: RunStatistics.Counts) -> [(String, Int)] {
            [("accepted", counts.accepted), ("deferred", counts.deferred), ("failed", counts.failed),
             ("other", counts.other)]
        }

        family("edm_recipients_total", "counter", "Recipients recorded by this run, by journal state.")
        for state in JournalState.allCases where state != .attempting {
            sample("edm_recipients_total", [("state", state.rawValue)], Double(snapshot.count(state)))
        }
        family("edm_relay_outcomes_total", "counter", "Delivery outcomes of this run by relay and state.")
        for (relay, counts) in snapshot.byRelay.sorted(by: { $0.key < $1.key }) {
            for (state, value) in states(counts) { sample("edm_relay_outcomes_total", [("relay", relay), ("state", state)], Double(value)) }
        }
        family("edm_relay_up", "gauge", "1 when the relay's last attempt connected (or it was not tried yet), else 0.")
        for relay in snapshot.relays.sorted() {
            sample("edm_relay_up", [("relay", relay)], snapshot.relaysDown.contains(relay) ? 0 : 1)
        }
        family("edm_domain_recipients_total", "counter",
               "Recipients recorded by this run by recipient domain (top \(domainLimit) by volume, the rest as \"other\") and state.")
        let top = snapshot.topDomains(domainLimit)
        var other = RunStatistics.Counts()
        let shown = Set(top.map(\.domain))
        for (domain, counts) in snapshot.byDomain where !shown.contains(domain) {
            other.accepted += counts.accepted
            other.deferred += counts.deferred
            other.failed += counts.failed
            other.other += counts.other
        }
        for (domain, counts) in top.sorted(by: { $0.domain < $1.domain }) + (other.total > 0 ? [("other", other)] : []) {
            for (state, value) in states(counts) {
                sample("edm_domain_recipients_total", [("domain", domain), ("state", state)], Double(value))
            }
        }
        family("edm_replies_total", "counter", "Delivery outcomes of this run by SMTP reply class (none: no reply, the connection failed).")
        for replyClass in ["2xx", "4xx", "5xx", "none"] {
            sample("edm_replies_total", [("class", replyClass)], Double(snapshot.replyClasses[replyClass, default: 0]))
        }
        family("edm_attempts_total", "counter", "Delivery attempts that ended in this run.")
        sample("edm_attempts_total", [], Double(snapshot.attempts))
        family("edm_throughput_messages_per_second", "gauge", "Delivery attempts per second since the run started.")
        sample("edm_throughput_messages_per_second", [], snapshot.rate)
        family("edm_run_duration_seconds", "gauge", "Seconds since the run started.")
        sample("edm_run_duration_seconds", [], max(0, now.timeIntervalSince(snapshot.started)))
        family("edm_run_start_timestamp_seconds", "gauge", "When the run started, in seconds since the Unix epoch.")
        sample("edm_run_start_timestamp_seconds", [], snapshot.started.timeIntervalSince1970)
        family("edm_last_success_timestamp_seconds", "gauge", "When a relay last accepted a message in this run (0: not yet).")
        sample("edm_last_success_timestamp_seconds", [], snapshot.lastSuccess?.timeIntervalSince1970 ?? 0)
        if let total = snapshot.deliverableTotal {
            family("edm_deliverable_recipients", "gauge", "Deliverable recipients in the list, counted before the run.")
            sample("edm_deliverable_recipients", [], Double(total))
        }
        family("edm_run_finished", "gauge", "1 once the run has ended, 0 while it runs.")
        sample("edm_run_finished", [], finished ? 1 : 0)
        family("edm_safety_stop", "gauge", "1 when a safety guard stopped the run, labelled with the guard.")
        sample("edm_safety_stop", [("guard", guardTrip?.name ?? "none")], guardTrip == nil ? 0 : 1)
        return out
    }

    /// Label values escape backslash, double quote and line feed (exposition format, "Comments, help text,
    /// and type information" / "Line format").
    static func escape(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.3f", value)
    }
}
