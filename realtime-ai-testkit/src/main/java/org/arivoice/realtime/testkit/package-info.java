/**
 * {@link org.arivoice.realtime.testkit.FakeRealtimeServer}: a local WebSocket server that speaks the OpenAI
 * Realtime GA protocol, for tests and for a bot's simulate mode.
 *
 * <p>It follows the published event schemas: every event it sends validates against the matching
 * {@code RealtimeServerEvent*} schema (except the deliberately unknown events of the fault injection). Its
 * audio is scripted ({@link org.arivoice.realtime.testkit.AudioSource},
 * {@link org.arivoice.realtime.testkit.ScriptedResponse}), and its voice activity detection is energy based,
 * so a test decides exactly when the "caller" speaks.
 */
package org.arivoice.realtime.testkit;
