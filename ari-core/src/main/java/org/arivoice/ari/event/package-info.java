/**
 * ARI events: the sealed {@link org.arivoice.ari.event.AriEvent} with one record per event type of Asterisk's
 * {@code events.json}, {@link org.arivoice.ari.event.GenericEvent} for types a newer Asterisk adds, and the
 * parser {@link org.arivoice.ari.event.AriEvents}.
 */
package org.arivoice.ari.event;
