package io.imageupdater.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.credentials.EnvCredentialResolver;
import io.imageupdater.image.ImageRef;
import io.imageupdater.image.Platform;
import io.imageupdater.image.Tag;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.strategy.NewestBuildSelector;
import io.imageupdater.testing.RegistryProxy;
import io.imageupdater.testing.TestRegistry;
import io.imageupdater.testing.TestRegistry.Format;
import io.imageupdater.testing.TestRegistry.Image;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Manifests, indexes and config blobs read from a real docker-registry; the cache and the per-cycle sharing. */
@QuarkusTest
class TagMetadataTest {
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
    private static final Platform AMD64 = new Platform("linux", "amd64", null);
    private static final Platform ARM64 = new Platform("linux", "arm64", null);
    private static final Platform ARM_V7 = new Platform("linux", "arm", "v7");
    private static final Platform ARM_V6 = new Platform("linux", "arm", "v6");
    private static final Platform ARM = new Platform("linux", "arm", null);

    private static TestRegistry registry;
    private static Map<String, String> digests;

    private final UpdaterMetrics metrics = new UpdaterMetrics(new SimpleMeterRegistry());

    @BeforeAll
    static void start() {
        registry = TestRegistry.start();
        digests = Map.of(
                "docker-1", registry.push("acme/app", "docker-1", Image.linux(Format.DOCKER, "amd64", hours(1))),
                "oci-2", registry.push("acme/app", "oci-2", Image.linux(Format.OCI, "amd64", hours(2))),
                // amd64 built at 3h, arm64 at 6h, arm/v7 at 5h
                "multi-oci",
                        registry.pushIndex(
                                "acme/app",
                                "multi-oci",
                                Format.OCI,
                                List.of(
                                        Image.linux(Format.OCI, "amd64", hours(3)),
                                        Image.linux(Format.OCI, "arm64", hours(6)),
                                        new Image(Format.OCI, hours(5), "linux", "arm", "v7"))),
                // amd64 built at 4h, arm64 at 4h30
                "multi-docker",
                        registry.pushIndex(
                                "acme/app",
                                "multi-docker",
                                Format.DOCKER,
                                List.of(
                                        Image.linux(Format.DOCKER, "amd64", hours(4)),
                                        Image.linux(Format.DOCKER, "arm64", hours(4).plusSeconds(1800)))),
                "arm-only", registry.push("acme/app", "arm-only", Image.linux(Format.OCI, "arm64", hours(9))));
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void singleManifestsOfBothMediaTypesGiveDigestAndBuildTime() {
        try (Registries registries = registries()) {
            Map<String, Tag> tags = byName(lookup(registries, Set.of(AMD64)));
            assertEquals(new Tag("docker-1", digests.get("docker-1"), hours(1)), tags.get("docker-1"));
            assertEquals(new Tag("oci-2", digests.get("oci-2"), hours(2)), tags.get("oci-2"));
        }
    }

    @Test
    void indexDigestIsTheTagsAndBuildTimeTheNewestWantedChild() {
        try (Registries registries = registries()) {
            Map<String, Tag> amd64 = byName(lookup(registries, Set.of(AMD64)));
            assertEquals(new Tag("multi-oci", digests.get("multi-oci"), hours(3)), amd64.get("multi-oci"));
            assertEquals(new Tag("multi-docker", digests.get("multi-docker"), hours(4)), amd64.get("multi-docker"));

            Map<String, Tag> both = byName(lookup(registries, Set.of(AMD64, ARM64)));
            assertEquals(hours(6), both.get("multi-oci").created());
            assertEquals(hours(4).plusSeconds(1800), both.get("multi-docker").created());
        }
    }

    @Test
    void newestBuildHonoursPlatforms() {
        try (Registries registries = registries()) {
            assertEquals("multi-docker", newest(lookup(registries, Set.of(AMD64))));
            assertEquals("arm-only", newest(lookup(registries, Set.of(ARM64))));
            assertEquals("multi-oci", newest(lookup(registries, Set.of(ARM_V7))));
            assertEquals("multi-oci", newest(lookup(registries, Set.of(ARM))), "no variant takes any variant");
            assertEquals(null, newest(lookup(registries, Set.of(ARM_V6))), "another variant matches nothing");
            assertEquals(Set.of(), byName(lookup(registries, Set.of())).keySet(), "no platform wanted, none matches");
        }
    }

    @Test
    void secondCycleReadsNoManifestBodyAndNoConfigBlob() {
        try (Registries registries = registries()) {
            lookup(registries, Set.of(AMD64, ARM64));
            long blobs = registry.requestCountUnder("GET", "/v2/acme/app/blobs/");
            long gets = registry.requestCountUnder("GET", "/v2/acme/app/manifests/");
            long heads = registry.requestCountUnder("HEAD", "/v2/acme/app/manifests/");
            double counted = metrics.registryRequests(registry.host());
            assertTrue(blobs > 0 && gets > 0, "the first cycle read manifests and config blobs");

            List<Tag> again = lookup(registries, Set.of(AMD64, ARM64));

            assertEquals(5, again.size());
            assertEquals(blobs, registry.requestCountUnder("GET", "/v2/acme/app/blobs/"), "no config blob read again");
            assertEquals(
                    gets, registry.requestCountUnder("GET", "/v2/acme/app/manifests/"), "no manifest body read again");
            assertEquals(
                    heads,
                    registry.requestCountUnder("HEAD", "/v2/acme/app/manifests/"),
                    "a tag seen before keeps its digest when digests are not asked for");
            assertEquals(counted + 1, metrics.registryRequests(registry.host()), "only the tag list");
        }
    }

    @Test
    void digestTrackingResolvesItsTagEveryCycle() {
        try (Registries registries = registries()) {
            ImageRef image = ImageRef.parse(registry.host() + "/acme/app");
            TagQuery tracked = new TagQuery(Set.of(AMD64), "oci-2"::equals, true);
            registries.newCatalog().tagsWithMetadata(image, tracked, null).join();
            long heads = registry.requestCountUnder("HEAD", "/v2/acme/app/manifests/");
            long byTag = registry.requestCount("GET", "/v2/acme/app/manifests/oci-2");
            long blobs = registry.requestCountUnder("GET", "/v2/acme/app/blobs/");

            List<Tag> again = registries
                    .newCatalog()
                    .tagsWithMetadata(image, tracked, null)
                    .join();

            assertEquals(digests.get("oci-2"), again.get(0).digest());
            assertEquals(
                    byTag + 1,
                    registry.requestCount("GET", "/v2/acme/app/manifests/oci-2"),
                    "tags move: one GET by tag");
            assertEquals(heads, registry.requestCountUnder("HEAD", "/v2/acme/app/manifests/"), "no HEAD before it");
            assertEquals(
                    blobs, registry.requestCountUnder("GET", "/v2/acme/app/blobs/"), "content by digest is cached");
        }
    }

    @Test
    void oneCycleResolvesEachTagOnceForManyImagesAndPlatforms() {
        try (Registries registries = registries()) {
            long heads = registry.requestCountUnder("HEAD", "/v2/acme/app/manifests/");
            long byTag = byTag();
            TagCatalog catalog = registries.newCatalog();
            List<Set<Platform>> wanted = List.of(Set.of(AMD64), Set.of(ARM64), Set.of(AMD64), Set.of(ARM_V7));
            var futures = wanted.stream()
                    .map(platforms -> catalog.tagsWithMetadata(
                            ImageRef.parse(registry.host() + "/acme/app"),
                            new TagQuery(platforms, name -> true, false),
                            null))
                    .toList();
            futures.forEach(future -> assertNotNull(future.join()));
            assertEquals(byTag + 5, byTag(), "one GET per tag");
            assertEquals(heads, registry.requestCountUnder("HEAD", "/v2/acme/app/manifests/"), "and no HEAD");
        }
    }

    @Test
    void onlyTheTagsAskedForAreRead() {
        try (Registries registries = registries()) {
            long byTag = registry.requestCount("GET", "/v2/acme/app/manifests/oci-2");
            List<Tag> tags = registries
                    .newCatalog()
                    .tagsWithMetadata(
                            ImageRef.parse(registry.host() + "/acme/app"),
                            new TagQuery(Set.of(AMD64), "oci-2"::equals, true),
                            null)
                    .join();
            assertEquals(List.of(new Tag("oci-2", digests.get("oci-2"), hours(2))), tags);
            assertEquals(byTag + 1, registry.requestCount("GET", "/v2/acme/app/manifests/oci-2"));
        }
    }

    @Test
    void tagSortModeTakesListOrderAndReadsNoMetadata() {
        try (Registries registries = registries()) {
            registries.configure(RegistriesConfig.parse(
                    "registries:\n- prefix: " + registry.host() + "\n  api_url: " + registry.url()
                            + "\n  tagsortmode: latest-last\n",
                    "test"));
            long heads = registry.requestCountUnder("HEAD", "/v2/acme/app/manifests/");
            ImageRef image = ImageRef.parse(registry.host() + "/acme/app");
            TagCatalog catalog = registries.newCatalog();
            List<String> listed =
                    catalog.tags(image).join().stream().map(Tag::name).toList();

            List<Tag> tags = catalog.tagsWithMetadata(image, new TagQuery(Set.of(AMD64), name -> true, false), null)
                    .join();

            assertEquals(listed.get(listed.size() - 1), newest(tags), "the last listed is the newest");
            assertTrue(tags.stream().allMatch(tag -> tag.digest() == null));
            assertEquals(heads, registry.requestCountUnder("HEAD", "/v2/acme/app/manifests/"));
            List<Tag> withDigests = catalog.tagsWithMetadata(
                            image, new TagQuery(Set.of(AMD64), "oci-2"::equals, true), null)
                    .join();
            assertEquals(digests.get("oci-2"), withDigests.get(0).digest(), "digest tracking still reads the digest");
        }
    }

    @Test
    void missingRepositoryFailsTheImagesFutureOnly() {
        try (Registries registries = registries()) {
            CompletionException e = assertThrows(
                    CompletionException.class,
                    () -> registries
                            .newCatalog()
                            .tagsWithMetadata(
                                    ImageRef.parse(registry.host() + "/acme/none"),
                                    new TagQuery(Set.of(AMD64), name -> true, false),
                                    null)
                            .join());
            assertInstanceOf(RepositoryNotFoundException.class, e.getCause());
        }
    }

    @Test
    void digestsAreCheckedAgainstTheContent() {
        try (Registries registries = registries()) {
            TagMetadata metadata =
                    registries.metadata(registries.endpointFor(ImageRef.parse(registry.host() + "/acme/app")));
            TagMetadata.Resolved resolved = metadata.resolve("acme/app", "multi-oci");
            assertEquals(digests.get("multi-oci"), resolved.digest());
            ManifestContent.Index index = assertInstanceOf(ManifestContent.Index.class, resolved.content());
            assertEquals(
                    List.of("linux/amd64", "linux/arm64", "linux/arm/v7"),
                    index.children().stream()
                            .map(child -> child.platform().toString())
                            .toList());
            ManifestContent.Image image = assertInstanceOf(
                    ManifestContent.Image.class,
                    metadata.resolve("acme/app", "oci-2").content());
            assertEquals(hours(2).toString(), image.labels().get("org.opencontainers.image.version"));
            assertThrows(ManifestNotFoundException.class, () -> metadata.resolve("acme/app", "no-such-tag"));
        }
    }

    @Test
    void manifestsAndBlobsUseTheSameBasicAuthAsTagListing() {
        String password = "s3cret-" + System.nanoTime();
        try (TestRegistry locked = TestRegistry.startWithBasicAuth("robot", password);
                Registries registries = new Registries(
                        metrics,
                        new EnvCredentialResolver(Map.of("META_CREDS", "robot:" + password)::get),
                        Clock.systemUTC(),
                        RegistryClientSettings.defaults())) {
            String digest = locked.pushIndex(
                    "acme/private", "1.0", Format.DOCKER, List.of(Image.linux(Format.DOCKER, "amd64", hours(7))));
            registries.configure(
                    List.of(RegistryEndpoint.of(locked.host(), locked.url()).withCredentials("env:META_CREDS")));

            List<Tag> tags = registries
                    .newCatalog()
                    .tagsWithMetadata(
                            ImageRef.parse(locked.host() + "/acme/private"),
                            new TagQuery(Set.of(AMD64), name -> true, true),
                            null)
                    .join();

            assertEquals(List.of(new Tag("1.0", digest, hours(7))), tags);
            assertEquals(
                    5,
                    metrics.registryRequests(locked.host()),
                    "401 + tag list, index GET by tag, child GET, config blob");
        }
    }

    @Test
    void concurrentLookUpsOfOneDigestMakeOneRequest() {
        String index = null;
        for (String repository : List.of("acme/twin-a", "acme/twin-b")) {
            for (String tag : List.of("1.0", "1.1", "1.2")) {
                index = registry.pushIndex(
                        repository,
                        tag,
                        Format.OCI,
                        List.of(
                                Image.linux(Format.OCI, "amd64", hours(11)),
                                Image.linux(Format.OCI, "arm64", hours(12))));
            }
        }
        try (RegistryProxy slow =
                        RegistryProxy.start("127.0.0.1", registry.url()).delay(Duration.ofMillis(300));
                Registries registries = registries()) {
            TagCatalog catalog = registries.newCatalog();
            TagQuery newestBuild = new TagQuery(Set.of(AMD64, ARM64), name -> true, false);
            var twinA = catalog.tagsWithMetadata(ImageRef.parse(slow.host() + "/acme/twin-a"), newestBuild, null);
            var twinB = catalog.tagsWithMetadata(ImageRef.parse(slow.host() + "/acme/twin-b"), newestBuild, null);

            List<Tag> tags = new java.util.ArrayList<>(twinA.join());
            tags.addAll(twinB.join());

            assertEquals(6, tags.size());
            for (Tag tag : tags) {
                assertEquals(index, tag.digest(), tag.toString());
                assertEquals(hours(12), tag.created(), tag.toString());
            }
            List<RegistryProxy.Seen> seen = slow.seen();
            assertEquals(6, count(seen, "GET", "/manifests/1."), "one GET per tag: " + seen);
            assertEquals(0, count(seen, "HEAD", "/manifests/"), "no HEAD: " + seen);
            assertEquals(
                    2,
                    count(seen, "GET", "/manifests/sha256:"),
                    "each child manifest once, 6 tags over 2 repositories");
            assertEquals(2, count(seen, "GET", "/blobs/"), "each config blob once, 6 tags over 2 repositories");
        }
    }

    /** GETs of /v2/acme/app/manifests/TAG for the tags of acme/app. */
    private static long byTag() {
        return digests.keySet().stream()
                .mapToLong(tag -> registry.requestCount("GET", "/v2/acme/app/manifests/" + tag))
                .sum();
    }

    private static long count(List<RegistryProxy.Seen> seen, String method, String pathPart) {
        return seen.stream()
                .filter(s -> s.method().equals(method) && s.pathAndQuery().contains(pathPart))
                .count();
    }

    private Registries registries() {
        return new Registries(
                metrics, new EnvCredentialResolver(name -> null), Clock.systemUTC(), RegistryClientSettings.defaults());
    }

    private static List<Tag> lookup(Registries registries, Set<Platform> platforms) {
        return registries
                .newCatalog()
                .tagsWithMetadata(
                        ImageRef.parse(registry.host() + "/acme/app"),
                        new TagQuery(platforms, name -> true, false),
                        null)
                .join();
    }

    private static String newest(List<Tag> tags) {
        return new NewestBuildSelector().select(tags).chosen().map(Tag::name).orElse(null);
    }

    private static Map<String, Tag> byName(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::name, Function.identity()));
    }

    private static Instant hours(int h) {
        return T0.plusSeconds(h * 3600L);
    }
}
