package io.imageupdater.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import picocli.CommandLine;

/**
 * Entry point. Before Quarkus boots, the command line is read once so that flags become configuration
 * (they outrank environment variables and {@code application.properties}) and so that only the
 * long-running {@code run} opens the HTTP port.
 */
@QuarkusMain
public class Main implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    public static void main(String... args) {
        BootArguments boot = BootArguments.of(args);
        if (boot.error().isPresent()) {
            System.err.println("error: " + boot.error().get());
            System.exit(RunCommand.BAD_CONFIG);
        }
        boot.systemProperties().forEach(System::setProperty);
        Quarkus.run(Main.class, args);
    }

    @Override
    public int run(String... args) {
        return new CommandLine(ImageUpdaterCommand.class, factory).execute(args);
    }
}
