package org.arivoice.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class NeededImagesTest {
    private static final String DOCKERFILE = "# a comment: FROM nothing\n"
            + "FROM andrius/asterisk:22.6.0_debian-trixie\n"
            + "COPY conf/*.conf /etc/asterisk/\n";

    private static List<String> names(String dockerfile, NeededImages.Setting setting) {
        return NeededImages.forContainerTarget(dockerfile, setting, UnaryOperator.identity()).stream()
                .map(NeededImages.Image::name).toList();
    }

    @Test
    void aPlainHostNeedsRyukAndTheBaseImage() {
        NeededImages.Setting setting = new NeededImages.Setting(Map.of(), false, "unix", false);
        assertThat(names(DOCKERFILE, setting))
                .containsExactly("testcontainers/ryuk:0.12.0", "andrius/asterisk:22.6.0_debian-trixie");
    }

    @Test
    void ryukDisabledLeavesOnlyTheBaseImage() {
        NeededImages.Setting setting = new NeededImages.Setting(Map.of("TESTCONTAINERS_RYUK_DISABLED", "true"),
                false, "unix", false);
        assertThat(names(DOCKERFILE, setting)).containsExactly("andrius/asterisk:22.6.0_debian-trixie");
    }

    @Test
    void insideAContainerWithoutBridgeGatewayTestcontainersRunsAlpineToFindTheHostUnlessOverridden() {
        Map<String, String> noRyuk = Map.of("TESTCONTAINERS_RYUK_DISABLED", "true");
        assertThat(names(DOCKERFILE, new NeededImages.Setting(noRyuk, true, "unix", false)))
                .containsExactly("alpine:3.17", "andrius/asterisk:22.6.0_debian-trixie");
        Map<String, String> overridden = Map.of("TESTCONTAINERS_RYUK_DISABLED", "true",
                "TESTCONTAINERS_HOST_OVERRIDE", "localhost");
        assertThat(names(DOCKERFILE, new NeededImages.Setting(overridden, true, "unix", false)))
                .containsExactly("andrius/asterisk:22.6.0_debian-trixie");
        // A bridge network that reports its gateway answers the question without a container.
        assertThat(names(DOCKERFILE, new NeededImages.Setting(noRyuk, true, "unix", true)))
                .containsExactly("andrius/asterisk:22.6.0_debian-trixie");
        // An engine reached over TCP is addressed by its host name.
        assertThat(names(DOCKERFILE, new NeededImages.Setting(noRyuk, true, "tcp", false)))
                .containsExactly("andrius/asterisk:22.6.0_debian-trixie");
    }

    @Test
    void testcontainersOwnImagesGoThroughTheSubstitutorAndTheBaseImageDoesNot() {
        NeededImages.Setting setting = new NeededImages.Setting(Map.of(), true, "unix", false);
        List<String> names = NeededImages.forContainerTarget(DOCKERFILE, setting, name -> "mirror.example/" + name)
                .stream().map(NeededImages.Image::name).toList();
        assertThat(names).containsExactly("mirror.example/alpine:3.17", "mirror.example/testcontainers/ryuk:0.12.0",
                "andrius/asterisk:22.6.0_debian-trixie");
    }

    @Test
    void baseImagesSkipStagesScratchAndBuildArguments() {
        String dockerfile = String.join("\n",
                "ARG VERSION=1",
                "FROM --platform=linux/amd64 debian:12 AS build",
                "RUN make",
                "from build as test",
                "FROM scratch",
                "FROM example/app:$VERSION",
                "FROM debian:12",
                "  FROM eclipse-temurin:17-jre");
        assertThat(NeededImages.baseImages(dockerfile)).containsExactly("debian:12", "eclipse-temurin:17-jre");
    }

    @Test
    void theProjectsDockerfileNamesOneBaseImage() throws IOException {
        String dockerfile = Files.readString(Path.of(System.getProperty("user.dir")).resolve("../asterisk/Dockerfile"));
        assertThat(NeededImages.baseImages(dockerfile)).containsExactly("andrius/asterisk:22.6.0_debian-trixie");
    }

    @Test
    void theImageNamesAreTheOnesThisTestcontainersVersionUses() throws IOException {
        // Testcontainers writes both names as constants in its classes and offers no API for them; an upgrade
        // that changes them fails here, so the preflight never checks for an image Testcontainers does not use.
        assertThat(classConstants("org/testcontainers/utility/RyukContainer.class"))
                .contains(NeededImages.RYUK_IMAGE);
        assertThat(classConstants("org/testcontainers/DockerClientFactory.class")).contains(NeededImages.TINY_IMAGE);
    }

    private static String classConstants(String resource) throws IOException {
        try (InputStream in = NeededImagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the test class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
