package org.arivoice.ari.testkit;

import java.util.List;

/**
 * What {@link FakeAsterisk} knows about one live bridge, for assertions in tests.
 *
 * @param id the bridge id
 * @param name the bridge name (empty when none was given)
 * @param type the bridge type, e.g. {@code mixing}
 * @param channelIds the channels in the bridge, in the order they entered
 */
public record BridgeSnapshot(String id, String name, String type, List<String> channelIds) {
    /**
     * Copies the channel list so the snapshot stays immutable.
     *
     * @param id the bridge id
     * @param name the bridge name
     * @param type the bridge type
     * @param channelIds the channels in the bridge
     */
    public BridgeSnapshot {
        channelIds = List.copyOf(channelIds);
    }
}
