import CustomsCore
@testable import CustomsXML
import Foundation
import Testing

/// ``ThreadKept``: a kept parser stays with the thread that kept it, and is released with it.
@Suite(.timeLimit(.minutes(20))) struct ThreadKeptTests {
    /// An object that notes its release.
    final class Kept: Sendable {
        let name: String
        let releases: LockedValue<[String]>
        init(_ name: String, releases: LockedValue<[String]>) {
            self.name = name
            self.releases = releases
        }
        deinit { releases.withLock { $0.append(name) } }
    }

    /// Runs `body` on a new thread and returns once that thread has ended.
    private func onAnotherThread(_ body: @escaping @Sendable () -> Void) {
        let ended = DispatchSemaphore(value: 0)
        let thread = Thread {
            body()
            ended.signal()
        }
        thread.start()
        ended.wait()
        // The thread's kept object is released as the thread exits, after `body` returned.
        while !thread.isFinished { usleep(1000) }
    }

    @Test func eachThreadTakesBackWhatItKeptAndNoOtherThreadSeesIt() {
        let releases = LockedValue<[String]>([])
        let kept = ThreadKept<Kept>()
        #expect(kept.take() == nil)
        kept.keep(Kept("kept here", releases: releases))
        let takenElsewhere = LockedValue<[String?]>([])
        onAnotherThread { takenElsewhere.withLock { $0.append(kept.take()?.name) } }
        #expect(takenElsewhere.withLock { $0 } == [nil])
        #expect(kept.take()?.name == "kept here")
        #expect(kept.take() == nil)
    }

    @Test func keepingAgainReleasesTheEarlierOne() {
        let releases = LockedValue<[String]>([])
        let kept = ThreadKept<Kept>()
        kept.keep(Kept("first", releases: releases))
        kept.keep(Kept("second", releases: releases))
        #expect(releases.withLock { $0 } == ["first"])
        #expect(kept.take()?.name == "second")
    }

    @Test func whatAThreadLeftIsReleasedWhenTheThreadEnds() {
        let releases = LockedValue<[String]>([])
        let kept = ThreadKept<Kept>()
        onAnotherThread { kept.keep(Kept("left by a thread", releases: releases)) }
        var waited = 0
        while releases.withLock({ $0.isEmpty }), waited < 10_000 {
            usleep(1000)
            waited += 1
        }
        #expect(releases.withLock { $0 } == ["left by a thread"])
    }
}
