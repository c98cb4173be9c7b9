package io.imageupdater.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * A real CNCF distribution registry ({@code /usr/bin/docker-registry}) on a free loopback port, with its storage in
 * a temporary directory. Push minimal images with {@link #push(String, String)}; close to stop it and delete
 * everything.
 *
 * <pre>{@code
 * try (TestRegistry registry = TestRegistry.start()) {
 *     registry.push("acme/web", "1.0.0");
 *     ImageRef image = ImageRef.parse(registry.host() + "/acme/web:1.0.0");
 * }
 * }</pre>
 */
public final class TestRegistry implements AutoCloseable {

    public static final String BINARY = "/usr/bin/docker-registry";
    public static final String MANIFEST_V2 = "application/vnd.docker.distribution.manifest.v2+json";

    private final Path dir;
    private final Process process;
    private final int port;
    private final Function<String, String> authorization;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestRegistry(Path dir, Process process, int port, Function<String, String> authorization) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.authorization = authorization;
    }

    /** An open registry (no authentication). */
    public static TestRegistry start() {
        return start(null, null);
    }

    /** A registry requiring HTTP basic authentication (htpasswd) with one user. */
    public static TestRegistry startWithBasicAuth(String username, String password) {
        return start(username, password);
    }

    /**
     * A registry with token authentication ({@code auth: token}); pushes carry the header {@code authorization}
     * returns for a repository (a Bearer token with push and pull rights).
     *
     * @param authYaml the {@code token:} block's settings, indented by four spaces
     */
    public static TestRegistry startWithTokenAuth(String authYaml, Function<String, String> authorization) {
        return start(null, null, "auth:\n  token:\n" + authYaml, authorization);
    }

    private static TestRegistry start(String username, String password) {
        return start(username, password, "", null);
    }

    /**
     * An open registry that sends its own notifications ({@code notifications.endpoints}) to {@code url}, each
     * request carrying {@code headers}: the events of pushes, pulls and deletes, as a deployed registry does.
     */
    public static TestRegistry startWithNotifications(String url, java.util.Map<String, String> headers) {
        StringBuilder yaml = new StringBuilder("notifications:\n"
                + "  endpoints:\n"
                + "    - name: image-updater\n"
                + "      url: " + url + "\n"
                + "      timeout: 2s\n"
                + "      threshold: 3\n"
                + "      backoff: 500ms\n"
                + "      headers:\n");
        headers.forEach((name, value) -> yaml.append("        ")
                .append(name)
                .append(": [\"")
                .append(value)
                .append("\"]\n"));
        return start(null, null, yaml.toString(), null);
    }

    private static TestRegistry start(
            String username, String password, String tokenAuth, Function<String, String> tokenAuthorization) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("test-registry-");
            Files.createDirectories(dir.resolve("storage"));
            String auth = tokenAuth;
            Function<String, String> authorization = tokenAuthorization;
            if (username != null) {
                Path htpasswd = dir.resolve("htpasswd");
                Files.writeString(htpasswd, htpasswdLine(username, password));
                auth = "auth:\n  htpasswd:\n    realm: test\n    path: " + htpasswd + "\n";
                String basic = "Basic "
                        + Base64.getEncoder()
                                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
                authorization = repository -> basic;
            }
            int port = freePort();
            Path config = dir.resolve("config.yml");
            Files.writeString(config, """
                    version: 0.1
                    log:
                      level: info
                      accesslog:
                        disabled: false
                    storage:
                      filesystem:
                        rootdirectory: %s
                      delete:
                        enabled: true
                    http:
                      addr: 127.0.0.1:%d
                    %s""".formatted(dir.resolve("storage"), port, auth));
            ProcessBuilder builder = new ProcessBuilder(BINARY, "serve", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("registry.log").toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("REGISTRY_") || name.startsWith("OTEL_"));
            TestRegistry registry = new TestRegistry(dir, builder.start(), port, authorization);
            registry.awaitReady();
            return registry;
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new UncheckedIOException("cannot start " + BINARY, e);
        }
    }

    /** {@code 127.0.0.1:PORT}, as written in image references. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI url() {
        return URI.create("http://" + host());
    }

    /** The temporary directory holding config, storage and log (deleted on close). */
    public Path directory() {
        return dir;
    }

    /** What the registry logged so far, including its access log (one line per request). */
    public String log() {
        try {
            return Files.readString(dir.resolve("registry.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How many {@code method path} requests the access log shows so far (query strings ignored). The registry writes
     * its access log after answering, so this waits briefly for lines still being written.
     */
    public long requestCount(String method, String path) {
        String start = "\"" + method + " " + path;
        long count = 0;
        for (int attempt = 0; attempt < 5; attempt++) {
            count = log().lines()
                    .filter(line -> line.contains(start + " ") || line.contains(start + "?"))
                    .count();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return count;
    }

    /** How many {@code method} requests to paths starting with {@code pathPrefix} the access log shows so far. */
    public long requestCountUnder(String method, String pathPrefix) {
        String start = "\"" + method + " " + pathPrefix;
        long count = 0;
        for (int attempt = 0; attempt < 5; attempt++) {
            count = log().lines().filter(line -> line.contains(start)).count();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return count;
    }

    /** Pushes a minimal image created now under each tag, in order. */
    public void pushAll(String repository, String... tags) {
        for (String tag : tags) {
            push(repository, tag);
        }
    }

    /** Pushes a minimal image created now; returns the manifest digest. */
    public String push(String repository, String tag) {
        return push(repository, tag, Instant.now());
    }

    /** Pushes a minimal linux/amd64 image (Docker media types) created at {@code created}; returns the manifest digest. */
    public String push(String repository, String tag, Instant created) {
        return push(repository, tag, new Image(Format.DOCKER, created, "linux", "amd64", null));
    }

    /** Pushes one single-platform image under {@code tag}; returns the manifest digest. */
    public String push(String repository, String tag, Image image) {
        return putManifest(repository, tag, image.format().manifest, imageManifest(repository, image));
    }

    /**
     * Pushes a multi-platform image: each child manifest by digest, then an OCI image index or Docker manifest list
     * naming them under {@code tag}. Returns the index digest.
     */
    public String pushIndex(String repository, String tag, Format format, List<Image> children) {
        StringBuilder entries = new StringBuilder();
        for (Image child : children) {
            byte[] manifest = imageManifest(repository, child);
            String digest = putManifest(repository, digest(manifest), child.format().manifest, manifest);
            entries.append(entries.isEmpty() ? "" : ",").append("""
                    {"mediaType":"%s","size":%d,"digest":"%s","platform":{"os":"%s","architecture":"%s"%s}}""".formatted(
                            child.format().manifest,
                            manifest.length,
                            digest,
                            child.os(),
                            child.architecture(),
                            child.variant() == null ? "" : ",\"variant\":\"" + child.variant() + "\""));
        }
        byte[] index = """
                {"schemaVersion":2,"mediaType":"%s","manifests":[%s]}""".formatted(format.index, entries).getBytes(StandardCharsets.UTF_8);
        return putManifest(repository, tag, format.index, index);
    }

    /** Uploads a blob; returns its digest. */
    public String pushBlob(String repository, byte[] content) {
        return uploadBlob(repository, content);
    }

    /** Puts a manifest of any media type under a tag or digest; returns its digest. */
    public String pushManifest(String repository, String reference, String mediaType, byte[] manifest) {
        return putManifest(repository, reference, mediaType, manifest);
    }

    private byte[] imageManifest(String repository, Image image) {
        byte[] tar = new byte[1024]; // an empty tar archive: two zero blocks
        byte[] layer = gzip(tar);
        byte[] config = """
                {"created":"%s","architecture":"%s",%s"os":"%s","config":{"Labels":{"org.opencontainers.image.version":"%s"}},\
                "rootfs":{"type":"layers","diff_ids":["%s"]}}""".formatted(
                        image.created(),
                        image.architecture(),
                        image.variant() == null ? "" : "\"variant\":\"" + image.variant() + "\",",
                        image.os(),
                        image.created(),
                        digest(tar))
                .getBytes(StandardCharsets.UTF_8);
        String configDigest = uploadBlob(repository, config);
        String layerDigest = uploadBlob(repository, layer);
        return """
                {"schemaVersion":2,"mediaType":"%s",\
                "config":{"mediaType":"%s","size":%d,"digest":"%s"},\
                "layers":[{"mediaType":"%s","size":%d,"digest":"%s"}]}""".formatted(
                        image.format().manifest,
                        image.format().config,
                        config.length,
                        configDigest,
                        image.format().layer,
                        layer.length,
                        layerDigest)
                .getBytes(StandardCharsets.UTF_8);
    }

    private String putManifest(String repository, String reference, String mediaType, byte[] manifest) {
        HttpResponse<String> response =
                send(request(url().resolve("/v2/" + repository + "/manifests/" + reference), repository)
                        .header("Content-Type", mediaType)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)));
        expect(response, 201, "PUT manifest " + repository + ":" + reference);
        return response.headers().firstValue("Docker-Content-Digest").orElse(digest(manifest));
    }

    /** The media types of an image: OCI or Docker schema 2. */
    public enum Format {
        OCI(
                "application/vnd.oci.image.manifest.v1+json",
                "application/vnd.oci.image.config.v1+json",
                "application/vnd.oci.image.layer.v1.tar+gzip",
                "application/vnd.oci.image.index.v1+json"),
        DOCKER(
                MANIFEST_V2,
                "application/vnd.docker.container.image.v1+json",
                "application/vnd.docker.image.rootfs.diff.tar.gzip",
                "application/vnd.docker.distribution.manifest.list.v2+json");

        final String manifest;
        final String config;
        final String layer;
        final String index;

        Format(String manifest, String config, String layer, String index) {
            this.manifest = manifest;
            this.config = config;
            this.layer = layer;
            this.index = index;
        }
    }

    /**
     * One single-platform image to push.
     *
     * @param variant {@code null} for none
     */
    public record Image(Format format, Instant created, String os, String architecture, String variant) {
        public static Image linux(Format format, String architecture, Instant created) {
            return new Image(format, created, "linux", architecture, null);
        }
    }

    private String uploadBlob(String repository, byte[] content) {
        String digest = digest(content);
        HttpResponse<String> started = send(request(url().resolve("/v2/" + repository + "/blobs/uploads/"), repository)
                .POST(HttpRequest.BodyPublishers.noBody()));
        expect(started, 202, "POST blob upload to " + repository);
        String location = started.headers()
                .firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("blob upload answered without Location"));
        URI target = url().resolve(location);
        String separator = target.getRawQuery() == null ? "?" : "&";
        HttpResponse<String> finished = send(request(URI.create(target + separator + "digest=" + digest), repository)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
        expect(finished, 201, "PUT blob " + digest + " to " + repository);
        return digest;
    }

    private HttpRequest.Builder request(URI uri, String repository) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
        return authorization == null ? builder : builder.header("Authorization", authorization.apply(repository));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String log = log();
                close();
                throw new IllegalStateException(BINARY + " exited with " + process.exitValue() + ":\n" + log);
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(url().resolve("/v2/"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200 || response.statusCode() == 401) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String log = log();
        close();
        throw new IllegalStateException(BINARY + " did not answer /v2/ in time:\n" + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteQuietly(dir);
    }

    private static String htpasswdLine(String username, String password) throws IOException {
        Process htpasswd = new ProcessBuilder("htpasswd", "-Bbn", username, password)
                .redirectErrorStream(true)
                .start();
        try {
            String out = new String(htpasswd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (htpasswd.waitFor() != 0) {
                throw new IOException("htpasswd failed: " + out);
            }
            return out.strip() + "\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static String digest(byte[] content) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory left behind is harmless
        }
    }
}
