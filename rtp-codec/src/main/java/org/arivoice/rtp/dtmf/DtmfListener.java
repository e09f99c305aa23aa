package org.arivoice.rtp.dtmf;

/**
 * Receives the telephone events recognised by a {@link DtmfDecoder}, each exactly once. Called on the
 * thread that feeds the decoder (usually the media thread), so it should hand the event on quickly.
 */
@FunctionalInterface
public interface DtmfListener {
    /**
     * Called once per recognised event.
     *
     * @param event the event; use {@link DtmfEvent#digit()} for the key that was pressed
     */
    void onEvent(DtmfEvent event);
}
