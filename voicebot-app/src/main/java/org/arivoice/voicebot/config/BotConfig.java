package org.arivoice.voicebot.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.arivoice.ari.patterns.MediaFormat;

/**
 * The bot's whole configuration, validated: what {@code ConfigLoader} makes of the YAML file and the
 * environment. Immutable; secrets are {@link Secret}s. The YAML keys are the record component names in
 * kebab-case (e.g. {@code ari.url}, {@code realtime.api-key-file}, {@code limits.max-concurrent-calls}).
 *
 * @param ari how to reach Asterisk
 * @param media the RTP side
 * @param realtime how to reach the model
 * @param conversation what the model is told and how turns work
 * @param tools the tools the model may call
 * @param limits per-call and per-process limits, failure handling and shutdown
 * @param observability metrics, transcripts and recordings
 */
public record BotConfig(Ari ari, Media media, Realtime realtime, Conversation conversation, Tools tools,
        Limits limits, Observability observability) {

    /**
     * Checks that no section is missing.
     *
     * @param ari how to reach Asterisk
     * @param media the RTP side
     * @param realtime how to reach the model
     * @param conversation the conversation
     * @param tools the tools
     * @param limits the limits
     * @param observability metrics, transcripts and recordings
     */
    public BotConfig {
        Objects.requireNonNull(ari, "ari");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(realtime, "realtime");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(tools, "tools");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(observability, "observability");
    }

    /**
     * Asterisk's ARI.
     *
     * @param url base URL, e.g. {@code http://127.0.0.1:8088} (env {@code ARI_URL})
     * @param user ARI user (env {@code ARI_USER})
     * @param password its password (env {@code ARI_PASSWORD}, or {@code password-file})
     * @param application the Stasis application name (env {@code ARI_APP}, default {@code voicebot}); one per
     *     bot process
     * @param idPrefix prefix of every channel and bridge id the bot creates (default {@code voicebot-}); the
     *     start-up sweep removes leftovers with it
     * @param sweepOnStart whether to remove leftovers of a crashed earlier run at start (default {@code true})
     */
    public record Ari(String url, String user, Secret password, String application, String idPrefix,
            boolean sweepOnStart) {
    }

    /**
     * RTP between Asterisk and the bot.
     *
     * @param bindAddress where the bot's UDP sockets listen (default {@code 0.0.0.0})
     * @param advertisedHost the address Asterisk sends RTP to (env {@code MEDIA_ADVERTISED_HOST}); required
     *     with a wildcard bind address: getting it wrong is the first cause of one-way audio
     * @param portMin lowest RTP port (default 40000)
     * @param portMax highest RTP port (default 40999)
     * @param format ExternalMedia format: {@code ulaw} (default, no transcoding), {@code alaw}, {@code slin16}
     * @param jitterMs the reorder buffer's depth (default 60)
     */
    public record Media(String bindAddress, String advertisedHost, int portMin, int portMax, MediaFormat format,
            int jitterMs) {
    }

    /**
     * The OpenAI Realtime API (or Azure OpenAI, or a compatible server).
     *
     * @param endpoint a base URL ({@code ws://}/{@code wss://}) instead of OpenAI's, e.g. a proxy or the fake;
     *     empty for {@code wss://api.openai.com}
     * @param azureResource an Azure OpenAI resource name instead of OpenAI; empty for OpenAI
     * @param apiKey the key (env {@code OPENAI_API_KEY}, or {@code api-key-file})
     * @param model the model, or the Azure deployment (default {@code gpt-realtime})
     * @param voice the voice (default {@code marin})
     * @param connectTimeout how long to wait for {@code session.created} (default 10 s)
     */
    public record Realtime(Optional<String> endpoint, Optional<String> azureResource, Secret apiKey, String model,
            String voice, Duration connectTimeout) {
    }

    /**
     * What the model is told and how turns are taken.
     *
     * @param instructions the system instructions
     * @param greet whether the model speaks first (default {@code true})
     * @param greeting what the model is asked to say first, as instructions for the first response
     * @param vad {@code server_vad} (default) or {@code semantic_vad}
     * @param vadThreshold server VAD threshold 0..1 (default 0.5)
     * @param silenceMs server VAD silence that ends a turn (default 500)
     * @param prefixPaddingMs server VAD prefix padding (default 300)
     * @param bargeInGuardMs after the bot starts speaking, caller speech this early does not interrupt it
     *     (default 300; protects against the echo of the bot's own first syllables)
     * @param minSpeechMs caller speech shorter than this does not interrupt the bot (default 150)
     * @param forwardDtmf whether caller DTMF is sent to the model as text (default {@code true})
     * @param inputTranscription a transcription model for the caller's speech in transcripts (default
     *     {@code gpt-4o-mini-transcribe}); empty for none
     */
    public record Conversation(String instructions, boolean greet, String greeting, String vad, double vadThreshold,
            int silenceMs, int prefixPaddingMs, int bargeInGuardMs, int minSpeechMs, boolean forwardDtmf,
            Optional<String> inputTranscription) {
    }

    /**
     * Tools the model may call.
     *
     * @param endCall offer {@code end_call} (hang up after the farewell has been played; default {@code true})
     * @param sendDtmf offer {@code send_dtmf} (default {@code false})
     * @param transferTargets the targets {@code transfer_call} may use, by name; none disables the tool
     */
    public record Tools(boolean endCall, boolean sendDtmf, Map<String, TransferTarget> transferTargets) {
        /**
         * Keeps an unmodifiable copy.
         *
         * @param endCall offer end_call
         * @param sendDtmf offer send_dtmf
         * @param transferTargets the transfer targets
         */
        public Tools {
            transferTargets = Map.copyOf(transferTargets);
        }
    }

    /**
     * Where {@code transfer_call} may send the caller: a dialplan location (blind transfer) or an endpoint
     * (the bot originates it and bridges it when it answers).
     *
     * @param description what the model is told the target is, e.g. "the sales team"
     * @param location a dialplan location, or empty when {@code endpoint} is set
     * @param endpoint an endpoint such as {@code PJSIP/200}, or empty when {@code location} is set
     */
    public record TransferTarget(String description, Optional<DialplanLocation> location, Optional<String> endpoint) {
    }

    /**
     * A place in the dialplan.
     *
     * @param context the context
     * @param extension the extension
     * @param priority the priority (default 1)
     */
    public record DialplanLocation(String context, String extension, int priority) {
    }

    /**
     * Limits, failures and shutdown.
     *
     * @param maxCallDuration a call is ended after this (default 30 min)
     * @param maxConcurrentCalls calls beyond this get the overflow treatment (default 100)
     * @param overflow where calls beyond the limit go; empty: they hear {@code busyMedia} and are hung up
     * @param busyMedia what a caller beyond the limit hears before the hang-up (default {@code sound:tt-allbusy})
     * @param sessionRollover a Realtime session is replaced this long before OpenAI's 60-minute cap (default 2 min)
     * @param maxRealtimeFailures Realtime failures in one call before the apology and fallback (default 3)
     * @param apologyMedia played to the caller when the model cannot be reached (default {@code sound:an-error-has-occurred})
     * @param fallback where the caller goes after the apology; empty: hang up
     * @param shutdownGrace how long active calls may go on after SIGTERM (default 30 s)
     */
    public record Limits(Duration maxCallDuration, int maxConcurrentCalls, Optional<DialplanLocation> overflow,
            String busyMedia, Duration sessionRollover, int maxRealtimeFailures, String apologyMedia,
            Optional<DialplanLocation> fallback, Duration shutdownGrace) {
    }

    /**
     * Metrics, transcripts and recordings.
     *
     * @param metricsPort the HTTP port for {@code /metrics} (Prometheus) and {@code /health}; 0 disables it
     *     (default 9464)
     * @param transcriptsDir where per-call transcripts (JSON lines) are written; empty for none
     * @param recordCalls whether each call's bridge is recorded in Asterisk (default {@code false})
     */
    public record Observability(int metricsPort, Optional<Path> transcriptsDir, boolean recordCalls) {
    }
}
