package org.arivoice.voicebot.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tools found through a real {@code META-INF/services} file, as a user's jar on the class path provides them. */
class ServiceFileDiscoveryTest {
    @TempDir
    Path jarRoot;

    private URLClassLoader loaderWithServiceFile(String content) throws IOException {
        Path services = Files.createDirectories(jarRoot.resolve("META-INF/services"));
        Files.writeString(services.resolve(BotTool.class.getName()), content, StandardCharsets.UTF_8);
        return new URLClassLoader(new URL[] {jarRoot.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void aToolListedInAServiceFileIsFound() throws IOException {
        try (URLClassLoader loader = loaderWithServiceFile(
                "# the shop's tools\n" + OrderStatusTool.class.getName() + "\n")) {
            List<BotTool> tools = BuiltInTools.discovered(loader);
            assertThat(tools).singleElement().isInstanceOf(OrderStatusTool.class);
            assertThat(tools.get(0).name()).isEqualTo("order_status");
        }
    }

    @Test
    void withoutAServiceFileNothingIsFound() {
        assertThat(BuiltInTools.discovered(getClass().getClassLoader())).isEmpty();
    }

    @Test
    void aMisspelledClassNameSaysWhatToCheck() throws IOException {
        try (URLClassLoader loader = loaderWithServiceFile("com.example.OrderStatusTol\n")) {
            assertThatThrownBy(() -> BuiltInTools.discovered(loader))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("META-INF/services/org.arivoice.voicebot.tools.BotTool")
                    .hasMessageContaining("com.example.OrderStatusTol")
                    .hasMessageContaining("public no-argument constructor");
        }
    }
}
