package org.arivoice.ari.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 */
final class CallerAudio {
    static final int FRAME_BYTES = 160;
    static final String RECORDING = "reference/asterisk-ari/transcripts/caller-audio-from-externalmedia.ulaw";
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

    /** Generated tones (440 Hz for 1.4 s, 660 Hz for 2.1 s) for when the recording is not available. */
    static CallerAudio generated() {
        return new CallerAudio(Map.of("hello-world", tone(440, 1400), "demo-congrats", tone(660, 2100)),
                "generated tones");
    }

    /** The recording from the shared reference folder when present, else generated tones. */
    static CallerAudio defaultAudio() {
        Optional<Path> shared = sharedDir();
        if (shared.isPresent()) {
            Path p = shared.get().resolve(RECORDING);
            if (Files.isRegularFile(p)) {
                try {
                    return fromRecording(Files.readAllBytes(p), p.toString());
                } catch (IOException e) {
                    throw new UncheckedIOException("could not read the recorded caller audio " + p, e);
                }
            }
        }
        return generated();
    }

    private static Optional<Path> sharedDir() {
        String prop = System.getProperty("arivoice.shared.dir");
        if (prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop))) {
            return Optional.of(Path.of(prop));
        }
        for (String candidate : new String[] {"../shared", "../../shared"}) {
            Path p = Path.of(candidate);
            if (Files.isDirectory(p.resolve("reference"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
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
