package org.arivoice.rtp.jitter;

/**
 * How a {@link JitterBuffer} fills the time of audio that did not arrive in time.
 *
 * <p>{@link #silence()} fills every gap with silence. {@link #repeat(int, double)} first replays the last
 * received audio, quieter by {@code attenuationDb} on each repeat (so 6 dB gives -6 dB, then -12 dB), for
 * at most {@code maxRepeats} chunks of one ptime each, then falls back to silence until audio arrives
 * again. A short repeat hides a single lost packet far better than a hole; a long one sounds robotic,
 * hence the cap of 2.
 *
 * @param maxRepeats how many ptime-long chunks of a gap are filled by repeating, 0 to 2 (0 means silence)
 * @param attenuationDb how much quieter each repeat is than the previous one, in dB, 0 to 60
 */
public record Concealment(int maxRepeats, double attenuationDb) {
    /** The largest supported number of repeats. */
    public static final int MAX_REPEATS = 2;
    /** The attenuation {@link #repeat(int)} uses: about half the amplitude per repeat. */
    public static final double DEFAULT_ATTENUATION_DB = 6.0;

    /**
     * Validates the values.
     *
     * @param maxRepeats how many ptime-long chunks of a gap are filled by repeating, 0 to 2
     * @param attenuationDb how much quieter each repeat is than the previous one, in dB, 0 to 60
     * @throws IllegalArgumentException if {@code maxRepeats} is outside 0-2 or {@code attenuationDb} is
     *     outside 0-60 dB
     */
    public Concealment {
        if (maxRepeats < 0 || maxRepeats > MAX_REPEATS) {
            throw new IllegalArgumentException("maxRepeats must be 0 to " + MAX_REPEATS + ", was " + maxRepeats
                    + " (longer repeats sound robotic; use silence after them)");
        }
        if (!(attenuationDb >= 0.0 && attenuationDb <= 60.0)) {
            throw new IllegalArgumentException("attenuationDb must be between 0 and 60 dB, was " + attenuationDb);
        }
    }

    /**
     * Fills every gap with silence.
     *
     * @return the silence policy
     */
    public static Concealment silence() {
        return new Concealment(0, 0.0);
    }

    /**
     * Repeats the last audio up to {@code maxRepeats} times, 6 dB quieter each time, then silence.
     *
     * @param maxRepeats 1 or 2
     * @return the repeat policy
     */
    public static Concealment repeat(int maxRepeats) {
        return repeat(maxRepeats, DEFAULT_ATTENUATION_DB);
    }

    /**
     * Repeats the last audio up to {@code maxRepeats} times, {@code attenuationDb} quieter each time,
     * then silence.
     *
     * @param maxRepeats 1 or 2
     * @param attenuationDb attenuation per repeat in dB
     * @return the repeat policy
     * @throws IllegalArgumentException if {@code maxRepeats} is not 1 or 2
     */
    public static Concealment repeat(int maxRepeats, double attenuationDb) {
        if (maxRepeats < 1) {
            throw new IllegalArgumentException("a repeat policy needs maxRepeats of 1 or 2, was " + maxRepeats
                    + "; use Concealment.silence() for none");
        }
        return new Concealment(maxRepeats, attenuationDb);
    }

    /**
     * Whether any gap is filled by repeating audio.
     *
     * @return {@code maxRepeats > 0}
     */
    public boolean repeats() {
        return maxRepeats > 0;
    }

    /**
     * The linear amplitude factor of the {@code n}-th repeat of a gap.
     *
     * @param n 1 for the first repeat, 2 for the second
     * @return {@code 10^(-n * attenuationDb / 20)}
     */
    public double gain(int n) {
        return Math.pow(10.0, -n * attenuationDb / 20.0);
    }
}
