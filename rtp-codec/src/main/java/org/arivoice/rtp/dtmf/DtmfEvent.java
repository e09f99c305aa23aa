package org.arivoice.rtp.dtmf;

/**
 * One telephone event recognised by {@link DtmfDecoder}, plus the mapping between DTMF digits and RFC 4733
 * event codes.
 *
 * <p>Event codes 0-9 are the digits '0'-'9', 10 is '*', 11 is '#' and 12-15 are 'A'-'D' (RFC 4733 section
 * 3.2). Other codes (16 is hook flash; the IANA registry defines more for modems, fax and line signals)
 * are reported as they are, with {@link #digit()} returning {@link #NO_DIGIT}: they are not keypad digits
 * and must not be mistaken for one.
 *
 * @param eventCode the RFC 4733 event code, 0-255
 * @param durationMillis how long the event lasted, as reported by the sender (all segments of a long event)
 * @param durationUnits the same duration in RTP timestamp units
 * @param volume the power level of the tone, 0-63, meaning 0 to -63 dBm0
 * @param ssrc the synchronisation source that sent the event
 * @param rtpTimestamp the RTP timestamp of the event's start (of its first segment)
 * @param endReceived {@code true} when an end packet (E bit) was received; {@code false} when the event was
 *     considered ended because its packets stopped or another event started, in which case the duration is
 *     the longest one reported before that
 */
public record DtmfEvent(
        int eventCode,
        long durationMillis,
        long durationUnits,
        int volume,
        long ssrc,
        long rtpTimestamp,
        boolean endReceived) {

    /** Returned by {@link #digit()} and {@link #digitOf(int)} for event codes that are not DTMF digits. */
    public static final char NO_DIGIT = '\0';
    /** The RFC 4733 event code of a hook flash. */
    public static final int FLASH = 16;

    private static final String DIGITS = "0123456789*#ABCD";

    /**
     * The DTMF digit of this event.
     *
     * @return '0'-'9', '*', '#' or 'A'-'D'; {@link #NO_DIGIT} for other event codes
     */
    public char digit() {
        return digitOf(eventCode);
    }

    /**
     * Whether this event is one of the 16 DTMF digits.
     *
     * @return {@code true} for event codes 0-15
     */
    public boolean isDigit() {
        return isDigitCode(eventCode);
    }

    /**
     * Maps an event code to its DTMF digit.
     *
     * @param eventCode an RFC 4733 event code
     * @return the digit, or {@link #NO_DIGIT} when the code is not 0-15
     */
    public static char digitOf(int eventCode) {
        return isDigitCode(eventCode) ? DIGITS.charAt(eventCode) : NO_DIGIT;
    }

    /**
     * Maps a DTMF digit to its event code; 'a'-'d' are accepted as 'A'-'D'.
     *
     * @param digit '0'-'9', '*', '#', 'A'-'D' or 'a'-'d'
     * @return the event code 0-15, or -1 when {@code digit} is not a DTMF digit
     */
    public static int eventCodeOf(char digit) {
        return DIGITS.indexOf(Character.toUpperCase(digit));
    }

    /**
     * Whether an event code is one of the 16 DTMF digits.
     *
     * @param eventCode an RFC 4733 event code
     * @return {@code true} for 0-15
     */
    public static boolean isDigitCode(int eventCode) {
        return eventCode >= 0 && eventCode < DIGITS.length();
    }

    /**
     * A human-readable name for an event code, for logs.
     *
     * @param eventCode an RFC 4733 event code
     * @return for example {@code "digit 5"}, {@code "digit #"}, {@code "flash"} or
     *     {@code "other event code 40"}
     */
    public static String describe(int eventCode) {
        if (isDigitCode(eventCode)) {
            return "digit " + digitOf(eventCode);
        }
        if (eventCode == FLASH) {
            return "flash";
        }
        return "other event code " + eventCode;
    }

    @Override
    public String toString() {
        return "DtmfEvent[" + describe(eventCode) + ", " + durationMillis + " ms, volume -" + volume + " dBm0, ssrc="
                + ssrc + ", ts=" + rtpTimestamp + (endReceived ? "" : ", end not received") + "]";
    }
}
