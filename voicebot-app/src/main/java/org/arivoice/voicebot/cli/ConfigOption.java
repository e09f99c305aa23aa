package org.arivoice.voicebot.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option, shared by the top-level command and the subcommands. */
public final class ConfigOption {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The YAML configuration (see config/voicebot.yaml). Default: $VOICEBOT_CONFIG, else the"
                    + " environment alone.")
    Path file;

    /** Creates the option holder; picocli fills it. */
    public ConfigOption() {
    }

    /**
     * The configuration file chosen: this option, else {@code fallback}'s, else {@code VOICEBOT_CONFIG}.
     *
     * @param fallback the parent command's option, or null
     * @param env the environment
     * @return the file, or empty for the environment alone
     */
    Optional<Path> resolve(ConfigOption fallback, Map<String, String> env) {
        if (file != null) {
            return Optional.of(file);
        }
        if (fallback != null && fallback.file != null) {
            return Optional.of(fallback.file);
        }
        String fromEnv = env.get("VOICEBOT_CONFIG");
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(Path.of(fromEnv.strip()));
    }
}
