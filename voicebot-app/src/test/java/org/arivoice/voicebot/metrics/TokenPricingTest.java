package org.arivoice.voicebot.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.arivoice.realtime.event.RealtimeResponse;
import org.arivoice.realtime.event.RealtimeResponse.InputTokenDetails;
import org.arivoice.realtime.event.RealtimeResponse.OutputTokenDetails;
import org.arivoice.realtime.event.RealtimeResponse.Usage;
import org.junit.jupiter.api.Test;

class TokenPricingTest {

    @Test
    void theStaticEstimatePricesEveryTokenAsGptRealtimeAudio() {
        // One million input tokens at $32 and half a million output tokens at $64.
        assertThat(TokenPricing.estimate(1_000_000, 500_000)).isCloseTo(64.0, within(1e-9));
        assertThat(TokenPricing.estimate(600, 1200)).isCloseTo((600 * 32.0 + 1200 * 64.0) / 1e6, within(1e-12));
        assertThat(TokenPricing.estimate(0, 0)).isZero();
        assertThat(TokenPricing.estimate(-5, -5)).isZero();
    }

    @Test
    void theDefaultsAreThePublishedGptRealtimePrices() {
        TokenPricing p = TokenPricing.GPT_REALTIME;

        assertThat(p.textInput()).isEqualTo(4.0);
        assertThat(p.cachedTextInput()).isEqualTo(0.4);
        assertThat(p.textOutput()).isEqualTo(16.0);
        assertThat(p.audioInput()).isEqualTo(32.0);
        assertThat(p.cachedAudioInput()).isEqualTo(0.4);
        assertThat(p.audioOutput()).isEqualTo(64.0);
        assertThat(TokenPricing.NONE.cost(1_000_000, 1_000_000)).isZero();
    }

    @Test
    void aUsageBreakdownIsPricedByKindWithCachedTokensTakenFromTextFirst() {
        TokenPricing pricing = TokenPricing.builder()
                .textInput(1).cachedTextInput(0.1).textOutput(2)
                .audioInput(10).cachedAudioInput(0.5).audioOutput(20)
                .build();
        // 300 text + 700 audio input, 500 of them cached: 300 cached text, 200 cached audio, 500 uncached audio.
        Usage usage = new Usage(1400L, 1000L, 400L, new InputTokenDetails(500L, 300L, null, 700L),
                new OutputTokenDetails(100L, 300L));

        double expected = (300 * 0.1 + 200 * 0.5 + 500 * 10 + 100 * 2 + 300 * 20) / 1e6;
        assertThat(pricing.cost(usage)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void aUsageWithoutBreakdownIsPricedAsAudio() {
        Usage usage = new Usage(300L, 100L, 200L, null, null);

        assertThat(TokenPricing.GPT_REALTIME.cost(usage)).isCloseTo((100 * 32.0 + 200 * 64.0) / 1e6, within(1e-12));
        assertThat(TokenPricing.GPT_REALTIME.cost((RealtimeResponse.Usage) null)).isZero();
        assertThat(TokenPricing.GPT_REALTIME.cost(new Usage(null, null, null, null, null))).isZero();
    }

    @Test
    void moreCachedTokensThanInputTokensCannotMakeTheCostNegative() {
        Usage usage = new Usage(10L, 10L, 0L, new InputTokenDetails(50L, 4L, null, 6L), null);

        assertThat(TokenPricing.GPT_REALTIME.cost(usage)).isCloseTo((4 * 0.4 + 6 * 0.4) / 1e6, within(1e-12));
    }

    @Test
    void invalidPricesAreRejectedWithTheFieldNamed() {
        assertThatThrownBy(() -> TokenPricing.builder().audioOutput(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("audioOutput")
                .hasMessageContaining("-1.0");
        assertThatThrownBy(() -> new TokenPricing(Double.NaN, 0, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("textInput");
        assertThatThrownBy(() -> TokenPricing.builder().cachedAudioInput(Double.POSITIVE_INFINITY).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cachedAudioInput");
    }
}
