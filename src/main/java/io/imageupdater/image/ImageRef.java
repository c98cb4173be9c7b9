package io.imageupdater.image;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Docker/OCI image reference, kept as written so that formatting round-trips.
 *
 * @param registry the registry host as written ({@code ""} when implicit, meaning Docker Hub)
 * @param name     the repository path as written, without registry ({@code nginx}, {@code acme/web})
 * @param tag      the tag, or {@code null}
 * @param digest   the digest ({@code sha256:…}), or {@code null}
 */
public record ImageRef(String registry, String name, String tag, String digest) {

    public static final String DOCKER_HUB = "docker.io";

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(?::[0-9]+)?|\\[[0-9A-Fa-f:.]+](?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}");

    public ImageRef {
        registry = registry == null ? "" : registry;
        Objects.requireNonNull(name, "name");
        String text = format(registry, name, tag, digest);
        if (!registry.isEmpty() && !HOST.matcher(registry).matches()) {
            throw new InvalidImageReferenceException(text, "registry host \"" + registry + "\" is not a host name");
        }
        if (name.isEmpty()) {
            throw new InvalidImageReferenceException(text, "the repository name is empty");
        }
        for (String component : name.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw new InvalidImageReferenceException(
                        text,
                        "repository component \"" + component + "\" must be lower-case letters, digits and separators");
            }
        }
        if (tag != null && !TAG.matcher(tag).matches()) {
            throw new InvalidImageReferenceException(text, "tag \"" + tag + "\" is not a valid tag");
        }
        if (digest != null && !DIGEST.matcher(digest).matches()) {
            throw new InvalidImageReferenceException(text, "digest \"" + digest + "\" is not a valid digest");
        }
    }

    /** Parses {@code [host[:port]/]path[:tag][@digest]}. */
    public static ImageRef parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidImageReferenceException(String.valueOf(text), "it is empty");
        }
        if (!text.equals(text.strip()) || text.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidImageReferenceException(text, "it contains white space");
        }
        String rest = text;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.indexOf(':', rest.lastIndexOf('/') + 1);
        if (colon >= 0) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        String[] split = splitRegistry(rest);
        return new ImageRef(split[0], split[1], tag, digest);
    }

    /** Splits {@code host/path} into its registry (when the first component is one) and path. */
    static String[] splitRegistry(String nameWithRegistry) {
        int slash = nameWithRegistry.indexOf('/');
        if (slash > 0) {
            String first = nameWithRegistry.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                return new String[] {first, nameWithRegistry.substring(slash + 1)};
            }
        }
        return new String[] {"", nameWithRegistry};
    }

    /** The registry host to talk to: as written, or {@code docker.io} when implicit. */
    public String registryHost() {
        return registry.isEmpty() ? DOCKER_HUB : registry;
    }

    /** The repository path on the registry: Docker Hub one-component names live under {@code library/}. */
    public String repository() {
        return isDockerHub(registryHost()) && !name.contains("/") ? "library/" + name : name;
    }

    /** Registry and name as written, without tag or digest ({@code 127.0.0.1:5000/acme/web}). */
    public String nameWithRegistry() {
        return registry.isEmpty() ? name : registry + "/" + name;
    }

    /** Whether both name the same repository on the same registry, however they were written. */
    public boolean sameRepository(ImageRef other) {
        return canonicalHost(registryHost()).equals(canonicalHost(other.registryHost()))
                && repository().equals(other.repository());
    }

    public ImageRef withTag(String newTag) {
        return new ImageRef(registry, name, newTag, digest);
    }

    public ImageRef withDigest(String newDigest) {
        return new ImageRef(registry, name, tag, newDigest);
    }

    public ImageRef withoutVersion() {
        return new ImageRef(registry, name, null, null);
    }

    public static boolean isDockerHub(String host) {
        return canonicalHost(host).equals(DOCKER_HUB);
    }

    /** Docker Hub answers to several host names; they all mean {@code docker.io}. */
    public static String canonicalHost(String host) {
        return switch (host) {
            case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> DOCKER_HUB;
            default -> host;
        };
    }

    @Override
    public String toString() {
        return format(registry, name, tag, digest);
    }

    private static String format(String registry, String name, String tag, String digest) {
        StringBuilder text = new StringBuilder();
        if (registry != null && !registry.isEmpty()) {
            text.append(registry).append('/');
        }
        text.append(name);
        if (tag != null) {
            text.append(':').append(tag);
        }
        if (digest != null) {
            text.append('@').append(digest);
        }
        return text.toString();
    }
}
