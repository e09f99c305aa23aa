package org.arivoice.ari.testkit;

/** A Stasis application registered by an event socket; it outlives the socket, as in Asterisk. */
final class StasisApp {
    final String name;
    EventSocket socket;
    boolean subscribeAll;

    StasisApp(String name) {
        this.name = name;
    }
}
