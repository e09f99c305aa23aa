package org.arivoice.ari.resources;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.arivoice.ari.AriFuture;
import org.arivoice.ari.internal.http.AriTransport;
import org.arivoice.ari.internal.http.AriUrls;

/**
 * The REST operations of {@code /events}: user events and channel claims. Obtain it from
 * {@link org.arivoice.ari.AriClient#events()}. The event WebSocket ({@code GET /events}) is opened by the
 * event stream (package {@code org.arivoice.ari.stream}); {@link #webSocketUri(List, boolean)} gives its URL.
 */
public final class EventsResource {
    private final AriTransport transport;

    /**
     * Creates the resource over a transport. Applications use {@link org.arivoice.ari.AriClient#events()}.
     *
     * @param transport the client's transport
     */
    public EventsResource(AriTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * Generates a user event ({@code POST /events/user/{eventName}}), delivered as {@code ChannelUserevent}
     * to the application.
     *
     * @param eventName the event name
     * @param application the application that receives it
     * @param sources event sources the event is about, e.g. {@code channel:call-1}, or {@code null}
     * @param variables custom key/values carried in the event's {@code userevent}, or {@code null}
     * @return completes when generated
     */
    public AriFuture<Void> userEvent(String eventName, String application, List<String> sources,
            Map<String, String> variables) {
        return transport.request("events.userEvent", "POST", "/events/user/{eventName}")
                .path("eventName", eventName)
                .query("application", Objects.requireNonNull(application, "application"))
                .queryList("source", sources)
                .bodyField("variables", Bodies.strings(variables))
                .noContent();
    }

    /**
     * Claims a channel for an application in a multi-server setup ({@code POST /events/claim}).
     *
     * @param channelId the channel to claim
     * @param application the claiming application
     * @return completes when claimed
     */
    public AriFuture<Void> claimChannel(String channelId, String application) {
        return transport.request("events.claimChannel", "POST", "/events/claim")
                .query("channelId", Objects.requireNonNull(channelId, "channelId"))
                .query("application", Objects.requireNonNull(application, "application"))
                .noContent();
    }

    /**
     * The URL of the event WebSocket ({@code GET /events}, nickname {@code eventWebsocket}) for this client's
     * base URL, without credentials.
     *
     * @param apps the Stasis application names ({@code app}), at least one
     * @param subscribeAll whether to receive all Asterisk events ({@code subscribeAll})
     * @return e.g. {@code ws://127.0.0.1:8088/ari/events?app=voicebot&subscribeAll=false}
     */
    public URI webSocketUri(List<String> apps, boolean subscribeAll) {
        return AriUrls.eventsUri(transport.base(), apps, subscribeAll);
    }
}
