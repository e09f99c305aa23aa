package org.arivoice.ari;

import java.util.Objects;

/**
 * Identifies one ARI call in an exception: the operation as named in Asterisk's API declaration, the HTTP
 * method and the request path relative to the ARI root.
 *
 * <p>The path never includes the query string, so that an {@code api_key} can never leak into a message.
 *
 * @param name the operation, as {@code resource.nickname} from the ARI spec, e.g. {@code channels.originate}
 * @param method the HTTP method, e.g. {@code POST}
 * @param path the path below the ARI root without query, e.g. {@code /channels/call-1/answer}
 * @serial exclude
 */
public record AriOperation(String name, String method, String path) implements java.io.Serializable {
    /**
     * Validates the components.
     *
     * @param name the operation, as {@code resource.nickname} from the ARI spec, e.g. {@code channels.originate}
     * @param method the HTTP method, e.g. {@code POST}
     * @param path the path below the ARI root without query, e.g. {@code /channels/call-1/answer}
     * @throws NullPointerException if any component is {@code null}
     */
    public AriOperation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
    }

    /**
     * A compact form for messages.
     *
     * @return e.g. {@code channels.answer (POST /channels/call-1/answer)}
     */
    @Override
    public String toString() {
        return name + " (" + method + " " + path + ")";
    }
}
