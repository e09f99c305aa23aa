package org.arivoice.rtp.codec;

/**
 * Streaming sample-rate converter for 16-bit mono PCM between the telephony and AI audio rates 8000,
 * 16000, 24000 and 48000 Hz.
 *
 * <p>Conversions between different rates use a linear-phase (symmetric) FIR low-pass filter at the
 * common rate, evaluated in polyphase form so that only the output samples actually kept are computed.
 * The filters are designed for at least 80 dB of alias/image rejection and at most ±0.1 dB of passband
 * ripple up to 3.4 kHz when either side is 8 kHz, 7 kHz when the lower rate is 16 kHz and 10 kHz for
 * 24 kHz ↔ 48 kHz. Equal rates give a pass-through copy.
 *
 * <p><b>Timing.</b> The output is time-aligned with the input: input sample {@code n} (at time
 * {@code n / inRate()}) appears at output time {@code n / inRate()}, so a stream converted there and back
 * lines up with the original sample for sample. The price is latency: the filter needs input from the
 * future of each output sample, so {@link #process} holds back the last {@link #delaySamples()} output
 * samples it could otherwise have produced, and {@link #flush} releases them at the end of the stream.
 * {@link #delaySamples()} is therefore the filter's group delay, in output samples.
 *
 * <p><b>Blocking.</b> The output depends only on the sequence of input samples, never on how it is split
 * into {@link #process} calls: feeding one block or many gives bit-identical results. Over a whole stream
 * {@code process} plus {@code flush} return {@code round(totalInput * outRate / inRate)} samples (halves
 * rounded up).
 *
 * <p>Instances are stateful and not thread-safe; use one per audio stream and direction. After creation
 * nothing allocates.
 *
 * <pre>{@code
 * Resampler up = Resampler.create(8000, 24000);
 * short[] out = new short[up.maxOutput(160)];
 * int n = up.process(frame, 0, 160, out, 0);   // n == 480 except for the first frame(s)
 * }</pre>
 */
public sealed interface Resampler permits PassthroughResampler, PolyphaseResampler {

    /**
     * Creates a converter. Supported rates are 8000, 16000, 24000 and 48000 Hz, in any combination.
     *
     * @param inRate input sample rate in Hz
     * @param outRate output sample rate in Hz
     * @return a new converter in its initial state
     * @throws IllegalArgumentException if a rate is not supported
     */
    static Resampler create(int inRate, int outRate) {
        PolyphaseResampler.requireSupported(inRate, "input");
        PolyphaseResampler.requireSupported(outRate, "output");
        if (inRate == outRate) {
            return new PassthroughResampler(inRate);
        }
        return new PolyphaseResampler(inRate, outRate);
    }

    /**
     * Returns the input sample rate.
     *
     * @return the input sample rate in Hz
     */
    int inRate();

    /**
     * Returns the output sample rate.
     *
     * @return the output sample rate in Hz
     */
    int outRate();

    /**
     * Returns the latency of the converter: the number of output samples that {@link #process} holds back
     * until later input (or {@link #flush}) arrives. Equal to the filter's group delay in output samples;
     * divide by {@link #outRate()} for seconds. Zero for a pass-through converter.
     *
     * @return the delay in output samples
     */
    int delaySamples();

    /**
     * Returns an upper bound for the number of samples one {@link #process} call with {@code inLen} input
     * samples writes, whatever state the converter is in: {@code ceil(inLen * outRate / inRate)}.
     *
     * @param inLen number of input samples
     * @return the largest number of output samples that call can produce
     * @throws IllegalArgumentException if {@code inLen} is negative
     */
    int maxOutput(int inLen);

    /**
     * Converts a block of input and writes every output sample that has become available.
     *
     * @param in input samples
     * @param inOff index of the first input sample
     * @param inLen number of input samples
     * @param out receives the output samples
     * @param outOff index in {@code out} of the first sample written
     * @return the number of output samples written, at most {@link #maxOutput(int) maxOutput(inLen)}
     * @throws IndexOutOfBoundsException if the input range lies outside {@code in} or {@code out} has no room
     *     for the samples produced; the converter's state is then unchanged
     */
    int process(short[] in, int inOff, int inLen, short[] out, int outOff);

    /**
     * Ends the stream: writes the output samples still held back (at most {@link #delaySamples()}), computed
     * as if the input continued with silence, so that the whole stream's output has
     * {@code round(totalInput * outRate / inRate)} samples. Afterwards the converter is {@link #reset()}
     * and can start a new stream.
     *
     * @param out receives the output samples
     * @param outOff index in {@code out} of the first sample written
     * @return the number of output samples written
     * @throws IndexOutOfBoundsException if {@code out} has no room for them; the converter's state is then
     *     unchanged
     */
    int flush(short[] out, int outOff);

    /** Discards all buffered input and returns to the initial state, as if newly created. */
    void reset();
}
