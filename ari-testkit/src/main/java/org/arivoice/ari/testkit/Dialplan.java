package org.arivoice.ari.testkit;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dialplan the recordings were made with ({@code extensions.conf}, context {@code ari-it}), as data.
 */
final class Dialplan {
    /** One priority of an extension. */
    record Step(String app, String data) {
    }

    static final String CONTEXT = "ari-it";

    private static final Map<String, List<Step>> ARI_IT = Map.of(
            "stasis", List.of(new Step("Answer", ""), new Step("Stasis", "voicebot"), new Step("Hangup", "")),
            "caller", List.of(new Step("Answer", ""), new Step("Wait", "0.5"), new Step("Playback", "hello-world"),
                    new Step("Playback", "demo-congrats"), new Step("Wait", "5"), new Step("Hangup", "")),
            "1000", List.of(new Step("Answer", ""), new Step("Stasis", "voicebot"), new Step("Hangup", "")));

    private Dialplan() {
    }

    /** The step at {@code priority} (1-based) of {@code exten@context}, or empty when there is none. */
    static Optional<Step> step(String context, String exten, int priority) {
        if (!CONTEXT.equals(context)) {
            return Optional.empty();
        }
        List<Step> steps = ARI_IT.get(exten);
        if (steps == null || priority < 1 || priority > steps.size()) {
            return Optional.empty();
        }
        return Optional.of(steps.get(priority - 1));
    }

    static boolean hasExtension(String context, String exten) {
        return CONTEXT.equals(context) && ARI_IT.containsKey(exten);
    }
}
