package org.arivoice.ari.testkit;

import java.util.ArrayList;
import java.util.List;
import org.arivoice.rtp.codec.G711;

/**
 * The audio of {@code PlayTones(...)}: Asterisk's tone-list syntax in its simple forms, as parsed by
 * {@code ast_playtones_start} (main/indications.c): comma-separated items {@code f1[+f2][/ms]}, an item
 * starting with {@code !} plays once, the others repeat as a cadence; an item without a duration plays until
 * stopped. Each frequency has Asterisk's default amplitude 7219 (its "-8 dB" default volume, about -10 dBm0
 * for µ-law). Produces 20 ms µ-law frames; not thread-safe (used under the {@link Pbx} lock).
 */
final class ToneGenerator {
    /** Asterisk's default playtones volume (indications.c: {@code vol = 7219}). */
    static final double AMPLITUDE = 7219;
    private static final int RATE = 8000;

    private record Item(double f1, double f2, int samples, boolean once) {
    }

    private final List<Item> items;
    private final int repeatFrom;
    private int index;
    private int sampleInItem;
    private boolean finished;

    private ToneGenerator(List<Item> items) {
        this.items = items;
        int first = -1;
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).once()) {
                first = i;
                break;
            }
        }
        this.repeatFrom = first;
    }

    /**
     * Parses a tone list.
     *
     * @throws IllegalArgumentException for forms the fake does not generate (indication names such as
     *     {@code busy}, modulated {@code f1*f2}, MIDI notes {@code M...}) or malformed items
     */
    static ToneGenerator parse(String spec) {
        List<Item> items = new ArrayList<>();
        for (String raw : spec.split("[,|]")) {
            String item = raw.trim();
            if (item.isEmpty()) {
                continue;
            }
            boolean once = item.startsWith("!");
            if (once) {
                item = item.substring(1);
            }
            int samples = 0;
            int slash = item.indexOf('/');
            try {
                if (slash >= 0) {
                    samples = Integer.parseInt(item.substring(slash + 1).trim()) * RATE / 1000;
                    item = item.substring(0, slash);
                }
                String[] freqs = item.split("\\+");
                if (freqs.length > 2) {
                    throw new IllegalArgumentException("at most two frequencies per tone item, was '" + raw + "'");
                }
                double f1 = Double.parseDouble(freqs[0].trim());
                double f2 = freqs.length == 2 ? Double.parseDouble(freqs[1].trim()) : 0;
                items.add(new Item(f1, f2, samples, once));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("FakeAsterisk generates PlayTones items of the form f1[+f2][/ms]"
                        + " only, not '" + raw.trim() + "' (in '" + spec + "')");
            }
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("PlayTones needs a tone list such as 440 or 350+440, was '" + spec
                    + "'");
        }
        return new ToneGenerator(List.copyOf(items));
    }

    /** The next 20 ms as µ-law, or null once a non-repeating list has ended. */
    byte[] nextFrame() {
        if (finished) {
            return null;
        }
        short[] pcm = new short[CallerAudio.FRAME_BYTES];
        for (int n = 0; n < pcm.length; n++) {
            Item item = items.get(index);
            double t = (double) sampleInItem / RATE;
            double v = AMPLITUDE * Math.sin(2 * Math.PI * item.f1() * t);
            if (item.f2() > 0) {
                v += AMPLITUDE * Math.sin(2 * Math.PI * item.f2() * t);
            }
            pcm[n] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
            sampleInItem++;
            if (item.samples() > 0 && sampleInItem >= item.samples()) {
                sampleInItem = 0;
                index++;
                if (index >= items.size()) {
                    if (repeatFrom < 0) {
                        finished = true;
                        java.util.Arrays.fill(pcm, n + 1, pcm.length, (short) 0);
                        break;
                    }
                    index = repeatFrom;
                }
            }
        }
        byte[] out = new byte[pcm.length];
        G711.linearToUlaw(pcm, 0, pcm.length, out, 0);
        return out;
    }
}
