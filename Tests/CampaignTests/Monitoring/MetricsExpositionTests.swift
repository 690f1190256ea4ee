// MetricsExposition: the Prometheus text a run writes parses with prometheus_client, values and caps as documented.
import Campaign
import EdmTestSupport
import Foundation
import Testing

@Suite struct MetricsExpositionTests {
    @Test("prometheus_client parses every family; domains are capped at the limit plus other; label values escaped")
    func parsesWithPrometheusClient() throws {
        let statistics = RunStatistics()
        statistics.runStarted(RunStart(
            campaignID: "spring \"sale\"\\2026", deliverable: 40, relays: ["a:25", "b:25"],
            time: Date(timeIntervalSince1970: 1_800_000_000)))
        for n in 0..<30 {
            let domain = "d\(n).example"
            for _ in 0...n {
                statistics.record(RunEvent(.outcome, key: "x@\(domain)", domain: domain, state: .accepted, relay: "a:25",
                                           code: 250, time: Date(timeIntervalSince1970: 1_800_000_100)))
            }
        }
        statistics.record(RunEvent(.outcome, key: "y@d0.example", domain: "d0.example", state: .failed, relay: "b:25",
                                   code: 550, enhancedStatus: "5.1.1"))
        statistics.record(RunEvent(.outcome, key: "z@d0.example", domain: "d0.example", state: .deferred))
        let text = MetricsExposition.render(statistics.snapshot, domainLimit: 5, finished: true)
        let samples = try PythonCheck.prometheusSamples(text)
        // The parser hands back label values unescaped.
        let campaign = #"campaign="spring "sale"\2026""#
        #expect(samples["# TYPE edm_recipients counter"] == 1)
        #expect(samples["edm_recipients_total{\(campaign),state=\"accepted\"}"] == 465)
        #expect(samples["edm_recipients_total{\(campaign),state=\"failed\"}"] == 1)
        #expect(samples["edm_relay_outcomes_total{\(campaign),relay=\"b:25\",state=\"failed\"}"] == 1)
        #expect(samples["edm_replies_total{\(campaign),class=\"5xx\"}"] == 1)
        #expect(samples["edm_replies_total{\(campaign),class=\"none\"}"] == 1)
        #expect(samples["edm_last_success_timestamp_seconds{\(campaign)}"] == 1_800_000_100)
        #expect(samples["edm_deliverable_recipients{\(campaign)}"] == 40)
        #expect(samples["edm_run_finished{\(campaign)}"] == 1)
        // A relay whose last attempt found no connection is down; the other is up.
        #expect(samples["edm_relay_up{\(campaign),relay=\"a:25\"}"] == 0)
        // The 5 busiest domains (d29…d25) plus "other" holding the rest.
        let domains = Set(samples.keys.filter { $0.hasPrefix("edm_domain_recipients_total{") }
            .compactMap { $0.split(separator: "domain=\"").last?.split(separator: "\"").first.map(String.init) })
        #expect(domains == ["d25.example", "d26.example", "d27.example", "d28.example", "d29.example", "other"])
        #expect(samples["edm_domain_recipients_total{\(campaign),domain=\"other\",state=\"accepted\"}"] == Double((1...25).reduce(0, +)))
    }
}
