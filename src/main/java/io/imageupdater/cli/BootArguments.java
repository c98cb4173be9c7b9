package io.imageupdater.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The part of the command line that must be known before boot: configuration from flags, whether to serve HTTP,
 * the log format (JSON output is switched on through {@code quarkus.log.console.json.enabled}, a runtime setting),
 * and whether a setting has a bad value ({@code error}, one line; start-up stops before boot).
 */
record BootArguments(Map<String, String> systemProperties, Optional<String> error) {

    static BootArguments of(String[] args) {
        return of(args, System.getenv());
    }

    static BootArguments of(String[] args, Map<String, String> env) {
        Map<String, String> properties = new LinkedHashMap<>();
        ParseResult sub = null;
        try {
            sub = new CommandLine(new ImageUpdaterCommand()).parseArgs(args).subcommand();
        } catch (CommandLine.ParameterException e) {
            // reported by the real parse after boot
        }
        boolean serves = sub != null
                && ((sub.commandSpec().userObject() instanceof RunCommand && !sub.hasMatchedOption("--once"))
                        || sub.commandSpec().userObject() instanceof WebhookCommand);
        if (!serves) {
            properties.put("quarkus.http.host-enabled", "false");
        }
        if (sub != null) {
            for (OptionSpec option : sub.matchedOptions()) {
                String property = ConfigFlags.PROPERTIES.get(option.longestName());
                if (property != null) {
                    properties.put(
                            property,
                            String.join(
                                    ",", option.stringValues().isEmpty() ? List.of("true") : option.stringValues()));
                }
            }
        }
        String kubeconfig = properties.get("image-updater.kubeconfig");
        if (kubeconfig != null) {
            properties.put("kubeconfig", kubeconfig);
        }
        Optional<String> error = sub == null ? Optional.empty() : BootSettings.firstError(properties, env);
        properties.put(
                "quarkus.log.console.json.enabled",
                String.valueOf("json".equals(BootSettings.logFormat(properties, env))));
        return new BootArguments(Map.copyOf(properties), error);
    }
}
