package org.arivoice.voicebot.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.arivoice.voicebot.config.BotConfig;
import org.junit.jupiter.api.Test;

class BuiltInToolsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Records what the tools asked of the call. */
    static final class Recorder implements ToolContext {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public String callId() {
            return "voicebot-test";
        }

        @Override
        public String callerChannelId() {
            return "1.0";
        }

        @Override
        public CompletableFuture<Void> hangUpAfterPlayout() {
            calls.add("hangup");
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> transferToDialplan(BotConfig.DialplanLocation location) {
            calls.add("dialplan " + location.context() + "," + location.extension() + "," + location.priority());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<String> transferToEndpoint(String endpoint) {
            calls.add("endpoint " + endpoint);
            return CompletableFuture.completedFuture("chan-2");
        }

        @Override
        public CompletableFuture<Void> sendDtmf(String digits) {
            calls.add("dtmf " + digits);
            return CompletableFuture.completedFuture(null);
        }
    }

    private static final BotConfig.Tools ALL = new BotConfig.Tools(true, true, Map.of(
            "sales", new BotConfig.TransferTarget("the sales team",
                    Optional.of(new BotConfig.DialplanLocation("sales", "100", 1)), Optional.empty()),
            "support", new BotConfig.TransferTarget("a support agent", Optional.empty(), Optional.of("PJSIP/200"))));

    private static BotTool tool(String name) {
        return BuiltInTools.enabled(ALL).stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theConfigurationDecidesWhichBuiltInsAreOffered() {
        assertThat(BuiltInTools.enabled(ALL)).extracting(BotTool::name)
                .containsExactly("end_call", "transfer_call", "send_dtmf");
        assertThat(BuiltInTools.enabled(new BotConfig.Tools(false, false, Map.of()))).isEmpty();
        assertThat(BuiltInTools.enabled(new BotConfig.Tools(true, false, Map.of()))).extracting(BotTool::name)
                .containsExactly("end_call");
    }

    @Test
    void transferGoesToTheNamedTargetByItsKind() throws Exception {
        Recorder ctx = new Recorder();
        BotTool t = tool("transfer_call");
        assertThat(t.parameters().at("/properties/target/enum").toString()).isEqualTo("[\"sales\",\"support\"]");
        assertThat(t.description()).contains("sales (the sales team)").contains("support (a support agent)");
        assertThat(t.call(ctx, JSON.readTree("{\"target\":\"sales\"}")).get()).contains("transferred");
        assertThat(t.call(ctx, JSON.readTree("{\"target\":\"support\"}")).get()).contains("connected");
        assertThat(t.call(ctx, JSON.readTree("{\"target\":\"boss\"}")).get()).contains("unknown target 'boss'");
        assertThat(ctx.calls).containsExactly("dialplan sales,100,1", "endpoint PJSIP/200");
    }

    @Test
    void dtmfDigitsAreValidatedBeforeAnythingIsSent() throws Exception {
        Recorder ctx = new Recorder();
        BotTool t = tool("send_dtmf");
        assertThat(t.call(ctx, JSON.readTree("{\"digits\":\"12#\"}")).get()).contains("sent");
        assertThat(t.call(ctx, JSON.readTree("{\"digits\":\"12x\"}")).get()).contains("error");
        assertThat(t.call(ctx, JSON.readTree("{}")).get()).contains("error");
        assertThat(ctx.calls).containsExactly("dtmf 12#");
    }

    @Test
    void endCallAsksForTheHangUpAfterPlayout() throws Exception {
        Recorder ctx = new Recorder();
        assertThat(tool("end_call").call(ctx, JSON.createObjectNode()).get()).contains("call ended");
        assertThat(ctx.calls).containsExactly("hangup");
    }
}
