package org.arivoice.voicebot.tools;

import java.util.concurrent.CompletableFuture;
import org.arivoice.voicebot.config.BotConfig;

/**
 * What a {@link BotTool} may do to the call it runs in. Every operation is safe to call from the tool's
 * thread and returns at once; the futures complete when the operation is done (or fail with a message the
 * model can be told).
 */
public interface ToolContext {

    /**
     * The call's id (also the prefix of every Asterisk resource the call created).
     *
     * @return e.g. {@code voicebot-k3j9x0a2bq}
     */
    String callId();

    /**
     * The caller's channel id in Asterisk.
     *
     * @return the channel id
     */
    String callerChannelId();

    /**
     * Hangs the caller up once the audio the bot has produced so far (the farewell) has been sent to the
     * caller; audio of later responses is not played.
     *
     * @return completes when the call has ended and the bot has closed its Realtime session (so a tool's
     *     result given after it is not sent to the model)
     */
    CompletableFuture<Void> hangUpAfterPlayout();

    /**
     * Hands the caller to a dialplan location (blind transfer) once the current audio has been played out.
     *
     * @param location where the caller goes
     * @return completes when Asterisk accepted the transfer
     */
    CompletableFuture<Void> transferToDialplan(BotConfig.DialplanLocation location);

    /**
     * Rings an endpoint (e.g. {@code PJSIP/200}) and, when it answers, connects the caller to it and takes
     * the bot out of the call. If it does not answer, the caller stays with the bot.
     *
     * @param endpoint the endpoint to ring
     * @return completes with the new party's channel id once it is connected
     */
    CompletableFuture<String> transferToEndpoint(String endpoint);

    /**
     * Sends DTMF digits to the caller's channel (e.g. to an IVR the bot has called into).
     *
     * @param digits {@code 0-9}, {@code *}, {@code #}, {@code A-D}
     * @return completes when Asterisk accepted them
     */
    CompletableFuture<Void> sendDtmf(String digits);
}
