package org.arivoice.voicebot.metrics;

import org.arivoice.realtime.event.RealtimeResponse;

/**
 * Realtime API prices in US dollars per million tokens, for the estimated cost the bot reports through
 * {@link BotMetrics#tokens(long, long, double)} (Prometheus {@code arivoice_cost_usd_total}). The estimate is only
 * as good as the prices: set them to your model's and contract's prices; {@link #NONE} reports no cost.
 *
 * <p>{@link #GPT_REALTIME}, the default, holds the list prices OpenAI publishes for the {@code gpt-realtime}
 * family (the model page of {@code gpt-realtime-1.5} on developers.openai.com, read in 2026): text input $4,
 * cached text input $0.40, text output $16; audio input $32, cached audio input $0.40, audio output $64.
 *
 * <p>Example: {@code double usd = TokenPricing.GPT_REALTIME.cost(response.usage());}
 *
 * @param textInput USD per million uncached text input tokens
 * @param cachedTextInput USD per million cached text input tokens
 * @param textOutput USD per million text output tokens
 * @param audioInput USD per million uncached audio input tokens
 * @param cachedAudioInput USD per million cached audio input tokens
 * @param audioOutput USD per million audio output tokens
 */
public record TokenPricing(double textInput, double cachedTextInput, double textOutput, double audioInput,
        double cachedAudioInput, double audioOutput) {

    /** The published {@code gpt-realtime} list prices (see the type's description). */
    public static final TokenPricing GPT_REALTIME = new TokenPricing(4.00, 0.40, 16.00, 32.00, 0.40, 64.00);

    /** All prices 0: no cost is estimated. */
    public static final TokenPricing NONE = new TokenPricing(0, 0, 0, 0, 0, 0);

    private static final double MILLION = 1_000_000.0;

    /**
     * Validates the prices.
     *
     * @param textInput USD per million uncached text input tokens
     * @param cachedTextInput USD per million cached text input tokens
     * @param textOutput USD per million text output tokens
     * @param audioInput USD per million uncached audio input tokens
     * @param cachedAudioInput USD per million cached audio input tokens
     * @param audioOutput USD per million audio output tokens
     * @throws IllegalArgumentException if a price is negative, infinite or not a number
     */
    public TokenPricing {
        check("textInput", textInput);
        check("cachedTextInput", cachedTextInput);
        check("textOutput", textOutput);
        check("audioInput", audioInput);
        check("cachedAudioInput", cachedAudioInput);
        check("audioOutput", audioOutput);
    }

    /**
     * A builder starting from all prices 0.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The estimated cost of tokens whose kind is unknown, at the {@link #GPT_REALTIME} audio prices. For a voice
     * call most tokens are audio, and audio is the dearer kind, so the estimate errs high.
     *
     * @param inputTokens input tokens (negative counts as 0)
     * @param outputTokens output tokens (negative counts as 0)
     * @return US dollars
     */
    public static double estimate(long inputTokens, long outputTokens) {
        return GPT_REALTIME.cost(inputTokens, outputTokens);
    }

    /**
     * The cost of tokens whose kind is unknown, all priced as uncached audio.
     *
     * @param inputTokens input tokens (negative counts as 0)
     * @param outputTokens output tokens (negative counts as 0)
     * @return US dollars
     */
    public double cost(long inputTokens, long outputTokens) {
        return (nonNegative(inputTokens) * audioInput + nonNegative(outputTokens) * audioOutput) / MILLION;
    }

    /**
     * The cost of one response's usage (from {@code response.done}), priced by kind. The usage does not say
     * whether cached tokens were text or audio; they are taken from the text tokens first (instructions are the
     * usual cached prefix), the rest from audio. Image tokens are priced as text. Without a breakdown, all
     * tokens are priced as uncached audio, as in {@link #cost(long, long)}.
     *
     * @param usage the usage, or {@code null} (cost 0)
     * @return US dollars
     */
    public double cost(RealtimeResponse.Usage usage) {
        if (usage == null) {
            return 0;
        }
        long input = nonNegative(usage.inputTokens());
        long output = nonNegative(usage.outputTokens());
        double usd = 0;

        RealtimeResponse.InputTokenDetails in = usage.inputTokenDetails();
        if (in == null) {
            usd += input * audioInput;
        } else {
            long text = nonNegative(in.textTokens()) + nonNegative(in.imageTokens());
            long audio = nonNegative(in.audioTokens());
            long cached = Math.min(nonNegative(in.cachedTokens()), text + audio);
            long cachedText = Math.min(cached, text);
            long cachedAudio = cached - cachedText;
            usd += (text - cachedText) * textInput + cachedText * cachedTextInput
                    + (audio - cachedAudio) * audioInput + cachedAudio * cachedAudioInput;
        }

        RealtimeResponse.OutputTokenDetails out = usage.outputTokenDetails();
        if (out == null) {
            usd += output * audioOutput;
        } else {
            usd += nonNegative(out.textTokens()) * textOutput + nonNegative(out.audioTokens()) * audioOutput;
        }
        return usd / MILLION;
    }

    private static long nonNegative(Long value) {
        return value == null ? 0 : Math.max(0, value);
    }

    private static void check(String name, double usdPerMillion) {
        if (!Double.isFinite(usdPerMillion) || usdPerMillion < 0) {
            throw new IllegalArgumentException("The price " + name + " must be a finite number of US dollars per"
                    + " million tokens, 0 or more, was " + usdPerMillion + "; for example 32.0.");
        }
    }

    /** Builds a {@link TokenPricing}; every price not set is 0. */
    public static final class Builder {
        private double textInput;
        private double cachedTextInput;
        private double textOutput;
        private double audioInput;
        private double cachedAudioInput;
        private double audioOutput;

        private Builder() {
        }

        /**
         * Sets the text input price.
         *
         * @param usdPerMillion USD per million uncached text input tokens
         * @return this builder
         */
        public Builder textInput(double usdPerMillion) {
            this.textInput = usdPerMillion;
            return this;
        }

        /**
         * Sets the cached text input price.
         *
         * @param usdPerMillion USD per million cached text input tokens
         * @return this builder
         */
        public Builder cachedTextInput(double usdPerMillion) {
            this.cachedTextInput = usdPerMillion;
            return this;
        }

        /**
         * Sets the text output price.
         *
         * @param usdPerMillion USD per million text output tokens
         * @return this builder
         */
        public Builder textOutput(double usdPerMillion) {
            this.textOutput = usdPerMillion;
            return this;
        }

        /**
         * Sets the audio input price.
         *
         * @param usdPerMillion USD per million uncached audio input tokens
         * @return this builder
         */
        public Builder audioInput(double usdPerMillion) {
            this.audioInput = usdPerMillion;
            return this;
        }

        /**
         * Sets the cached audio input price.
         *
         * @param usdPerMillion USD per million cached audio input tokens
         * @return this builder
         */
        public Builder cachedAudioInput(double usdPerMillion) {
            this.cachedAudioInput = usdPerMillion;
            return this;
        }

        /**
         * Sets the audio output price.
         *
         * @param usdPerMillion USD per million audio output tokens
         * @return this builder
         */
        public Builder audioOutput(double usdPerMillion) {
            this.audioOutput = usdPerMillion;
            return this;
        }

        /**
         * The pricing.
         *
         * @return a new pricing
         * @throws IllegalArgumentException when a price is negative, infinite or not a number
         */
        public TokenPricing build() {
            return new TokenPricing(textInput, cachedTextInput, textOutput, audioInput, cachedAudioInput,
                    audioOutput);
        }
    }
}
