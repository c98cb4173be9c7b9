package io.imageupdater.bench;

import io.imageupdater.testing.TestRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

/**
 * Puts a scenario's images into a docker-registry's filesystem storage, in the layout the registry itself writes
 * ({@code docker/registry/v2/blobs} and {@code repositories/<name>/_layers|_manifests}). Pushing 12,000 manifests through
 * the HTTP API takes minutes on a busy 2-core machine; writing the same files takes seconds, and the registry serves
 * them exactly as if they had been pushed. {@link Bench} checks one tag, manifest and blob over HTTP before measuring.
 * Blobs are shared: one layer, one config per distinct build time.
 */
final class FleetImages {
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final Instant BASE = Instant.parse("2025-01-01T00:00:00Z");
    static final List<String> ARCHITECTURES = List.of("amd64", "arm64");

    private final Scenario scenario;
    private final Path v2;
    private final byte[] layerTar = new byte[1024];
    private final byte[] layer = gzip(layerTar);

    FleetImages(Scenario scenario, Path storageRoot) {
        this.scenario = scenario;
        this.v2 = storageRoot.resolve("docker/registry/v2");
    }

    /** When tag i of every repository was built, per platform; newer tags are newer builds. */
    static Instant created(int tag, String architecture) {
        return BASE.plus(Duration.ofHours(tag)).minus(Duration.ofMinutes(10L * ARCHITECTURES.indexOf(architecture)));
    }

    /** Writes every repository's tags, 4 repositories at a time; returns the number of tags written. */
    int writeAll() {
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> writes = new ArrayList<>();
            for (int repo = 0; repo < scenario.repositories(); repo++) {
                String repository = scenario.repository(repo);
                writes.add(pool.submit(() -> {
                    for (int tag = 0; tag < scenario.tags(); tag++) {
                        writeTag(repository, tag);
                    }
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "writing the fleet failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the fleet", e);
        }
        return scenario.repositories() * scenario.tags();
    }

    /** The path of a tag's manifest, for a check over HTTP. */
    String sampleReference() {
        return "/v2/" + scenario.repository(0) + "/manifests/" + scenario.tag(0);
    }

    private void writeTag(String repository, int tag) throws IOException {
        String name = scenario.tag(tag);
        if (!scenario.newestBuild()) {
            byte[] manifest = manifest(repository, config(BASE, "amd64"), name);
            tag(repository, name, manifest);
            return;
        }
        StringBuilder children = new StringBuilder();
        for (String architecture : ARCHITECTURES) {
            byte[] child = manifest(repository, config(created(tag, architecture), architecture), name);
            String digest = revision(repository, child);
            children.append(children.isEmpty() ? "" : ",")
                    .append("""
                    {"mediaType":"%s","size":%d,"digest":"%s","platform":{"architecture":"%s","os":"linux"}}""".formatted(OCI_MANIFEST, child.length, digest, architecture));
        }
        byte[] index = """
                {"schemaVersion":2,"mediaType":"%s","manifests":[%s],\
                "annotations":{"org.opencontainers.image.version":"%s"}}""".formatted(OCI_INDEX, children, name).getBytes(StandardCharsets.UTF_8);
        tag(repository, name, index);
    }

    private byte[] config(Instant created, String architecture) {
        return """
                {"created":"%s","architecture":"%s","os":"linux","config":{},\
                "rootfs":{"type":"layers","diff_ids":["%s"]}}""".formatted(created, architecture, TestRegistry.digest(layerTar))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** An image manifest whose config and layer are linked into the repository; the annotation makes each tag distinct. */
    private byte[] manifest(String repository, byte[] config, String version) throws IOException {
        layerLink(repository, blob(config));
        layerLink(repository, blob(layer));
        return """
                {"schemaVersion":2,"mediaType":"%s",\
                "config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":%d,"digest":"%s"},\
                "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","size":%d,"digest":"%s"}],\
                "annotations":{"org.opencontainers.image.version":"%s"}}""".formatted(
                        OCI_MANIFEST,
                        config.length,
                        TestRegistry.digest(config),
                        layer.length,
                        TestRegistry.digest(layer),
                        version)
                .getBytes(StandardCharsets.UTF_8);
    }

    private void tag(String repository, String tag, byte[] manifest) throws IOException {
        String digest = revision(repository, manifest);
        Path tagDir = v2.resolve("repositories/" + repository + "/_manifests/tags/" + tag);
        link(tagDir.resolve("current/link"), digest);
        link(tagDir.resolve("index/sha256/" + hex(digest) + "/link"), digest);
    }

    /** Stores a manifest as a blob and links it as a revision of the repository; returns its digest. */
    private String revision(String repository, byte[] manifest) throws IOException {
        String digest = blob(manifest);
        link(
                v2.resolve("repositories/" + repository + "/_manifests/revisions/sha256/" + hex(digest) + "/link"),
                digest);
        return digest;
    }

    private void layerLink(String repository, String digest) throws IOException {
        link(v2.resolve("repositories/" + repository + "/_layers/sha256/" + hex(digest) + "/link"), digest);
    }

    private String blob(byte[] content) throws IOException {
        String digest = TestRegistry.digest(content);
        Path data = v2.resolve("blobs/sha256/" + hex(digest).substring(0, 2) + "/" + hex(digest) + "/data");
        if (!Files.exists(data)) {
            Files.createDirectories(data.getParent());
            Path partial = Files.createTempFile(data.getParent(), "data", ".partial");
            Files.write(partial, content);
            try {
                Files.move(partial, data, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.deleteIfExists(partial); // another thread wrote the same blob first
            }
        }
        return digest;
    }

    private static void link(Path link, String digest) throws IOException {
        if (!Files.exists(link)) {
            Files.createDirectories(link.getParent());
            Files.writeString(link, digest);
        }
    }

    private static String hex(String digest) {
        return digest.substring("sha256:".length());
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
}
