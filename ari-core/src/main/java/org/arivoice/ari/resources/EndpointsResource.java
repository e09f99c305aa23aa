package org.arivoice.ari.resources;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.arivoice.ari.AriFuture;
import org.arivoice.ari.internal.http.AriRequest;
import org.arivoice.ari.internal.http.AriTransport;
import org.arivoice.ari.model.Endpoint;

/**
 * The {@code /endpoints} operations of ARI: endpoints, out-of-call messages and REFER. Obtain it from
 * {@link org.arivoice.ari.AriClient#endpoints()}.
 *
 * <p>Conventions as in {@link ChannelsResource}.
 */
public final class EndpointsResource {
    private final AriTransport transport;

    /**
     * Creates the resource over a transport. Applications use {@link org.arivoice.ari.AriClient#endpoints()}.
     *
     * @param transport the client's transport
     */
    public EndpointsResource(AriTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    private AriRequest request(String nickname, String method, String path) {
        return transport.request("endpoints." + nickname, method, path);
    }

    /**
     * Lists all endpoints ({@code GET /endpoints}).
     *
     * @return the endpoints
     */
    public AriFuture<List<Endpoint>> list() {
        return request("list", "GET", "/endpoints").jsonList(Endpoint.class);
    }

    /**
     * Lists the endpoints of one technology ({@code GET /endpoints/{tech}}).
     *
     * @param tech the technology, e.g. {@code PJSIP}
     * @return the endpoints
     */
    public AriFuture<List<Endpoint>> listByTech(String tech) {
        return request("listByTech", "GET", "/endpoints/{tech}").path("tech", tech).jsonList(Endpoint.class);
    }

    /**
     * Gets an endpoint ({@code GET /endpoints/{tech}/{resource}}).
     *
     * @param tech the technology, e.g. {@code PJSIP}
     * @param resource the resource, e.g. {@code 1000}
     * @return the endpoint
     */
    public AriFuture<Endpoint> get(String tech, String resource) {
        return request("get", "GET", "/endpoints/{tech}/{resource}").path("tech", tech)
                .path("resource", resource).json(Endpoint.class);
    }

    /**
     * Sends an out-of-call message to an address ({@code PUT /endpoints/sendMessage}).
     *
     * @param to the destination URI, e.g. {@code pjsip:1000}
     * @param from the sender, e.g. {@code pjsip:bot}
     * @param body the message text, or {@code null}
     * @param variables technology-specific key/values (e.g. SIP headers), or {@code null}
     * @return completes when Asterisk has accepted the message
     */
    public AriFuture<Void> sendMessage(String to, String from, String body, Map<String, String> variables) {
        return request("sendMessage", "PUT", "/endpoints/sendMessage")
                .query("to", Objects.requireNonNull(to, "to"))
                .query("from", Objects.requireNonNull(from, "from"))
                .query("body", body)
                .bodyField("variables", Bodies.strings(variables))
                .noContent();
    }

    /**
     * Sends an out-of-call message to an endpoint ({@code PUT /endpoints/{tech}/{resource}/sendMessage}).
     *
     * @param tech the technology
     * @param resource the resource
     * @param from the sender
     * @param body the message text, or {@code null}
     * @param variables technology-specific key/values, or {@code null}
     * @return completes when accepted
     */
    public AriFuture<Void> sendMessageToEndpoint(String tech, String resource, String from, String body,
            Map<String, String> variables) {
        return request("sendMessageToEndpoint", "PUT", "/endpoints/{tech}/{resource}/sendMessage")
                .path("tech", tech).path("resource", resource)
                .query("from", Objects.requireNonNull(from, "from"))
                .query("body", body)
                .bodyField("variables", Bodies.strings(variables))
                .noContent();
    }

    /**
     * Asks an address to call another URI (an out-of-dialog SIP REFER; {@code POST /endpoints/refer}).
     *
     * @param to the address to send the REFER to
     * @param from the sender
     * @param referTo the URI the recipient should call ({@code refer_to})
     * @param toSelf whether {@code referTo} is resolved as one of the recipient's own endpoints
     *        ({@code to_self}), or {@code null}
     * @param variables technology-specific key/values (e.g. {@code display_name}), or {@code null}
     * @return completes when accepted
     */
    public AriFuture<Void> refer(String to, String from, String referTo, Boolean toSelf,
            Map<String, String> variables) {
        return request("refer", "POST", "/endpoints/refer")
                .query("to", Objects.requireNonNull(to, "to"))
                .query("from", Objects.requireNonNull(from, "from"))
                .query("refer_to", Objects.requireNonNull(referTo, "referTo"))
                .query("to_self", toSelf)
                .bodyField("variables", Bodies.strings(variables))
                .noContent();
    }

    /**
     * Sends a REFER to an endpoint ({@code POST /endpoints/{tech}/{resource}/refer}).
     *
     * @param tech the technology
     * @param resource the resource
     * @param from the sender
     * @param referTo the URI the endpoint should call
     * @param toSelf whether {@code referTo} is one of the endpoint's own, or {@code null}
     * @param variables technology-specific key/values, or {@code null}
     * @return completes when accepted
     */
    public AriFuture<Void> referToEndpoint(String tech, String resource, String from, String referTo,
            Boolean toSelf, Map<String, String> variables) {
        return request("referToEndpoint", "POST", "/endpoints/{tech}/{resource}/refer")
                .path("tech", tech).path("resource", resource)
                .query("from", Objects.requireNonNull(from, "from"))
                .query("refer_to", Objects.requireNonNull(referTo, "referTo"))
                .query("to_self", toSelf)
                .bodyField("variables", Bodies.strings(variables))
                .noContent();
    }
}
