package org.arivoice.ari.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.arivoice.rtp.codec.G711;

/**
 * The G.711 µ-law audio of the prompts a simulated caller "plays" (8 kHz, split into 20 ms frames of 160
 * bytes). By default the real audio Asterisk sent in the recording is used: its first 1.4 s are the
 * {@code hello-world} prompt (the recording shows that prompt lasting 1,404 ms), the rest the part of
 * {@code demo-congrats} that was captured before the caller hung up.
 *
 * <p>That recording (3.5 s, the RTP payloads a real Asterisk sent to an ExternalMedia socket while the caller
 * leg played those two prompts; {@code testdata/asterisk-ari/transcripts/caller-audio-from-externalmedia.ulaw}
 * in the project, see {@code testdata/README.md}) is bundled as the resource {@value #RECORDING}, so every
 * FakeAsterisk has the same caller audio whatever the working directory.
 */
final class CallerAudio {
    static final int FRAME_BYTES = 160;
    /** The recorded caller audio, a resource beside this class. */
    static final String RECORDING = "caller-audio.ulaw";
    private static final int HELLO_WORLD_BYTES = 70 * FRAME_BYTES;

    private final Map<String, byte[]> prompts;
    private final String origin;

    private CallerAudio(Map<String, byte[]> prompts, String origin) {
        this.prompts = prompts;
        this.origin = origin;
    }

    /** Splits recorded caller audio into the two prompts of the {@code caller} extension. */
    static CallerAudio fromRecording(byte[] ulaw, String origin) {
        if (ulaw.length <= HELLO_WORLD_BYTES) {
            throw new IllegalArgumentException("caller audio must be longer than 1.4 s (11,200 bytes of µ-law), was "
                    + ulaw.length + " bytes");
        }
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("hello-world", padToFrames(Arrays.copyOfRange(ulaw, 0, HELLO_WORLD_BYTES)));
        m.put("demo-congrats", padToFrames(Arrays.copyOfRange(ulaw, HELLO_WORLD_BYTES, ulaw.length)));
        return new CallerAudio(Map.copyOf(m), origin);
    }

    /** Generated tones (440 Hz for 1.4 s, 660 Hz for 2.1 s): caller audio of the prompts' lengths, not recorded. */
    static CallerAudio generated() {
        return new CallerAudio(Map.of("hello-world", tone(440, 1400), "demo-congrats", tone(660, 2100)),
                "generated tones");
    }

    /** The recorded caller audio bundled with this class: what every FakeAsterisk's callers play by default. */
    static CallerAudio defaultAudio() {
        return fromRecording(recording(), "the recorded caller audio (resource " + RECORDING + ")");
    }

    /** The bytes of the bundled recording. */
    static byte[] recording() {
        try (InputStream in = CallerAudio.class.getResourceAsStream(RECORDING)) {
            if (in == null) {
                throw new IllegalStateException("the ari-testkit jar lacks its resource " + RECORDING);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the bundled " + RECORDING, e);
        }
    }

    private static byte[] tone(double hz, int millis) {
        int n = millis * 8;
        short[] pcm = new short[n];
        for (int i = 0; i < n; i++) {
            pcm[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * hz * i / 8000.0));
        }
        byte[] out = new byte[n];
        G711.linearToUlaw(pcm, 0, n, out, 0);
        return padToFrames(out);
    }

    private static byte[] padToFrames(byte[] ulaw) {
        int frames = (ulaw.length + FRAME_BYTES - 1) / FRAME_BYTES;
        byte[] out = Arrays.copyOf(ulaw, frames * FRAME_BYTES);
        Arrays.fill(out, ulaw.length, out.length, (byte) 0xFF); // µ-law silence
        return out;
    }

    /** The µ-law bytes of a prompt, or empty when the caller has no audio for it. */
    Optional<byte[]> prompt(String name) {
        return Optional.ofNullable(prompts.get(name));
    }

    /** Every prompt concatenated in dialplan order: what a caller of the {@code caller} extension says. */
    byte[] all() {
        byte[] a = prompts.get("hello-world");
        byte[] b = prompts.get("demo-congrats");
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    String origin() {
        return origin;
    }
}
