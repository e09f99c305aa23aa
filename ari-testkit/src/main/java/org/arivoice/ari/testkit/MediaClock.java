package org.arivoice.ari.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.arivoice.rtp.codec.G711;

/**
 * The 20 ms media clock's work: each tick, every channel's next frame (a dialplan Playback, PlayTones, the
 * simulated caller's voice, what the application sent on an ExternalMedia leg), then what each ExternalMedia
 * leg hears of its bridge, then the recordings' audio. The mix follows bridges/bridge_softmix.c (each member
 * hears the others, summed and clipped) and a snoop's audio main/audiohook.c / apps/app_snoop.c. The
 * {@link Pbx} runs {@link #tick} under its lock on the media thread.
 */
final class MediaClock {
    private final Pbx pbx;

    MediaClock(Pbx pbx) {
        this.pbx = pbx;
    }

    /** One 20 ms tick. */
    void tick() {
        List<SimChannel> finished = new ArrayList<>();
        for (SimChannel ch : pbx.channels.byId.values()) {
            ch.currentFrame = null;
            if (ch.voice != null) {
                ch.currentFrame = ch.voicePos < ch.voice.length
                        ? Arrays.copyOfRange(ch.voice, ch.voicePos, ch.voicePos + CallerAudio.FRAME_BYTES)
                        : null;
                ch.voicePos += CallerAudio.FRAME_BYTES;
                if (++ch.voiceFrameIndex >= ch.voiceFrames) {
                    finished.add(ch);
                }
            } else if (ch.tone != null && ch.kind != ChannelSnapshot.Kind.PHONE) {
                // PlayTones on a Local ;2 leg is what the far end "says" to the ;1 leg (a phone's own
                // PlayTones would play to the phone, not into Asterisk).
                ch.currentFrame = ch.tone.nextFrame();
                if (ch.currentFrame == null) {
                    ch.tone = null;
                }
            }
            ch.appFrame = null;
            if (ch.rtp != null) {
                ch.appFrame = ch.rtp.inbound().pollFrame();
            } else if (ch.wsLeg != null) {
                ch.appFrame = ch.wsLeg.inbound().pollFrame();
            }
        }
        for (SimChannel em : new ArrayList<>(pbx.channels.byId.values())) {
            if (em.wsLeg != null) {
                em.wsLeg.tick(em.bridge == null ? null : bridgeAudioFor(em));
                continue;
            }
            if (em.rtp == null || em.bridge == null) {
                continue;
            }
            byte[] frame = bridgeMixFor(em);
            if (frame != null) {
                em.rtp.send(frame);
            }
        }
        pbx.recordings.captureRecordings();
        finished.forEach(pbx.dialplanRunner::voiceFinished);
    }

    /** What {@code listener} hears in its bridge: the others' audio, mixed; null for silence. */
    private static byte[] bridgeMixFor(SimChannel listener) {
        return bridgeMixFor(listener, false);
    }

    /**
     * The bridge mix for {@code listener}; {@code withoutSnoops} leaves snoop channels out, so that a snoop
     * spying on what a bridge member hears cannot hear itself (no recursion).
     */
    private static byte[] bridgeMixFor(SimChannel listener, boolean withoutSnoops) {
        List<byte[]> frames = new ArrayList<>();
        for (SimChannel other : listener.bridge.channels) {
            if (other != listener && !(withoutSnoops && other.kind == ChannelSnapshot.Kind.SNOOP)) {
                byte[] f = heardFrom(other);
                if (f != null) {
                    frames.add(f);
                }
            }
        }
        if (frames.isEmpty()) {
            return null;
        }
        return frames.size() == 1 ? frames.get(0) : mix(frames);
    }

    private static byte[] bridgeAudioFor(SimChannel em) {
        byte[] ulaw = bridgeMixFor(em);
        if (ulaw != null && "alaw".equals(em.wsLeg.format)) {
            byte[] alaw = new byte[ulaw.length];
            for (int i = 0; i < ulaw.length; i++) {
                alaw[i] = G711.linearToAlaw(G711.ulawToLinear(ulaw[i]));
            }
            return alaw;
        }
        return ulaw;
    }

    /**
     * What a channel sends into Asterisk (into its bridge, its recordings, its snoops' "in" direction): for a
     * Local leg what its peer (the simulated far end) plays, for a phone what its user says, for an
     * ExternalMedia channel what the application sent, for a snoop what it spies on.
     */
    static byte[] heardFrom(SimChannel ch) {
        switch (ch.kind) {
            case LOCAL:
                return ch.peer != null && !ch.peer.gone ? ch.peer.currentFrame : null;
            case PHONE:
                return ch.currentFrame;
            case EXTERNAL_MEDIA:
                return ch.appFrame;
            case SNOOP: {
                SimChannel target = ch.snoopTarget;
                if (target == null || target.gone) {
                    return null;
                }
                // app_snoop (res/stasis_snoop.c): "in" is the audio the target sends, "out" what it is sent.
                byte[] in = "in".equals(ch.spy) || "both".equals(ch.spy) ? heardFrom(target) : null;
                byte[] out = ("out".equals(ch.spy) || "both".equals(ch.spy)) && target.bridge != null
                        ? bridgeMixFor(target, true) : null;
                if (in == null || out == null) {
                    return in != null ? in : out;
                }
                return mix(List.of(in, out));
            }
            default:
                return null;
        }
    }

    private static byte[] mix(List<byte[]> frames) {
        byte[] out = new byte[CallerAudio.FRAME_BYTES];
        for (int i = 0; i < out.length; i++) {
            int sum = 0;
            for (byte[] f : frames) {
                sum += G711.ulawToLinear(f[i]);
            }
            out[i] = G711.linearToUlaw((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum)));
        }
        return out;
    }
}
