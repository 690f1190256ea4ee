// ClockTests: ManualClock moves only forward and only when told; SystemClock advances on its own.
import Campaign
import Foundation
import Testing

@Suite struct ClockTests {
    @Test("ManualClock stands still until advanced, and never goes back")
    func manualClock() {
        let clock = ManualClock(start: 5)
        #expect(clock.now() == 5)
        clock.advance(by: 1.5)
        #expect(clock.now() == 6.5)
        clock.advance(by: -3)
        clock.advance(by: .nan)
        #expect(clock.now() == 6.5)
        clock.advance(to: 2)
        #expect(clock.now() == 6.5)
        clock.advance(to: 10)
        #expect(clock.now() == 10)
    }

    @Test("SystemClock is monotonic and follows real time (the one real sleep, 20 ms)")
    func systemClockSmoke() {
        let clock = SystemClock()
        let start = clock.now()
        Thread.sleep(forTimeInterval: 0.02)
        let elapsed = clock.now() - start
        #expect(elapsed >= 0.015)
        #expect(elapsed < 5)
    }
}
