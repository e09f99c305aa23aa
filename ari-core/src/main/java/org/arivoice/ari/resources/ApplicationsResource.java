package org.arivoice.ari.resources;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import org.arivoice.ari.AriFuture;
import org.arivoice.ari.internal.http.AriRequest;
import org.arivoice.ari.internal.http.AriTransport;
import org.arivoice.ari.internal.json.AriJson;
import org.arivoice.ari.model.Application;

/**
 * The {@code /applications} operations of ARI: Stasis applications, their event subscriptions and event
 * filters. Obtain it from {@link org.arivoice.ari.AriClient#applications()}.
 *
 * <p>An application exists while an event WebSocket for it is (or was) connected; it stays registered
 * after the socket closes, with its channels still in Stasis.
 */
public final class ApplicationsResource {
    private final AriTransport transport;

    /**
     * Creates the resource over a transport. Applications use
     * {@link org.arivoice.ari.AriClient#applications()}.
     *
     * @param transport the client's transport
     */
    public ApplicationsResource(AriTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    private AriRequest request(String nickname, String method, String path, String applicationName) {
        AriRequest r = transport.request("applications." + nickname, method, path);
        return applicationName == null ? r : r.path("applicationName", applicationName);
    }

    /**
     * Lists all applications ({@code GET /applications}).
     *
     * @return the applications
     */
    public AriFuture<List<Application>> list() {
        return request("list", "GET", "/applications", null).jsonList(Application.class);
    }

    /**
     * Gets an application with the channels, bridges, endpoints and devices it is subscribed to
     * ({@code GET /applications/{applicationName}}).
     *
     * @param applicationName the Stasis application
     * @return the application
     */
    public AriFuture<Application> get(String applicationName) {
        return request("get", "GET", "/applications/{applicationName}", applicationName)
                .json(Application.class);
    }

    /**
     * Subscribes an application to event sources ({@code POST /applications/{applicationName}/subscription}).
     *
     * @param applicationName the Stasis application
     * @param eventSources URIs such as {@code channel:call-1}, {@code bridge:b1}, {@code endpoint:PJSIP/1000},
     *        {@code deviceState:name}
     * @return the application after subscribing
     */
    public AriFuture<Application> subscribe(String applicationName, List<String> eventSources) {
        return request("subscribe", "POST", "/applications/{applicationName}/subscription", applicationName)
                .queryList("eventSource", Objects.requireNonNull(eventSources, "eventSources"))
                .json(Application.class);
    }

    /**
     * Unsubscribes an application from event sources
     * ({@code DELETE /applications/{applicationName}/subscription}).
     *
     * @param applicationName the Stasis application
     * @param eventSources the event source URIs
     * @return the application after unsubscribing
     */
    public AriFuture<Application> unsubscribe(String applicationName, List<String> eventSources) {
        return request("unsubscribe", "DELETE", "/applications/{applicationName}/subscription", applicationName)
                .queryList("eventSource", Objects.requireNonNull(eventSources, "eventSources"))
                .json(Application.class);
    }

    /**
     * Sets the application's event filter ({@code PUT /applications/{applicationName}/eventFilter}), sent as
     * {@code {"allowed":[{"type":...}],"disallowed":[{"type":...}]}}. Both {@code null} resets the filter
     * (all events delivered).
     *
     * @param applicationName the Stasis application
     * @param allowedTypes event types to deliver (all others are dropped), or {@code null}
     * @param disallowedTypes event types to drop, or {@code null}
     * @return the application with its new filter
     */
    public AriFuture<Application> filter(String applicationName, List<String> allowedTypes,
            List<String> disallowedTypes) {
        ObjectNode body = AriJson.mapper().createObjectNode();
        addTypes(body, "allowed", allowedTypes);
        addTypes(body, "disallowed", disallowedTypes);
        return request("filter", "PUT", "/applications/{applicationName}/eventFilter", applicationName)
                .body(body)
                .json(Application.class);
    }

    private static void addTypes(ObjectNode body, String field, List<String> types) {
        if (types == null) {
            return;
        }
        ArrayNode array = body.putArray(field);
        for (String type : types) {
            array.addObject().put("type", Objects.requireNonNull(type, "event type"));
        }
    }
}
