package io.imageupdater.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Everything logged while it is open, at every level of the {@code io.imageupdater} loggers: messages, their
 * parameters and the messages of thrown exceptions and their causes, so a test can say what never appears.
 */
public final class CapturedLog implements AutoCloseable {
    private final List<String> lines = new ArrayList<>();
    private boolean debugOrTrace;
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
            if (record instanceof org.jboss.logmanager.ExtLogRecord ext) {
                text.append(' ').append(ext.getFormattedMessage());
            }
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append(' ').append(parameter);
                }
            }
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                text.append(' ').append(t);
            }
            synchronized (lines) {
                debugOrTrace |= record.getLevel().intValue() <= Level.FINE.intValue();
                lines.add(text.toString());
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private CapturedLog() {}

    public static CapturedLog start() {
        CapturedLog log = new CapturedLog();
        log.handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(log.handler);
        Logger.getLogger("io.imageupdater").setLevel(Level.FINEST);
        return log;
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Whether a DEBUG or TRACE record was seen (so a scan of {@link #lines} covered those levels too). */
    public boolean sawDebugOrTrace() {
        synchronized (lines) {
            return debugOrTrace;
        }
    }

    /** The lines holding {@code text}. */
    public List<String> containing(String text) {
        return lines().stream().filter(line -> line.contains(text)).toList();
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
        Logger.getLogger("io.imageupdater").setLevel(null);
    }
}
