package io.imageupdater.cli;

import io.imageupdater.ImageUpdaterException;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Applies {@code --loglevel} to the updater's own loggers. */
final class LogLevels {
    private LogLevels() {}

    static void apply(String level) {
        Level julLevel = switch (level.strip().toLowerCase(Locale.ROOT)) {
            case "trace" -> org.jboss.logmanager.Level.TRACE;
            case "debug" -> org.jboss.logmanager.Level.DEBUG;
            case "info" -> org.jboss.logmanager.Level.INFO;
            case "warn", "warning" -> org.jboss.logmanager.Level.WARN;
            case "error" -> org.jboss.logmanager.Level.ERROR;
            default ->
                throw new ImageUpdaterException(
                        "loglevel: \"" + level + "\" is not one of trace, debug, info, warn, error");
        };
        Logger.getLogger("io.imageupdater").setLevel(julLevel);
    }
}
