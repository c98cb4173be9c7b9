package io.imageupdater.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code version}: the version, the Git commit it was built from and when. */
@Command(
        name = "version",
        mixinStandardHelpOptions = true,
        description = "Prints the version, Git commit and build date.")
public class VersionCommand implements Callable<Integer> {

    @Option(names = "--short", description = "Print the version alone.")
    boolean shortForm;

    @Override
    public Integer call() {
        System.out.println(text(BuildInfo.load(), shortForm));
        return 0;
    }

    static String text(BuildInfo info, boolean shortForm) {
        if (shortForm) {
            return info.version();
        }
        return "image-updater " + info.version() + System.lineSeparator()
                + "  commit: " + info.commit() + System.lineSeparator()
                + "  built:  " + info.date() + System.lineSeparator()
                + "  java:   " + Runtime.version();
    }
}
