package org.arivoice.voicebot.config;

import java.util.List;

/**
 * The configuration is not usable. {@link #problems()} lists every problem found at once, each a sentence that
 * names the key, says what is wrong and gives an example of a right value; the message joins them, one per line.
 * No message ever contains a secret.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The problems; a List.copyOf is serializable. */
    private final List<String> problems;

    /**
     * Creates the exception.
     *
     * @param problems the problems, at least one
     */
    public ConfigException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    private static String message(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        return (problems.size() == 1 ? "The configuration has a problem:" : "The configuration has "
                + problems.size() + " problems:") + System.lineSeparator() + String.join(System.lineSeparator(),
                        problems);
    }

    /**
     * Every problem found, in the order found.
     *
     * @return the messages, one per problem
     */
    public List<String> problems() {
        return problems;
    }
}
