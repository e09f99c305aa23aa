package org.arivoice.examples;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.arivoice.ari.patterns.ResourceKind;
import org.arivoice.ari.patterns.ResourceLedger;
import org.arivoice.ari.patterns.TeardownReport;
import org.arivoice.ari.resources.BridgeOptions;
import org.arivoice.ari.resources.OriginateOptions;
import org.arivoice.ari.resources.SnoopDirection;
import org.arivoice.ari.resources.SnoopOptions;

/**
 * A supervisor listens to a live call and whispers to the agent: a snoop on the agent's channel with
 * {@code spy=both} (the supervisor hears the agent and the customer) and {@code whisper=out} (what the
 * supervisor says is mixed into what the agent hears, and only that), bridged with the supervisor's channel.
 *
 * <p>What it shows: snoop directions, a bridge that is not the call's own, and a {@link ResourceLedger}
 * that removes exactly what the example created. (ari-bridge-patterns offers the same as
 * {@code BridgedMediaCall.supervise(..., SupervisorMode.WHISPER)} for calls it runs.)
 *
 * <p>Run: {@code java -cp examples.jar org.arivoice.examples.SupervisorWhisper <agentChannelId>
 * <supervisorChannelId>} with both channels in the application; without {@code ARI_URL} it builds a call, an
 * agent and a supervisor from simulated channels on a FakeAsterisk.
 */
public final class SupervisorWhisper implements AutoCloseable {
    private final ResourceLedger ledger;
    private final String snoopId;
    private final String bridgeId;

    private SupervisorWhisper(ResourceLedger ledger, String snoopId, String bridgeId) {
        this.ledger = ledger;
        this.snoopId = snoopId;
        this.bridgeId = bridgeId;
    }

    /**
     * Connects the supervisor to the agent's channel.
     *
     * @param target where the channels are
     * @param agentChannelId the agent's channel (in the application)
     * @param supervisorChannelId the supervisor's channel (in the application)
     * @return the connection; close it to disconnect the supervisor (their channel stays up)
     */
    public static SupervisorWhisper start(ExampleTarget target, String agentChannelId, String supervisorChannelId) {
        String id = "whisper-" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        ResourceLedger ledger = new ResourceLedger(target.ari(), id, Duration.ofSeconds(15));
        SupervisorWhisper w = new SupervisorWhisper(ledger, id + "-snoop", id + "-bridge");
        try {
            ledger.create(ResourceKind.SNOOP_CHANNEL, w.snoopId, () -> target.ari().channels().snoopWithId(
                    agentChannelId, w.snoopId, SnoopOptions.builder(target.application())
                            .spy(SnoopDirection.BOTH).whisper(SnoopDirection.OUT).appArgs("supervisor").build()))
                    .join();
            ledger.create(ResourceKind.BRIDGE, w.bridgeId, () -> target.ari().bridges().createWithId(w.bridgeId,
                    BridgeOptions.builder().type("mixing").name(id).build())).join();
            target.ari().bridges().addChannel(w.bridgeId, List.of(w.snoopId, supervisorChannelId), null, null, null,
                    null).await();
            return w;
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /** {@return the snoop channel's id} */
    public String snoopId() {
        return snoopId;
    }

    /** {@return the supervisor's bridge's id} */
    public String bridgeId() {
        return bridgeId;
    }

    /** Disconnects the supervisor: removes the snoop and the supervisor's bridge. */
    @Override
    public void close() {
        TeardownReport report = ledger.teardown(false).join();
        if (!report.clean()) {
            System.err.println("could not remove: " + report.failures());
        }
    }

    /**
     * Whispers on the channels given (real Asterisk) or on simulated ones (fake) until Enter / for 2 s.
     *
     * @param args {@code <agentChannelId> <supervisorChannelId>} for a real Asterisk
     * @throws Exception if interrupted
     */
    public static void main(String[] args) throws Exception {
        try (ExampleTarget target = ExampleTarget.fromEnvironment()) {
            boolean fake = target.fake().isPresent();
            String agent = fake ? originate(target, "agent") : args[0];
            String supervisor = fake ? originate(target, "supervisor") : args[1];
            try (SupervisorWhisper w = SupervisorWhisper.start(target, agent, supervisor)) {
                System.out.println("supervisor " + supervisor + " hears " + agent + " and whispers to them through "
                        + w.snoopId());
                if (fake) {
                    Thread.sleep(2000);
                } else {
                    System.in.read();
                }
            }
            if (fake) {
                target.ari().channels().hangup(agent).await();
                target.ari().channels().hangup(supervisor).await();
            }
        }
    }

    private static String originate(ExampleTarget target, String id) {
        target.ari().channels().originateWithId(id, OriginateOptions.builder("Local/caller@ari-it")
                .app(target.application()).build()).await();
        return id;
    }
}
