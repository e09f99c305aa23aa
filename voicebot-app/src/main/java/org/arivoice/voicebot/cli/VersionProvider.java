package org.arivoice.voicebot.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version for {@code --version}: the jar manifest's {@code Implementation-Version}, else the Maven
 * descriptor packed into the jar ({@code META-INF/maven/org.arivoice/voicebot-app/pom.properties}), else
 * "development build" when running from classes.
 */
public final class VersionProvider implements IVersionProvider {
    private static final String POM_PROPERTIES = "/META-INF/maven/org.arivoice/voicebot-app/pom.properties";

    /** Creates the provider; picocli calls it. */
    public VersionProvider() {
    }

    /**
     * The version lines.
     *
     * @return e.g. {@code voicebot 0.1.0 (Java 17.0.12)}
     */
    @Override
    public String[] getVersion() {
        return new String[] {"voicebot " + version() + " (Java " + System.getProperty("java.version") + ")"};
    }

    /**
     * The version alone.
     *
     * @return e.g. {@code 0.1.0-SNAPSHOT}, or {@code development build}
     */
    static String version() {
        String fromManifest = Main.class.getPackage().getImplementationVersion();
        if (fromManifest != null && !fromManifest.isBlank()) {
            return fromManifest;
        }
        try (InputStream in = Main.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank()) {
                    return v;
                }
            }
        } catch (IOException e) {
            // unreadable descriptor: fall through to the development label
        }
        return "development build";
    }
}
