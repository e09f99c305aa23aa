package org.arivoice.ari.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** REST fault rules: delay or fail the next N requests whose method and path match. Thread-safe. */
final class Faults {
    /** One rule; {@code status} 0 means "delay only". */
    static final class Rule {
        final String method;
        final Pattern path;
        final int status;
        final Duration delay;
        final AtomicInteger remaining;

        Rule(String method, Pattern path, int status, Duration delay, int times) {
            this.method = method;
            this.path = path;
            this.status = status;
            this.delay = delay;
            this.remaining = new AtomicInteger(times);
        }

        boolean matches(String m, String p) {
            return (method.equals("*") || method.equalsIgnoreCase(m)) && path.matcher(p).matches();
        }
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    void add(Rule rule) {
        rules.add(rule);
    }

    void clear() {
        rules.clear();
    }

    /** Takes one use of the first matching rule, if any. */
    Optional<Rule> take(String method, String path) {
        for (Rule r : rules) {
            if (r.matches(method, path)) {
                if (r.remaining.getAndDecrement() > 0) {
                    return Optional.of(r);
                }
                rules.remove(r);
            }
        }
        return Optional.empty();
    }
}
