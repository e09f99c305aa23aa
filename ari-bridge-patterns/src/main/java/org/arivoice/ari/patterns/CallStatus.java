package org.arivoice.ari.patterns;

import java.util.List;
import java.util.Objects;

/**
 * The "system status": every active call with the resources it holds, and the counters.
 *
 * @param calls the active calls, oldest first
 * @param counters the counters since start
 */
public record CallStatus(List<CallView> calls, CallCounters counters) {
    /**
     * Keeps an unmodifiable copy.
     *
     * @param calls the active calls
     * @param counters the counters
     */
    public CallStatus {
        calls = List.copyOf(calls);
        Objects.requireNonNull(counters, "counters");
    }
}
