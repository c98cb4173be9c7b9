package io.imageupdater.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** The part of the command line that must be known before boot: configuration from flags, and whether to serve HTTP. */
record BootArguments(Map<String, String> systemProperties) {

    static BootArguments of(String[] args) {
        Map<String, String> properties = new LinkedHashMap<>();
        ParseResult sub = null;
        try {
            sub = new CommandLine(new ImageUpdaterCommand()).parseArgs(args).subcommand();
        } catch (CommandLine.ParameterException e) {
            // reported by the real parse after boot
        }
        boolean serves = sub != null && sub.commandSpec().userObject() instanceof RunCommand && !sub.hasMatchedOption("--once");
        if (!serves) {
            properties.put("quarkus.http.host-enabled", "false");
        }
        if (sub != null) {
            for (OptionSpec option : sub.matchedOptions()) {
                String property = ConfigFlags.PROPERTIES.get(option.longestName());
                if (property != null) {
                    properties.put(property, String.join(",", option.stringValues().isEmpty() ? java.util.List.of("true")
                            : option.stringValues()));
                }
            }
        }
        String kubeconfig = properties.get("image-updater.kubeconfig");
        if (kubeconfig != null) {
            properties.put("kubeconfig", kubeconfig);
        }
        return new BootArguments(Map.copyOf(properties));
    }
}
