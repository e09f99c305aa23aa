package org.arivoice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.arivoice.ari.AriClient;
import org.arivoice.ari.resources.BridgeOptions;
import org.arivoice.testsupport.HangGuard;
import org.junit.jupiter.api.Test;

/**
 * The scenarios' own tools can fail: the tone check tells 440 Hz from 620 Hz, the WAV reader rejects what is not
 * a 16-bit PCM WAV, and the leftover check finds (and removes) a bridge a test forgot.
 */
@HangGuard(seconds = 60)
class SupportToolsIT {
    private static final int RATE = 8000;

    @Test
    void goertzelTellsTheCallerToneFromTheTransferTone() {
        short[] a440 = tone(440, RATE);
        short[] a620 = tone(620, RATE);
        assertThat(Goertzel.power(a440, RATE, 440)).isGreaterThan(10 * Goertzel.power(a440, RATE, 620));
        assertThat(Goertzel.power(a620, RATE, 620)).isGreaterThan(10 * Goertzel.power(a620, RATE, 440));
        assertThat(Goertzel.power(new short[RATE], RATE, 440)).isZero();
    }

    @Test
    void wavReaderReturnsThePcmOfAWavAndRejectsOtherBytes() {
        short[] samples = tone(440, 800);
        WavAudio audio = WavAudio.parse(wav(samples));
        assertThat(audio.sampleRate()).isEqualTo(RATE);
        assertThat(audio.samples()).containsExactly(samples);

        assertThat(WavAudio.parse(wav(new short[0])).samples()).isEmpty();
        assertThatThrownBy(() -> WavAudio.parse("not a wav file at all".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RIFF");
    }

    @Test
    void leftoverCheckFindsAForgottenBridgeAndRemovesIt() {
        AsteriskTarget target = Targets.current();
        String prefix = "it-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF))
                + "-";
        try (AriClient ari = AriClient.builder().baseUrl(target.baseUrl())
                .credentials(target.user(), target.password()).build()) {
            assertThat(Leftovers.find(ari, prefix)).isEmpty();
            ari.bridges().create(BridgeOptions.builder().type("mixing").bridgeId(prefix + "forgotten").build())
                    .await();

            assertThat(Leftovers.find(ari, prefix)).containsExactly("bridge " + prefix + "forgotten with 0 channel(s)");
            assertThat(Leftovers.find(ari, prefix + "other-")).isEmpty();

            Leftovers.remove(ari, prefix);
            assertThat(Leftovers.find(ari, prefix)).isEmpty();
        }
    }

    private static short[] tone(double hz, int n) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(10_000 * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return s;
    }

    /** A minimal 8 kHz mono 16-bit PCM WAV, as Asterisk's wav format writes it. */
    private static byte[] wav(short[] samples) {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples.length)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(2 * RATE)
                .putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * samples.length);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }
}
