package org.arivoice.ari.patterns;

/** The steps of the {@link BridgedMediaCall} flow, in order; a set-up failure names the step. */
public enum SetupStep {
    /** {@code POST /channels/{caller}/answer}. */
    ANSWER,
    /** {@code POST /bridges} (mixing) with a pre-assigned id. */
    CREATE_BRIDGE,
    /** {@code POST /bridges/{bridge}/addChannel} with the caller. */
    ADD_CALLER,
    /** {@code POST /channels/{caller}/snoop} with a pre-assigned id. */
    SNOOP,
    /** {@link MediaConnector#prepare(String)}: allocating the application's media address. */
    PREPARE_MEDIA,
    /** {@code POST /channels/externalMedia} with a pre-assigned id. */
    EXTERNAL_MEDIA,
    /** {@link MediaConnector#connect} and the ExternalMedia channel's {@code StasisStart}. */
    CONNECT_MEDIA,
    /** {@code POST /bridges/{bridge}/addChannel} with the ExternalMedia channel. */
    ADD_MEDIA,
    /** Reading {@code UNICASTRTP_LOCAL_ADDRESS} / {@code UNICASTRTP_LOCAL_PORT} (RTP only). */
    READ_MEDIA_ADDRESS
}
