package org.arivoice.ari.internal.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson configuration used for ARI JSON: by the REST client, the event stream and the test kit.
 *
 * <p><b>Not API:</b> this class lives in an internal package; it may change or disappear in any release.
 *
 * <p>The mapper ignores unknown properties (a newer Asterisk adds fields), accepts {@code null} and missing
 * values for primitive components (they read as zero or {@code false}), accepts a single value where a list
 * is expected, and leaves {@code null} fields out when writing request bodies. It is configured once and
 * never changed afterwards, so it is safe to share between threads.
 */
public final class AriJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private AriJson() {
    }

    /**
     * The shared mapper. Do not reconfigure it: call {@link ObjectMapper#copy()} first if a variant is needed.
     *
     * @return the shared, thread-safe mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
