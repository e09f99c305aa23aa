package org.arivoice.ari.resources;

import java.util.List;
import java.util.Objects;
import org.arivoice.ari.AriFuture;
import org.arivoice.ari.internal.http.AriRequest;
import org.arivoice.ari.internal.http.AriTransport;
import org.arivoice.ari.model.Mailbox;

/**
 * The {@code /mailboxes} operations of ARI: mailboxes whose message counts ARI controls (for message
 * waiting indication). Obtain it from {@link org.arivoice.ari.AriClient#mailboxes()}.
 */
public final class MailboxesResource {
    private final AriTransport transport;

    /**
     * Creates the resource over a transport. Applications use {@link org.arivoice.ari.AriClient#mailboxes()}.
     *
     * @param transport the client's transport
     */
    public MailboxesResource(AriTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    private AriRequest request(String nickname, String method, String mailboxName) {
        return transport.request("mailboxes." + nickname, method, "/mailboxes/{mailboxName}")
                .path("mailboxName", mailboxName);
    }

    /**
     * Lists all mailboxes ({@code GET /mailboxes}).
     *
     * @return the mailboxes
     */
    public AriFuture<List<Mailbox>> list() {
        return transport.request("mailboxes.list", "GET", "/mailboxes").jsonList(Mailbox.class);
    }

    /**
     * Gets a mailbox ({@code GET /mailboxes/{mailboxName}}).
     *
     * @param mailboxName the mailbox
     * @return the mailbox with its message counts
     */
    public AriFuture<Mailbox> get(String mailboxName) {
        return request("get", "GET", mailboxName).json(Mailbox.class);
    }

    /**
     * Sets a mailbox's message counts, creating it if needed ({@code PUT /mailboxes/{mailboxName}}).
     *
     * @param mailboxName the mailbox
     * @param oldMessages the number of old (read) messages
     * @param newMessages the number of new (unread) messages
     * @return completes when updated
     */
    public AriFuture<Void> update(String mailboxName, int oldMessages, int newMessages) {
        return request("update", "PUT", mailboxName)
                .query("oldMessages", oldMessages)
                .query("newMessages", newMessages)
                .noContent();
    }

    /**
     * Destroys a mailbox ({@code DELETE /mailboxes/{mailboxName}}).
     *
     * @param mailboxName the mailbox
     * @return completes when deleted
     */
    public AriFuture<Void> delete(String mailboxName) {
        return request("delete", "DELETE", mailboxName).noContent();
    }
}
