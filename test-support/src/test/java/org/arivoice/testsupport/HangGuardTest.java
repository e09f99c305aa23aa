package org.arivoice.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

class HangGuardTest {

    /** Run by the engine test kit below, not by the build itself. */
    @HangGuard(seconds = 1)
    static class Guarded {
        @Test
        void hangs() throws InterruptedException {
            Thread.sleep(60_000);
        }

        @Test
        void swallowsTheInterruptAndKeepsGoing() {
            long end = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        }

        @Test
        void finishesInTime() {
        }

        @Test
        @HangGuard(seconds = 30)
        void theMethodsOwnBoundWins() throws InterruptedException {
            Thread.sleep(1_500);
        }
    }

    @Test
    void aHangingTestFailsWithATimeoutAndTheOthersRunNormally() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Guarded.class)).execute()
                .testEvents();
        tests.assertThatEvents()
                .haveExactly(1, event(test("hangs"), finishedWithFailure(instanceOf(TimeoutException.class),
                        message(m -> m.contains("hang guard of") && m.contains("interrupted")))))
                .haveExactly(1, event(test("swallowsTheInterruptAndKeepsGoing"),
                        finishedWithFailure(instanceOf(TimeoutException.class))))
                .haveExactly(1, event(test("finishesInTime"), finishedSuccessfully()))
                .haveExactly(1, event(test("theMethodsOwnBoundWins"), finishedSuccessfully()));
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
