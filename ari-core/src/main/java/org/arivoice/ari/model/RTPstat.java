package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A statistics of a RTP.
 *
 * <p>The ARI model {@code RTPstat} declared in {@code channels.json}. Fields this version does not know are ignored.
 *
 * @param txcount Number of packets transmitted.
 * @param rxcount Number of packets received.
 * @param txjitter Jitter on transmitted packets. May be {@code null}.
 * @param rxjitter Jitter on received packets. May be {@code null}.
 * @param remoteMaxjitter Maximum jitter on remote side. May be {@code null}.
 * @param remoteMinjitter Minimum jitter on remote side. May be {@code null}.
 * @param remoteNormdevjitter Average jitter on remote side. May be {@code null}.
 * @param remoteStdevjitter Standard deviation jitter on remote side. May be {@code null}.
 * @param localMaxjitter Maximum jitter on local side. May be {@code null}.
 * @param localMinjitter Minimum jitter on local side. May be {@code null}.
 * @param localNormdevjitter Average jitter on local side. May be {@code null}.
 * @param localStdevjitter Standard deviation jitter on local side. May be {@code null}.
 * @param txploss Number of transmitted packets lost.
 * @param rxploss Number of received packets lost.
 * @param remoteMaxrxploss Maximum number of packets lost on remote side. May be {@code null}.
 * @param remoteMinrxploss Minimum number of packets lost on remote side. May be {@code null}.
 * @param remoteNormdevrxploss Average number of packets lost on remote side. May be {@code null}.
 * @param remoteStdevrxploss Standard deviation packets lost on remote side. May be {@code null}.
 * @param localMaxrxploss Maximum number of packets lost on local side. May be {@code null}.
 * @param localMinrxploss Minimum number of packets lost on local side. May be {@code null}.
 * @param localNormdevrxploss Average number of packets lost on local side. May be {@code null}.
 * @param localStdevrxploss Standard deviation packets lost on local side. May be {@code null}.
 * @param rtt Total round trip time. May be {@code null}.
 * @param maxrtt Maximum round trip time. May be {@code null}.
 * @param minrtt Minimum round trip time. May be {@code null}.
 * @param normdevrtt Average round trip time. May be {@code null}.
 * @param stdevrtt Standard deviation round trip time. May be {@code null}.
 * @param localSsrc Our SSRC.
 * @param remoteSsrc Their SSRC.
 * @param txoctetcount Number of octets transmitted.
 * @param rxoctetcount Number of octets received.
 * @param channelUniqueid The Asterisk channel's unique ID that owns this instance.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RTPstat(
        @JsonProperty("txcount") int txcount,
        @JsonProperty("rxcount") int rxcount,
        @JsonProperty("txjitter") Double txjitter,
        @JsonProperty("rxjitter") Double rxjitter,
        @JsonProperty("remote_maxjitter") Double remoteMaxjitter,
        @JsonProperty("remote_minjitter") Double remoteMinjitter,
        @JsonProperty("remote_normdevjitter") Double remoteNormdevjitter,
        @JsonProperty("remote_stdevjitter") Double remoteStdevjitter,
        @JsonProperty("local_maxjitter") Double localMaxjitter,
        @JsonProperty("local_minjitter") Double localMinjitter,
        @JsonProperty("local_normdevjitter") Double localNormdevjitter,
        @JsonProperty("local_stdevjitter") Double localStdevjitter,
        @JsonProperty("txploss") int txploss,
        @JsonProperty("rxploss") int rxploss,
        @JsonProperty("remote_maxrxploss") Double remoteMaxrxploss,
        @JsonProperty("remote_minrxploss") Double remoteMinrxploss,
        @JsonProperty("remote_normdevrxploss") Double remoteNormdevrxploss,
        @JsonProperty("remote_stdevrxploss") Double remoteStdevrxploss,
        @JsonProperty("local_maxrxploss") Double localMaxrxploss,
        @JsonProperty("local_minrxploss") Double localMinrxploss,
        @JsonProperty("local_normdevrxploss") Double localNormdevrxploss,
        @JsonProperty("local_stdevrxploss") Double localStdevrxploss,
        @JsonProperty("rtt") Double rtt,
        @JsonProperty("maxrtt") Double maxrtt,
        @JsonProperty("minrtt") Double minrtt,
        @JsonProperty("normdevrtt") Double normdevrtt,
        @JsonProperty("stdevrtt") Double stdevrtt,
        @JsonProperty("local_ssrc") int localSsrc,
        @JsonProperty("remote_ssrc") int remoteSsrc,
        @JsonProperty("txoctetcount") int txoctetcount,
        @JsonProperty("rxoctetcount") int rxoctetcount,
        @JsonProperty("channel_uniqueid") String channelUniqueid) {
}
