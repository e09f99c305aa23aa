/**
 * RFC 4733 telephone events (DTMF): {@link org.arivoice.rtp.dtmf.DtmfEncoder} produces the packets of an
 * event for a paced sender, {@link org.arivoice.rtp.dtmf.DtmfDecoder} reports each received event once
 * despite retransmitted end packets, reordering and loss, and {@link org.arivoice.rtp.dtmf.DtmfEvent} maps
 * event codes to keypad digits.
 */
package org.arivoice.rtp.dtmf;
