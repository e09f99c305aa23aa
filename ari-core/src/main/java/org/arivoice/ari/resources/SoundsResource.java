package org.arivoice.ari.resources;

import java.util.List;
import java.util.Objects;
import org.arivoice.ari.AriFuture;
import org.arivoice.ari.internal.http.AriTransport;
import org.arivoice.ari.model.Sound;

/**
 * The {@code /sounds} operations of ARI: the sound files installed on Asterisk. Obtain it from
 * {@link org.arivoice.ari.AriClient#sounds()}.
 */
public final class SoundsResource {
    private final AriTransport transport;

    /**
     * Creates the resource over a transport. Applications use {@link org.arivoice.ari.AriClient#sounds()}.
     *
     * @param transport the client's transport
     */
    public SoundsResource(AriTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * Lists all sounds ({@code GET /sounds}).
     *
     * @return the sounds
     */
    public AriFuture<List<Sound>> list() {
        return list(null, null);
    }

    /**
     * Lists sounds, optionally only those in a language or format ({@code GET /sounds}).
     *
     * @param lang a language, e.g. {@code en}, or {@code null}
     * @param format a format, e.g. {@code gsm}, or {@code null}
     * @return the sounds
     */
    public AriFuture<List<Sound>> list(String lang, String format) {
        return transport.request("sounds.list", "GET", "/sounds")
                .query("lang", lang)
                .query("format", format)
                .jsonList(Sound.class);
    }

    /**
     * Gets a sound ({@code GET /sounds/{soundId}}).
     *
     * @param soundId the sound, e.g. {@code hello-world}
     * @return the sound with its languages and formats
     */
    public AriFuture<Sound> get(String soundId) {
        return transport.request("sounds.get", "GET", "/sounds/{soundId}").path("soundId", soundId)
                .json(Sound.class);
    }
}
