package org.arivoice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.arivoice.ari.AriClient;
import org.arivoice.ari.model.AsteriskInfo;
import org.arivoice.testsupport.HangGuard;
import org.junit.jupiter.api.Test;

/**
 * Shows in the test report which target the scenarios ran against: the target in use passes (it answers
 * {@code GET /asterisk/info}), the others are skipped with the reason they were not used, e.g.
 * "Testcontainers target not in use: no Docker engine found: DOCKER_HOST is not set and /var/run/docker.sock
 * does not exist", or which image a registry-less engine lacks.
 */
@HangGuard(seconds = 240) // the first use may build and start the Asterisk container (startup timeout 3 min)
class TargetSelectionIT {

    @Test
    void externalTargetAnswersAsteriskInfo() {
        answersWhenInUse("external", "External Asterisk target (ARI_URL)");
    }

    @Test
    void testcontainersTargetAnswersAsteriskInfo() {
        answersWhenInUse("testcontainers", "Testcontainers target");
    }

    @Test
    void fakeTargetAnswersAsteriskInfo() {
        answersWhenInUse("fake", "FakeAsterisk target");
    }

    @Test
    void exactlyOneTargetIsInUseAndTheOthersSayWhyNot() {
        AsteriskTarget current = Targets.current();
        assertThat(Targets.notUsed()).hasSize(2).doesNotContainKey(current.kind());
        assertThat(Targets.notUsed().keySet()).allMatch(k -> k.equals("external") || k.equals("testcontainers")
                || k.equals("fake"));
        assertThat(Targets.notUsed().values()).allMatch(reason -> !reason.isBlank());
        assertThat(current.describe()).doesNotContain(current.password());
    }

    @Test
    void environmentVariablesDescribeAnExternalTargetWithDefaultsAndNoSecrets() {
        assertThat(ExternalTarget.missing(Map.of())).contains("ARI_URL, ARI_USER, ARI_PASSWORD not set");
        assertThat(ExternalTarget.missing(Map.of("ARI_URL", "http://pbx:8088", "ARI_USER", "bot")))
                .contains("ARI_PASSWORD not set");
        Map<String, String> env = Map.of("ARI_URL", "http://bot:leaked@pbx:8088", "ARI_USER", "bot",
                "ARI_PASSWORD", "s3cret-value", "ARI_MEDIA_HOST", "10.0.0.5");
        assertThat(ExternalTarget.missing(env)).isEmpty();

        ExternalTarget external = ExternalTarget.fromEnvironment(env);
        assertThat(external.kind()).isEqualTo("external");
        assertThat(external.application()).isEqualTo("arivoice-it");
        assertThat(external.context()).isEqualTo("arivoice-it");
        assertThat(external.readOnlyUser()).isEqualTo("reader");
        assertThat(external.mediaAdvertiseHost()).isEqualTo("10.0.0.5");
        assertThat(external.mediaBindHost()).isEqualTo("0.0.0.0");
        assertThat(external.fake()).isEmpty();
        assertThat(external.describe()).contains("pbx:8088").doesNotContain("s3cret-value").doesNotContain("leaked");
        assertThat(external.toString()).doesNotContain("s3cret-value");
    }

    private static void answersWhenInUse(String kind, String label) {
        AsteriskTarget target = Targets.current();
        assumeTrue(target.kind().equals(kind),
                () -> label + " not in use: " + Targets.whyNotUsed(kind).orElse("another target was chosen"));
        try (AriClient ari = AriClient.builder().baseUrl(target.baseUrl())
                .credentials(target.user(), target.password()).build()) {
            AsteriskInfo info = ari.asterisk().getInfo().await();
            assertThat(info.system()).as("the system section of GET /asterisk/info").isNotNull();
            assertThat(info.system().version()).isNotBlank();
        }
    }
}
