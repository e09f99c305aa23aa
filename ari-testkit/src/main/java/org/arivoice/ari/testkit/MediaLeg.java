package org.arivoice.ari.testkit;

/** The media side of an ExternalMedia channel, RTP or chan_websocket, as the inspection API sees it. */
interface MediaLeg extends AutoCloseable {
    /** The audio the application sent, concatenated. */
    byte[] receivedAudio();

    /** How many RTP packets / binary frames the application sent. */
    long packetsReceived();

    /** How many RTP packets / binary frames the fake sent. */
    long packetsSent();

    /** The application's audio, decoded and queued for the media clock (what the channel sends into a bridge). */
    InboundAudio inbound();

    @Override
    void close();
}
