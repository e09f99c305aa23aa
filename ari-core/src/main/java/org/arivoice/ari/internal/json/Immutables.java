package org.arivoice.ari.internal.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defensive copies for the components of ARI model and event records.
 *
 * <p><b>Not API:</b> this class lives in an internal package; it may change or disappear in any release.
 * Records use it so that a list or map that Asterisk left out reads as empty rather than {@code null},
 * and so that a record's collections cannot be changed after parsing.
 */
public final class Immutables {
    private Immutables() {
    }

    /**
     * An unmodifiable copy of a list, empty for {@code null}. Unlike {@link List#copyOf} it tolerates
     * {@code null} elements, which a JSON array may contain.
     *
     * @param <T> element type
     * @param list the list to copy, or {@code null}
     * @return an unmodifiable copy
     */
    public static <T> List<T> list(List<T> list) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        return Collections.unmodifiableList(new ArrayList<>(list));
    }

    /**
     * An unmodifiable, order-preserving copy of a map, empty for {@code null}; tolerates {@code null} values.
     *
     * @param <K> key type
     * @param <V> value type
     * @param map the map to copy, or {@code null}
     * @return an unmodifiable copy
     */
    public static <K, V> Map<K, V> map(Map<K, V> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * The distinct non-null ids among the arguments, in order.
     *
     * @param ids resource ids, some possibly {@code null}
     * @return the distinct non-null ids
     */
    public static List<String> ids(String... ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (String id : ids) {
            if (id != null && !out.contains(id)) {
                out.add(id);
            }
        }
        return out.isEmpty() ? List.of() : Collections.unmodifiableList(out);
    }

    /**
     * The ids of the targets with the given scheme among ARI target URIs such as {@code channel:call-2} or
     * {@code bridge:bridge-1} (the {@code target_uri} of playbacks and recordings).
     *
     * @param scheme the prefix including the colon, for example {@code "channel:"}
     * @param targetUris target URIs, some possibly {@code null}
     * @return the distinct ids of the targets with that scheme
     */
    public static List<String> targetIds(String scheme, String... targetUris) {
        String[] ids = new String[targetUris.length];
        for (int i = 0; i < targetUris.length; i++) {
            String uri = targetUris[i];
            if (uri != null && uri.startsWith(scheme) && uri.length() > scheme.length()) {
                ids[i] = uri.substring(scheme.length());
            }
        }
        return ids(ids);
    }

    /**
     * Two id lists joined, without duplicates.
     *
     * @param first the first ids
     * @param second the ids to append
     * @return the distinct ids of both, in order
     */
    public static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return ids(all.toArray(new String[0]));
    }
}
