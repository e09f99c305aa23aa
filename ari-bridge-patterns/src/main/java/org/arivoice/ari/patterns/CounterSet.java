package org.arivoice.ari.patterns;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link CallCounters}. */
final class CounterSet {
    private final LongAdder started = new LongAdder();
    private final LongAdder ready = new LongAdder();
    private final LongAdder abandoned = new LongAdder();
    private final LongAdder teardownFailures = new LongAdder();
    private final LongAdder transfers = new LongAdder();
    private final LongAdder swept = new LongAdder();
    private final Map<SetupStep, LongAdder> failures = new EnumMap<>(SetupStep.class);
    private final Map<TeardownReason, LongAdder> teardowns = new EnumMap<>(TeardownReason.class);

    CounterSet() {
        for (SetupStep s : SetupStep.values()) {
            failures.put(s, new LongAdder());
        }
        for (TeardownReason r : TeardownReason.values()) {
            teardowns.put(r, new LongAdder());
        }
    }

    void started() {
        started.increment();
    }

    void ready() {
        ready.increment();
    }

    void abandoned() {
        abandoned.increment();
    }

    void setupFailed(SetupStep step) {
        failures.get(step).increment();
    }

    void tornDown(TeardownReason reason, int failedResources) {
        teardowns.get(reason).increment();
        teardownFailures.add(failedResources);
    }

    void transferred() {
        transfers.increment();
    }

    void swept(int n) {
        swept.add(n);
    }

    CallCounters snapshot() {
        Map<SetupStep, Long> f = new EnumMap<>(SetupStep.class);
        failures.forEach((k, v) -> f.put(k, v.sum()));
        Map<TeardownReason, Long> t = new EnumMap<>(TeardownReason.class);
        teardowns.forEach((k, v) -> t.put(k, v.sum()));
        return new CallCounters(started.sum(), ready.sum(), f, abandoned.sum(), t, teardownFailures.sum(),
                transfers.sum(), swept.sum());
    }
}
