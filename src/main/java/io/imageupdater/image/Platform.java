package io.imageupdater.image;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An image platform in Go's names, written {@code os/architecture[/variant]} ({@code linux/arm64},
 * {@code linux/arm/v7}).
 *
 * @param os           the operating system ({@code linux}, {@code windows})
 * @param architecture the CPU architecture ({@code amd64}, {@code arm64}, {@code arm})
 * @param variant      the CPU variant ({@code v7}), or {@code null} for any variant
 */
public record Platform(String os, String architecture, String variant) {

    public Platform {
        if (os == null || os.isBlank() || architecture == null || architecture.isBlank()) {
            throw new IllegalArgumentException(
                    "a platform needs an operating system and an architecture, got " + os + "/" + architecture);
        }
        os = os.strip();
        architecture = architecture.strip();
        variant = variant == null || variant.isBlank() ? null : variant.strip();
    }

    /** Parses {@code os/arch[/variant]}; empty when it is not one (the caller says so). */
    public static Optional<Platform> parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split("/", -1);
        if ((parts.length == 2 || parts.length == 3)
                && Stream.of(parts).noneMatch(p -> p.isBlank())
                && Stream.of(parts).allMatch(p -> p.strip().equals(p))) {
            return Optional.of(new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null));
        }
        return Optional.empty();
    }

    /** Parses a comma-separated list, skipping blank and unparsable entries. */
    public static List<Platform> parseList(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Stream.of(commaSeparated.split(","))
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .flatMap(entry -> parse(entry).stream())
                .toList();
    }

    /** The platform this JVM runs on, in Go's names. */
    public static Platform current() {
        return fromJvm(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /** Maps the JVM's {@code os.name} and {@code os.arch} values to Go's names. */
    static Platform fromJvm(String osName, String osArch) {
        String name = osName.toLowerCase(Locale.ROOT);
        String goos = name.startsWith("windows")
                ? "windows"
                : name.startsWith("mac") || name.startsWith("darwin")
                        ? "darwin"
                        : name.isBlank() ? "unknown" : name.replace(" ", "");
        String arch = osArch.toLowerCase(Locale.ROOT);
        String goarch = switch (arch) {
            case "amd64", "x86_64", "x64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "386";
            case "" -> "unknown";
            default -> arch.startsWith("arm") ? "arm" : arch;
        };
        return new Platform(goos, goarch, null);
    }

    /** Whether an image for {@code os/arch/variant} suits this entry; an entry without variant takes any. */
    public boolean matches(String os, String arch, String variant) {
        return this.os.equals(os)
                && architecture.equals(arch)
                && (this.variant == null || this.variant.equals(variant));
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
