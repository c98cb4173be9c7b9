package io.imageupdater.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What the build recorded about itself (see {@code build-info.properties}, filled in by Maven). */
record BuildInfo(String version, String commit, String date) {
    static final String RESOURCE = "/build-info.properties";
    static final String UNKNOWN = "unknown";

    static BuildInfo load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(value(properties, "version"), value(properties, "commit"), value(properties, "date"));
    }

    /** A value, or {@code unknown} where the build could not fill it in (no Git, say). */
    private static String value(Properties properties, String key) {
        String value = properties.getProperty(key, "").strip();
        return value.isEmpty() || value.startsWith("${") ? UNKNOWN : value;
    }
}
