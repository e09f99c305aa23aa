package org.arivoice.ari.testkit;

import java.util.Map;

/** Cause codes and Asterisk's texts for them ({@code ast_cause2str}), for hangup reasons. */
final class HangupCause {
    private static final Map<String, Integer> REASONS = Map.ofEntries(
            Map.entry("normal", 16), Map.entry("busy", 17), Map.entry("congestion", 34),
            Map.entry("no_answer", 19), Map.entry("timeout", 18), Map.entry("rejected", 21),
            Map.entry("unallocated", 1), Map.entry("normal_unspecified", 31),
            Map.entry("number_incomplete", 28), Map.entry("codec_mismatch", 58),
            Map.entry("interworking", 127), Map.entry("failure", 38), Map.entry("answered_elsewhere", 26));

    private HangupCause() {
    }

    /** resource_channels.c ast_ari_channels_hangup: the cause from {@code reason_code} or {@code reason}. */
    static int fromRequest(String reasonCode, String reason) {
        if (reasonCode != null && reason != null) {
            throw new AriError(400, "The reason and reason_code can't both be specified");
        }
        if (reasonCode != null) {
            Integer code = Originate.leadingInt(reasonCode); // sscanf("%30d"): any cause, "17x" is 17
            if (code == null) {
                throw new AriError(400, "Invalid reason for hangup reason code provided");
            }
            return code;
        }
        if (reason != null) {
            Integer code = REASONS.get(reason);
            if (code == null) {
                throw new AriError(400, "Invalid reason for hangup reason provided");
            }
            return code;
        }
        return 16;
    }

    static String text(int cause) {
        switch (cause) {
            case 1: return "Unallocated (unassigned) number";
            case 16: return "Normal Clearing";
            case 17: return "User busy";
            case 18: return "No user responding";
            case 19: return "User alerting, no answer";
            case 21: return "Call Rejected";
            case 26: return "Answered elsewhere";
            case 28: return "Invalid number format (addr incomplete)";
            case 31: return "Normal, unspecified";
            case 34: return "Circuit/channel congestion";
            case 38: return "Network out of order";
            case 58: return "Bearer capability not available";
            case 127: return "Interworking, unspecified";
            default: return "Unknown";
        }
    }
}
