/**
 * {@link org.arivoice.ari.testkit.FakeAsterisk}: an in-process Asterisk REST Interface server for tests and
 * simulation. REST and the event WebSocket share one loopback port; channels, bridges, snoops, playbacks,
 * recordings and ExternalMedia (real RTP over UDP) follow the behaviour recorded from a real Asterisk.
 *
 * <p>Only {@code FakeAsterisk}, its builder and the snapshot records are API; everything else is internal.
 */
package org.arivoice.ari.testkit;
