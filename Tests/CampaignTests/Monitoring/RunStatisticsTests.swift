// RunStatistics: counts by state, domain and relay, reply classes, grouped failures, relay health and ETA.
import Campaign
import Foundation
import Testing

@Suite struct RunStatisticsTests {
    @Test("outcomes count by state, domain, relay and reply class; skips only by state and domain; intents not at all")
    func counts() {
        let statistics = RunStatistics()
        statistics.runStarted(RunStart(campaignID: "c", deliverable: 4, relays: ["a:25", "b:25"]))
        statistics.record(RunEvent(.intent, key: "x@one.example", domain: "one.example", state: .attempting))
        statistics.record(RunEvent(.outcome, key: "x@one.example", domain: "one.example", state: .accepted, relay: "a:25", code: 250))
        statistics.record(RunEvent(.outcome, key: "y@one.example", domain: "one.example", state: .failed, relay: "b:25",
                                   code: 550, enhancedStatus: "5.1.1", reply: "5.1.1 <y@one.example> unknown"))
        statistics.record(RunEvent(.outcome, key: "z@two.example", domain: "two.example", state: .failed, relay: "b:25",
                                   code: 550, enhancedStatus: "5.1.1", reply: "5.1.1 <z@two.example> unknown"))
        statistics.record(RunEvent(.skip, key: "w@two.example", domain: "two.example", state: .suppressed))
        let snapshot = statistics.snapshot
        #expect(snapshot.byState == ["accepted": 1, "failed": 2, "suppressed": 1])
        #expect(snapshot.attempts == 3)
        #expect(snapshot.byDomain["one.example"] == RunStatistics.Counts(accepted: 1, deferred: 0, failed: 1, other: 0))
        #expect(snapshot.byDomain["two.example"] == RunStatistics.Counts(accepted: 0, deferred: 0, failed: 1, other: 1))
        #expect(snapshot.byRelay["b:25"]?.failed == 2)
        #expect(snapshot.replyClasses == ["2xx": 1, "5xx": 2])
        // Two replies differing only in the address are one failure kind.
        #expect(snapshot.topFailures(5).map(\.reply) == ["550 5.1.1 <address> unknown"])
        #expect(snapshot.topFailures(5).first?.count == 2)
        #expect(snapshot.topDomains(1).map(\.domain) == ["one.example"])
        #expect(snapshot.lastSuccess != nil)
    }

    @Test("a relay is down after an attempt that could not connect, up again after one that did; no relay named: all down")
    func relayHealth() {
        let statistics = RunStatistics()
        statistics.runStarted(RunStart(campaignID: "c", deliverable: nil, relays: ["a:25", "b:25"]))
        #expect(statistics.snapshot.relaysUp == 2)
        statistics.record(RunEvent(.outcome, key: "x@e.example", domain: "e.example", state: .deferred, relay: "a:25"))
        #expect(statistics.snapshot.relaysUp == 1)
        statistics.record(RunEvent(.outcome, key: "x@e.example", domain: "e.example", state: .deferred))
        #expect(statistics.snapshot.relaysUp == 0)
        statistics.record(RunEvent(.outcome, key: "x@e.example", domain: "e.example", state: .accepted, relay: "b:25", code: 250))
        #expect(statistics.snapshot.relaysUp == 1)
    }

    @Test("the ETA needs a counted total and rows read; rows left are the deliverable ones not yet read")
    func estimate() {
        let statistics = RunStatistics()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        statistics.runStarted(RunStart(campaignID: "c", deliverable: 10, relays: [], time: start))
        #expect(statistics.snapshot.estimatedSecondsLeft(now: start.addingTimeInterval(10)) == nil)
        for _ in 0..<4 { statistics.rowRead(deliverable: true) }
        statistics.rowRead(deliverable: false)
        // 4 of 10 deliverable rows in 8 s: 6 left at 2 a second.
        #expect(statistics.snapshot.estimatedSecondsLeft(now: start.addingTimeInterval(8)) == 12)
    }
}
