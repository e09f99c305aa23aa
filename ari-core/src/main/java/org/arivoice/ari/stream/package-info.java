/**
 * The ARI event WebSocket: {@link org.arivoice.ari.stream.AriEventStream} connects, keeps the connection alive,
 * reconnects with backoff and dispatches events to per-application, per-channel and per-bridge
 * {@link org.arivoice.ari.stream.Subscription subscriptions}, in order and off the I/O thread.
 */
package org.arivoice.ari.stream;
