package org.arivoice.ari.resources;

import java.util.List;
import java.util.Objects;
import org.arivoice.ari.AriFuture;
import org.arivoice.ari.internal.http.AriRequest;
import org.arivoice.ari.internal.http.AriTransport;
import org.arivoice.ari.model.DeviceState;

/**
 * The {@code /deviceStates} operations of ARI: device states controlled by ARI ({@code Stasis:<name>}).
 * Obtain it from {@link org.arivoice.ari.AriClient#deviceStates()}.
 */
public final class DeviceStatesResource {
    private final AriTransport transport;

    /**
     * Creates the resource over a transport. Applications use
     * {@link org.arivoice.ari.AriClient#deviceStates()}.
     *
     * @param transport the client's transport
     */
    public DeviceStatesResource(AriTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    private AriRequest request(String nickname, String method, String deviceName) {
        return transport.request("deviceStates." + nickname, method, "/deviceStates/{deviceName}")
                .path("deviceName", deviceName);
    }

    /**
     * Lists all ARI-controlled device states ({@code GET /deviceStates}).
     *
     * @return the device states
     */
    public AriFuture<List<DeviceState>> list() {
        return transport.request("deviceStates.list", "GET", "/deviceStates").jsonList(DeviceState.class);
    }

    /**
     * Gets a device state ({@code GET /deviceStates/{deviceName}}).
     *
     * @param deviceName the device, e.g. {@code Stasis:queue-1}
     * @return the state
     */
    public AriFuture<DeviceState> get(String deviceName) {
        return request("get", "GET", deviceName).json(DeviceState.class);
    }

    /**
     * Changes a device state ({@code PUT /deviceStates/{deviceName}}).
     *
     * @param deviceName the device
     * @param deviceState the new state, one of the {@code DeviceState.STATE_*} values such as {@code INUSE}
     * @return completes when changed
     */
    public AriFuture<Void> update(String deviceName, String deviceState) {
        return request("update", "PUT", deviceName)
                .query("deviceState", Objects.requireNonNull(deviceState, "deviceState"))
                .noContent();
    }

    /**
     * Destroys a device state ({@code DELETE /deviceStates/{deviceName}}).
     *
     * @param deviceName the device
     * @return completes when deleted
     */
    public AriFuture<Void> delete(String deviceName) {
        return request("delete", "DELETE", deviceName).noContent();
    }
}
