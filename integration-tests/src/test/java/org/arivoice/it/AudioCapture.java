package org.arivoice.it;

import java.io.ByteArrayOutputStream;
import org.arivoice.rtp.jitter.FrameKind;
import org.arivoice.rtp.net.MediaStreamOptions;

/** Collects the audio frames a {@code MediaStream} delivers, from the media thread, for the test thread. */
final class AudioCapture {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /**
     * Adds this capture as the stream's audio listener (concealed and silent frames are not kept).
     *
     * @param options the stream's options builder
     * @return the same builder
     */
    MediaStreamOptions.Builder into(MediaStreamOptions.Builder options) {
        return options.audioListener((buf, off, len, ts, kind) -> {
            if (kind == FrameKind.AUDIO) {
                synchronized (out) {
                    out.write(buf, off, len);
                }
            }
        });
    }

    /** {@return how many bytes have arrived} */
    int size() {
        synchronized (out) {
            return out.size();
        }
    }

    /** {@return a copy of what has arrived} */
    byte[] bytes() {
        synchronized (out) {
            return out.toByteArray();
        }
    }
}
