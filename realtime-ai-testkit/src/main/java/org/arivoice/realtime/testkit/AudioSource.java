package org.arivoice.realtime.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The audio the fake "model" speaks in a response: a tone, or recorded PCM16 (24 kHz) or G.711 µ-law
 * (8 kHz) bytes. Immutable and thread-safe.
 *
 * <p>The fake sends it in whatever format the session asks for ({@code audio/pcm}, {@code audio/pcmu} or
 * {@code audio/pcma}), converting as needed.
 *
 * <pre>{@code
 * AudioSource beep = AudioSource.tone(440, Duration.ofMillis(1500), 0.3);
 * AudioSource prompt = AudioSource.readMulaw(Path.of("prompt.ulaw"));
 * }</pre>
 */
public final class AudioSource {
    private final short[] pcm24k;
    private final String description;
    private final Map<AudioFormat, byte[]> rendered = new EnumMap<>(AudioFormat.class);

    private AudioSource(short[] pcm24k, String description) {
        this.pcm24k = pcm24k;
        this.description = description;
    }

    /**
     * A sine tone.
     *
     * @param frequencyHz the frequency, between 20 and 11,000 Hz
     * @param duration how long the tone lasts, at least 10 ms and at most 10 minutes
     * @param amplitude the peak level as a fraction of full scale, in (0, 1]
     * @return the tone
     * @throws IllegalArgumentException if a value is out of range
     */
    public static AudioSource tone(double frequencyHz, Duration duration, double amplitude) {
        Objects.requireNonNull(duration, "duration");
        if (!(frequencyHz >= 20 && frequencyHz <= 11_000)) {
            throw new IllegalArgumentException("The tone frequency must be between 20 and 11000 Hz, not " + frequencyHz);
        }
        if (duration.toMillis() < 10 || duration.toMinutes() > 10) {
            throw new IllegalArgumentException("The tone must last between 10 ms and 10 minutes, not " + duration);
        }
        if (!(amplitude > 0 && amplitude <= 1)) {
            throw new IllegalArgumentException("The tone amplitude is a fraction of full scale in (0, 1], not " + amplitude);
        }
        int samples = (int) (duration.toMillis() * 24);
        short[] pcm = new short[samples];
        double step = 2 * Math.PI * frequencyHz / 24_000.0;
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(Math.sin(step * i) * amplitude * 32767);
        }
        return new AudioSource(pcm, "tone " + frequencyHz + " Hz, " + duration.toMillis() + " ms");
    }

    /**
     * Recorded PCM16: signed 16-bit little-endian mono samples at 24 kHz (the bytes of {@code audio/pcm}).
     *
     * @param littleEndian24k the samples; an odd trailing byte is ignored
     * @return the source (the bytes are copied)
     * @throws IllegalArgumentException if there is less than one sample
     */
    public static AudioSource pcm16(byte[] littleEndian24k) {
        Objects.requireNonNull(littleEndian24k, "littleEndian24k");
        if (littleEndian24k.length < 2) {
            throw new IllegalArgumentException("PCM16 audio needs at least one 2-byte sample");
        }
        return new AudioSource(AudioFormat.PCM16.decode(littleEndian24k, 0, littleEndian24k.length),
                "pcm16 " + littleEndian24k.length / 48 + " ms");
    }

    /**
     * Recorded G.711 µ-law at 8 kHz (the bytes of {@code audio/pcmu}, or of an Asterisk {@code .ulaw} file).
     *
     * @param mulaw8k the µ-law bytes
     * @return the source (upsampled to 24 kHz internally)
     * @throws IllegalArgumentException if the array is empty
     */
    public static AudioSource mulaw(byte[] mulaw8k) {
        Objects.requireNonNull(mulaw8k, "mulaw8k");
        if (mulaw8k.length == 0) {
            throw new IllegalArgumentException("µ-law audio needs at least one byte");
        }
        short[] narrow = AudioFormat.PCMU.decode(mulaw8k, 0, mulaw8k.length);
        short[] wide = new short[narrow.length * 3];
        for (int i = 0; i < narrow.length; i++) {
            int current = narrow[i];
            int next = i + 1 < narrow.length ? narrow[i + 1] : current;
            // Linear interpolation from 8 kHz to 24 kHz.
            wide[3 * i] = (short) current;
            wide[3 * i + 1] = (short) ((2 * current + next) / 3);
            wide[3 * i + 2] = (short) ((current + 2 * next) / 3);
        }
        return new AudioSource(wide, "mulaw " + mulaw8k.length / 8 + " ms");
    }

    /**
     * Reads a raw PCM16 24 kHz little-endian file (no header).
     *
     * @param file the file
     * @return the source
     * @throws IOException if the file cannot be read
     */
    public static AudioSource readPcm16(Path file) throws IOException {
        return pcm16(Files.readAllBytes(file));
    }

    /**
     * Reads a raw G.711 µ-law 8 kHz file (no header), such as Asterisk's {@code .ulaw} sound files.
     *
     * @param file the file
     * @return the source
     * @throws IOException if the file cannot be read
     */
    public static AudioSource readMulaw(Path file) throws IOException {
        return mulaw(Files.readAllBytes(file));
    }

    /**
     * The length of the audio.
     *
     * @return the duration, to the millisecond
     */
    public Duration duration() {
        return Duration.ofMillis(pcm24k.length / 24);
    }

    /** The audio in the given format; cached, so callers must not modify the array. */
    synchronized byte[] render(AudioFormat format) {
        return rendered.computeIfAbsent(format, f -> f.encodeFrom24k(pcm24k));
    }

    /**
     * Describes the source, for test failure messages.
     *
     * @return a short description such as {@code tone 440.0 Hz, 1500 ms}
     */
    @Override
    public String toString() {
        return "AudioSource[" + description + "]";
    }
}
