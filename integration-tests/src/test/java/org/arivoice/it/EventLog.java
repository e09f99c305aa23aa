package org.arivoice.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.arivoice.ari.event.AriEvent;
import org.arivoice.ari.event.PlaybackContinuing;
import org.arivoice.ari.event.PlaybackFinished;
import org.arivoice.ari.event.PlaybackStarted;
import org.arivoice.ari.event.RecordingFailed;
import org.arivoice.ari.event.RecordingFinished;
import org.arivoice.ari.event.RecordingStarted;

/**
 * Every event a scenario's stream delivered, in arrival order, with waits for "an event of this type about this
 * resource". A resource id matches an event when it is one of the event's channel ids, bridge ids, its playback
 * id or its recording name. Thread-safe: the stream's dispatch thread appends while the test thread waits.
 */
final class EventLog implements Consumer<AriEvent> {
    private final List<AriEvent> events = new ArrayList<>();

    @Override
    public void accept(AriEvent event) {
        synchronized (events) {
            events.add(event);
            events.notifyAll();
        }
    }

    /**
     * A snapshot of every event so far.
     *
     * @return the events in arrival order
     */
    List<AriEvent> all() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /**
     * The events about one resource.
     *
     * @param resourceId a channel, bridge or playback id, or a recording name
     * @return the events in arrival order
     */
    List<AriEvent> about(String resourceId) {
        return all().stream().filter(e -> idsOf(e).contains(resourceId)).toList();
    }

    /**
     * The type names of the events about one resource, for assertions on order and for failure messages.
     *
     * @param resourceId a channel, bridge or playback id, or a recording name
     * @return e.g. {@code [StasisStart, ChannelHangupRequest, StasisEnd, ChannelDestroyed]}
     */
    List<String> typesAbout(String resourceId) {
        return about(resourceId).stream().map(AriEvent::type).toList();
    }

    /**
     * The first event of a type about a resource, if it has arrived.
     *
     * @param type the event class
     * @param resourceId a channel, bridge or playback id, or a recording name
     * @param <T> the event type
     * @return the event, or empty
     */
    <T extends AriEvent> Optional<T> find(Class<T> type, String resourceId) {
        return find(type, resourceId, e -> true);
    }

    private <T extends AriEvent> Optional<T> find(Class<T> type, String resourceId, Predicate<? super T> condition) {
        synchronized (events) {
            for (AriEvent e : events) {
                if (type.isInstance(e) && idsOf(e).contains(resourceId) && condition.test(type.cast(e))) {
                    return Optional.of(type.cast(e));
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Waits for the first event of a type about a resource (it may already have arrived).
     *
     * @param type the event class
     * @param resourceId a channel, bridge or playback id, or a recording name
     * @param timeout how long to wait
     * @param <T> the event type
     * @return the event
     * @throws AssertionError if none arrives in time, listing the events that did arrive for the resource
     */
    <T extends AriEvent> T await(Class<T> type, String resourceId, Duration timeout) {
        return await(type, resourceId, e -> true, "", timeout);
    }

    /**
     * Waits for the first event of a type about a resource that satisfies a condition.
     *
     * @param type the event class
     * @param resourceId a channel, bridge or playback id, or a recording name
     * @param condition what the event must satisfy
     * @param what the condition in words, for the failure message
     * @param timeout how long to wait
     * @param <T> the event type
     * @return the event
     * @throws AssertionError if none arrives in time
     */
    <T extends AriEvent> T await(Class<T> type, String resourceId, Predicate<? super T> condition, String what,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (true) {
                Optional<T> found = find(type, resourceId, condition);
                if (found.isPresent()) {
                    return found.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + type.getSimpleName() + (what.isEmpty() ? "" : " " + what)
                            + " for '" + resourceId + "' within " + timeout + "; its events so far: "
                            + typesAbout(resourceId));
                }
                try {
                    events.wait(Math.max(1, left / 1_000_000), 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for " + type.getSimpleName() + " of '"
                            + resourceId + "'", e);
                }
            }
        }
    }

    /**
     * Every resource id an event is about.
     *
     * @param e the event
     * @return its channel and bridge ids, playback id and recording name
     */
    static Set<String> idsOf(AriEvent e) {
        Set<String> ids = new LinkedHashSet<>(e.channelIds());
        ids.addAll(e.bridgeIds());
        if (e instanceof PlaybackStarted p && p.playback() != null) {
            ids.add(p.playback().id());
        } else if (e instanceof PlaybackContinuing p && p.playback() != null) {
            ids.add(p.playback().id());
        } else if (e instanceof PlaybackFinished p && p.playback() != null) {
            ids.add(p.playback().id());
        } else if (e instanceof RecordingStarted r && r.recording() != null) {
            ids.add(r.recording().name());
        } else if (e instanceof RecordingFinished r && r.recording() != null) {
            ids.add(r.recording().name());
        } else if (e instanceof RecordingFailed r && r.recording() != null) {
            ids.add(r.recording().name());
        }
        return ids;
    }
}
