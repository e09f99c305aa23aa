/**
 * The ARI data models: one immutable record per model of Asterisk's ARI declaration ({@code api-docs/*.json}),
 * such as {@link org.arivoice.ari.model.Channel}, {@link org.arivoice.ari.model.Bridge} and
 * {@link org.arivoice.ari.model.Playback}.
 *
 * <p>Component names are the JSON names in camel case ({@code protocol_id} becomes {@code protocolId}).
 * Fields that a newer Asterisk adds are ignored; lists and maps that Asterisk leaves out read as empty.
 * Enumerated values (channel state, bridge type...) stay strings, since a newer Asterisk may add values; the
 * known ones are constants on the record (e.g. {@link org.arivoice.ari.model.Channel#STATE_UP}). Timestamps stay
 * in Asterisk's text form, with an {@code ...AsDateTime()} method that parses them
 * ({@link org.arivoice.ari.model.AriTimestamps}).
 */
package org.arivoice.ari.model;
