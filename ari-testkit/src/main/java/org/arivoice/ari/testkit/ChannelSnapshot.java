package org.arivoice.ari.testkit;

import java.util.Optional;

/**
 * What {@link FakeAsterisk} knows about one live channel, for assertions in tests.
 *
 * @param id the channel id
 * @param name the channel name, e.g. {@code Local/caller@ari-it-00000000;1}
 * @param kind what created the channel
 * @param state {@code Down}, {@code Ring} or {@code Up}
 * @param stasisApp the Stasis application the channel is in, empty when it runs dialplan
 * @param bridgeId the bridge the channel is in, empty when none
 */
public record ChannelSnapshot(String id, String name, Kind kind, String state, Optional<String> stasisApp,
                              Optional<String> bridgeId) {

    /** What created a channel. */
    public enum Kind {
        /** A leg of a {@code Local/...} channel pair created by originate. */
        LOCAL,
        /** A simulated phone call placed with {@link FakeAsterisk#simulateIncomingCall(String)}. */
        PHONE,
        /** A snoop channel. */
        SNOOP,
        /** An ExternalMedia ({@code UnicastRTP}) channel. */
        EXTERNAL_MEDIA,
        /** An {@code IAX2/...} channel originated or created by ARI; the fake has no IAX2 peer, so it rings. */
        IAX2
    }
}
