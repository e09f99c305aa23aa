package org.arivoice.ari.resources;

import java.util.Objects;

/**
 * The value of a channel or bridge variable set at creation (or with {@code setVariables}), and whether
 * Asterisk should include later changes of it in channel or bridge events.
 *
 * @param value the variable's value
 * @param reportEvents whether changes to the variable are reported in events ({@code report_events})
 */
public record VariableValue(String value, boolean reportEvents) {
    /**
     * Validates the value.
     *
     * @param value the variable's value
     * @param reportEvents whether changes to the variable are reported in events ({@code report_events})
     * @throws NullPointerException if the value is {@code null}
     */
    public VariableValue {
        Objects.requireNonNull(value, "value");
    }

    /**
     * A plain value whose changes are not reported in events.
     *
     * @param value the value
     * @return the variable value
     */
    public static VariableValue of(String value) {
        return new VariableValue(value, false);
    }

    /**
     * A value whose changes are reported in channel or bridge events.
     *
     * @param value the value
     * @return the variable value
     */
    public static VariableValue reported(String value) {
        return new VariableValue(value, true);
    }
}
