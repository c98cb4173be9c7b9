package io.imageupdater.view;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version the build recorded in {@code build-info.properties} ({@code unknown} when it could not). */
final class BuildVersion {
    private BuildVersion() {}

    static String read() {
        Properties properties = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream("/build-info.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        String version = properties.getProperty("version", "").strip();
        return version.isEmpty() || version.startsWith("${") ? "unknown" : version;
    }
}
