package org.arivoice.ari.stream;

/** JSON of ARI events in Asterisk's shape, for tests. */
final class Events {
    private Events() {
    }

    static String channel(String id) {
        return "{\"id\":\"" + id + "\",\"name\":\"Local/caller@ari-it-0;1\",\"state\":\"Up\",\"protocol_id\":\"\","
                + "\"caller\":{\"name\":\"\",\"number\":\"\"},\"connected\":{\"name\":\"\",\"number\":\"\"},"
                + "\"accountcode\":\"\",\"dialplan\":{\"context\":\"ari-it\",\"exten\":\"s\",\"priority\":1,"
                + "\"app_name\":\"Stasis\",\"app_data\":\"voicebot\"},"
                + "\"creationtime\":\"2026-11-25T19:34:00.573+0000\",\"language\":\"en\"}";
    }

    static String channelEvent(String type, String channelId, String extraFields) {
        return "{\"type\":\"" + type + "\",\"timestamp\":\"2026-11-25T19:34:00.577+0000\","
                + (extraFields.isEmpty() ? "" : extraFields + ",")
                + "\"channel\":" + channel(channelId) + ",\"asterisk_id\":\"02:fc:00:00:00:01\","
                + "\"application\":\"voicebot\"}";
    }

    static String varset(String channelId, String value) {
        return channelEvent("ChannelVarset", channelId, "\"variable\":\"SEQ\",\"value\":\"" + value + "\"");
    }

    static String stasisStart(String channelId) {
        return channelEvent("StasisStart", channelId, "\"args\":[]");
    }

    static String bridgeEvent(String type, String bridgeId) {
        return "{\"type\":\"" + type + "\",\"timestamp\":\"2026-11-25T19:34:00.577+0000\",\"bridge\":{\"id\":\""
                + bridgeId + "\",\"technology\":\"simple_bridge\",\"bridge_type\":\"mixing\",\"bridge_class\":"
                + "\"stasis\",\"creator\":\"Stasis\",\"name\":\"\",\"channels\":[],"
                + "\"creationtime\":\"2026-11-25T19:34:00.580+0000\",\"video_mode\":\"talker\"},"
                + "\"application\":\"voicebot\"}";
    }

    static String applicationReplaced(String app) {
        return "{\"type\":\"ApplicationReplaced\",\"timestamp\":\"2026-11-25T19:43:23.955+0000\","
                + "\"asterisk_id\":\"02:fc:00:00:00:01\",\"application\":\"" + app + "\"}";
    }
}
