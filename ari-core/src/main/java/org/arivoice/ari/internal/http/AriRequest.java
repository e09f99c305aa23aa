package org.arivoice.ari.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.arivoice.ari.AriException;
import org.arivoice.ari.AriFuture;
import org.arivoice.ari.AriOperation;
import org.arivoice.ari.AriProtocolException;
import org.arivoice.ari.Credentials;
import org.arivoice.ari.internal.json.AriJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ARI request being built: path parameters, query parameters, an optional JSON body, and how to read
 * the response.
 *
 * <p><b>Not API:</b> this class lives in an internal package; it may change or disappear in any release.
 *
 * <p>{@code null} query values are left out, so that Asterisk applies its own default. Lists are sent
 * comma-separated, as Asterisk expects for {@code allowMultiple} parameters. Not thread-safe; used by one
 * thread to build and send one request.
 */
public final class AriRequest {
    private static final Logger LOG = LoggerFactory.getLogger(AriRequest.class);
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final AriTransport transport;
    private final String operation;
    private final String method;
    private String path;
    private final StringBuilder query = new StringBuilder();
    private ObjectNode body;

    AriRequest(AriTransport transport, String operation, String method, String pathTemplate) {
        this.transport = transport;
        this.operation = operation;
        this.method = method;
        this.path = pathTemplate;
    }

    /**
     * Substitutes a path parameter.
     *
     * @param name the parameter name as in the template
     * @param value the value, percent-encoded here
     * @return this request
     * @throws IllegalArgumentException if the value is null or blank (it would change the path)
     */
    public AriRequest path(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(operation + ": path parameter '" + name
                    + "' must be a non-blank string, got " + (value == null ? "null" : "'" + value + "'"));
        }
        String placeholder = "{" + name + "}";
        if (!path.contains(placeholder)) {
            throw new IllegalStateException(operation + ": no " + placeholder + " in " + path);
        }
        path = path.replace(placeholder, AriUrls.encodePathSegment(value));
        return this;
    }

    /**
     * Adds a query parameter unless the value is {@code null}.
     *
     * @param name the parameter name
     * @param value the value ({@code toString()} is sent), or {@code null} to omit it
     * @return this request
     */
    public AriRequest query(String name, Object value) {
        if (value == null) {
            return this;
        }
        if (query.length() > 0) {
            query.append('&');
        }
        query.append(name).append('=').append(AriUrls.encodeQueryValue(value.toString()));
        return this;
    }

    /**
     * Adds a multi-valued query parameter as one comma-separated value, unless the list is {@code null}.
     * A value that itself contains commas becomes several values on Asterisk's side, as Asterisk splits them.
     *
     * @param name the parameter name
     * @param values the values, or {@code null} to omit the parameter
     * @return this request
     * @throws IllegalArgumentException if the list is empty or a value is null or empty
     */
    public AriRequest queryList(String name, List<String> values) {
        if (values == null) {
            return this;
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(operation + ": '" + name + "' needs at least one value");
        }
        StringBuilder joined = new StringBuilder();
        for (String v : values) {
            if (v == null || v.isEmpty()) {
                throw new IllegalArgumentException(operation + ": each '" + name + "' value must be a non-empty"
                        + " string, got " + (v == null ? "null" : "''"));
            }
            if (joined.length() > 0) {
                joined.append(',');
            }
            joined.append(v);
        }
        return query(name, joined.toString());
    }

    /**
     * Adds a field of the JSON body, unless the value is {@code null}.
     *
     * @param name the field name
     * @param value the value, or {@code null} to leave it out
     * @return this request
     */
    public AriRequest bodyField(String name, JsonNode value) {
        if (value == null) {
            return this;
        }
        if (body == null) {
            body = AriJson.mapper().createObjectNode();
        }
        body.set(name, value);
        return this;
    }

    /**
     * Sends a JSON object as the whole body (for parameters of type {@code object}).
     *
     * @param wholeBody the body
     * @return this request
     */
    public AriRequest body(ObjectNode wholeBody) {
        this.body = Objects.requireNonNull(wholeBody, "body");
        return this;
    }

    /**
     * Sends the request and parses a JSON response into the given type.
     *
     * @param <T> the result type
     * @param type the result class
     * @return the future result
     */
    public <T> AriFuture<T> json(Class<T> type) {
        return json(AriJson.mapper().constructType(type));
    }

    /**
     * Sends the request and parses a JSON array response into a list.
     *
     * @param <T> the element type
     * @param elementType the element class
     * @return the future list (unmodifiable)
     */
    public <T> AriFuture<List<T>> jsonList(Class<T> elementType) {
        AriFuture<List<T>> parsed = json(AriJson.mapper().getTypeFactory()
                .constructCollectionType(List.class, elementType));
        return (AriFuture<List<T>>) parsed.thenApply(list -> list == null ? List.<T>of()
                : java.util.Collections.unmodifiableList(list));
    }

    private <T> AriFuture<T> json(JavaType type) {
        return send(HttpResponse.BodyHandlers.ofByteArray(), true, (op, response) -> {
            byte[] bytes = response.body();
            try {
                T value = AriJson.mapper().readValue(bytes, type);
                if (value == null) {
                    throw new AriProtocolException(op + " failed: Asterisk answered " + response.statusCode()
                            + " with an empty body where a " + simpleName(type) + " was expected", op,
                            response.statusCode(), null);
                }
                return value;
            } catch (IOException e) {
                throw new AriProtocolException(op + " failed: Asterisk answered " + response.statusCode()
                        + " but the body is not a valid " + simpleName(type) + " ("
                        + firstLine(e) + "); is the base URL " + transport.base() + " really Asterisk's ARI?",
                        op, response.statusCode(), e);
            }
        });
    }

    /**
     * Sends the request and ignores the response body (operations that answer 204).
     *
     * @return a future completed with {@code null}
     */
    public AriFuture<Void> noContent() {
        return send(HttpResponse.BodyHandlers.discarding(), true, (op, response) -> null);
    }

    /**
     * Sends the request and returns the response body as bytes.
     *
     * @return the future bytes
     */
    public AriFuture<byte[]> bytes() {
        return send(HttpResponse.BodyHandlers.ofByteArray(), true, (op, response) -> response.body());
    }

    /**
     * Sends the request and returns the response body as a stream, once the headers have arrived.
     *
     * @return the future stream; the caller must close it
     */
    public AriFuture<InputStream> stream() {
        return send(HttpResponse.BodyHandlers.ofInputStream(), false, (op, response) -> response.body());
    }

    private interface Reader<B, T> {
        T read(AriOperation op, HttpResponse<B> response);
    }

    /**
     * Sends the request; the future completes on the client's executor, if one was configured.
     *
     * @param wholeExchangeDeadline whether the timeout also bounds reading the body: the JDK client's request
     *        timeout ends when the response headers arrive, so a server that stalls mid-body would otherwise
     *        never complete the future. Not for streams, whose body the caller reads at its own pace.
     */
    private <B, T> AriFuture<T> send(HttpResponse.BodyHandler<B> successHandler, boolean wholeExchangeDeadline,
            Reader<B, T> reader) {
        AriOperation op = new AriOperation(operation, method, path);
        AriFuture<T> result = new AriFuture<>();
        if (transport.isClosed()) {
            result.completeExceptionally(new IllegalStateException("this AriClient is closed; " + op
                    + " was not sent"));
            return result;
        }
        Duration timeout = transport.timeout();
        HttpRequest request = buildRequest(timeout);
        HttpResponse.BodyHandler<Object> handler = info -> {
            if (info.statusCode() >= 200 && info.statusCode() < 300) {
                @SuppressWarnings("unchecked")
                HttpResponse.BodySubscriber<Object> s = (HttpResponse.BodySubscriber<Object>)
                        (HttpResponse.BodySubscriber<?>) successHandler.apply(info);
                return s;
            }
            return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofInputStream(),
                    in -> (Object) readBounded(in));
        };
        CompletableFuture<HttpResponse<Object>> sent;
        try {
            sent = transport.sendAsync(request, handler);
        } catch (RuntimeException e) {
            result.completeExceptionally(AriErrors.fromIoFailure(op, transport, e, timeout));
            return result;
        }
        CompletableFuture<HttpResponse<Object>> exchange = sent;
        if (wholeExchangeDeadline) {
            exchange = sent.copy().orTimeout(timeout.toMillis() + 1, TimeUnit.MILLISECONDS);
            exchange.whenComplete((r, e) -> {
                if (e instanceof TimeoutException) {
                    sent.cancel(true);
                }
            });
        }
        long started = System.nanoTime();
        java.util.function.BiConsumer<HttpResponse<Object>, Throwable> completion = (response, failure) -> {
            if (LOG.isDebugEnabled()) {
                // Path only: the query may carry an api_key.
                LOG.debug("ARI {} -> {} in {} ms", op, failure != null ? failure.getClass().getSimpleName()
                        : Integer.toString(response.statusCode()), (System.nanoTime() - started) / 1_000_000);
            }
            if (failure != null) {
                result.completeExceptionally(AriErrors.fromIoFailure(op, transport, failure, timeout));
                return;
            }
            int status = response.statusCode();
            if (status < 200 || status >= 300) {
                result.completeExceptionally(AriErrors.fromStatus(op, transport, status,
                        (byte[]) response.body()));
                return;
            }
            try {
                @SuppressWarnings("unchecked")
                HttpResponse<B> typed = (HttpResponse<B>) (HttpResponse<?>) response;
                result.complete(reader.read(op, typed));
            } catch (AriException e) {
                result.completeExceptionally(e);
            } catch (RuntimeException e) {
                result.completeExceptionally(new AriProtocolException(op + " failed: the response could not be"
                        + " read (" + e + ")", op, status, e));
            }
        };
        java.util.Optional<java.util.concurrent.Executor> executor = transport.http().executor();
        if (executor.isPresent()) {
            // The JDK client may complete its future on an internal thread; hop to the user's executor so
            // that dependent stages never run on the HTTP client's threads.
            exchange.whenCompleteAsync(completion, executor.get());
        } else {
            exchange.whenComplete(completion);
        }
        result.whenComplete((v, failure) -> {
            if (result.isCancelled()) {
                sent.cancel(true);
            }
        });
        return result;
    }

    private HttpRequest buildRequest(Duration timeout) {
        Credentials credentials = transport.credentials();
        StringBuilder uri = new StringBuilder(transport.base().toString()).append(path, 1, path.length());
        StringBuilder fullQuery = new StringBuilder(query);
        if (credentials != null && credentials.scheme() == Credentials.Scheme.API_KEY) {
            if (fullQuery.length() > 0) {
                fullQuery.append('&');
            }
            fullQuery.append("api_key=").append(credentials.apiKeyQueryValue());
        }
        if (fullQuery.length() > 0) {
            uri.append('?').append(fullQuery);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri.toString()))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (credentials != null && credentials.scheme() == Credentials.Scheme.BASIC) {
            builder.header("Authorization", credentials.authorizationHeaderValue());
        }
        HttpRequest.BodyPublisher publisher;
        if (body != null) {
            try {
                publisher = HttpRequest.BodyPublishers.ofByteArray(AriJson.mapper().writeValueAsBytes(body));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot serialise the body of " + operation, e);
            }
            builder.header("Content-Type", "application/json");
        } else {
            publisher = HttpRequest.BodyPublishers.noBody();
        }
        return builder.method(method, publisher).build();
    }

    private static byte[] readBounded(InputStream in) {
        try (in) {
            return in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static String simpleName(JavaType type) {
        if (type.isCollectionLikeType()) {
            return "list of " + type.getContentType().getRawClass().getSimpleName();
        }
        return type.getRawClass().getSimpleName();
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Shown in debugging only; the query may hold an api_key and is left out. */
    @Override
    public String toString() {
        return "AriRequest[" + operation + " " + method + " " + path + "]";
    }
}
