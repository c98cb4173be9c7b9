package io.imageupdater.updater;

import static io.imageupdater.testing.PeerVectors.answer;

import io.imageupdater.argocd.ApplicationSpec;
import io.imageupdater.argocd.ApplicationSpecParser;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.credentials.CredentialRef;
import io.imageupdater.credentials.CredentialScope;
import io.imageupdater.credentials.CredentialsException;
import io.imageupdater.credentials.EnvCredentialResolver;
import io.imageupdater.image.ImageListEntry;
import io.imageupdater.image.ImageRef;
import io.imageupdater.image.Tag;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.registry.Registries;
import io.imageupdater.registry.RegistryClient;
import io.imageupdater.registry.RegistryClientSettings;
import io.imageupdater.registry.RegistryEndpoint;
import io.imageupdater.registry.RegistryEndpoints;
import io.imageupdater.registry.RegistryException;
import io.imageupdater.strategy.UpdateStrategy;
import io.imageupdater.testing.FlakyRegistry;
import io.imageupdater.testing.PeerVectors;
import io.imageupdater.testing.PeerVectors.Case;
import io.imageupdater.testing.RegistryProxy;
import io.imageupdater.testing.TestRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upstream's vectors on the update decision ({@code update_application}) and tag equality, run against our image
 * decision ({@link ImageDecider}), annotation parsing, credential scope and registry client. Upstream's counters
 * are read off our outcomes: {@code considered} is every image past the live-image gate, {@code updated} every
 * UPDATE, {@code skipped} NOT_LIVE and NO_CANDIDATE, {@code errors} every ERROR.
 */
@QuarkusTest
class PeerVectorsUpdateTest {

    static Stream<Arguments> tagEquality() {
        return PeerVectors.of("tag_equality");
    }

    /** Equal when the decision keeps the running tag {@code a} although {@code b} is chosen: the same image. */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    @SuppressWarnings("unchecked")
    void tagEquality(Case c) {
        Map<String, Object> a = c.in("a");
        Map<String, Object> b = c.in("b");
        Tag current = tag(a);
        Tag chosen = tag(b);
        ImageSpec spec = spec("web=registry.example/acme/web", UpdateStrategy.ALPHABETICAL);
        List<Tag> tags = List.of(current, chosen);
        ImageOutcome outcome =
                ImageDecider.decide(spec, List.of(ImageRef.parse("registry.example/acme/web:" + current.name())), tags);
        PeerVectors.check(c, answer("equal", outcome.kind() == ImageOutcome.Kind.CURRENT));
    }

    static Stream<Arguments> updateApplication() {
        return PeerVectors.of("update_application");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    @SuppressWarnings("unchecked")
    void updateApplication(Case c) throws Exception {
        Map<String, Object> ours = new LinkedHashMap<>();
        switch (c.id()) {
            case "ua-cross-ns-secret" -> {
                int errors = 0;
                try {
                    CredentialScope.application(c.text("appNamespace"), "app", List.of())
                            .requireAllowed(CredentialRef.parse(c.text("pullSecret")));
                } catch (CredentialsException e) {
                    errors = 1;
                }
                PeerVectors.check(c, answer("errors", errors, "updated", errors == 0 ? 1 : 0));
                return;
            }
            case "ua-tags-error-nonauth" -> {
                try (FlakyRegistry flaky =
                        FlakyRegistry.start(List.of("1.0.1")).down(FlakyRegistry.Fault.BAD_GATEWAY)) {
                    Registries registries = registries(Map.of());
                    RegistryEndpoint endpoint =
                            RegistryEndpoint.of(flaky.host(), java.net.URI.create("http://" + flaky.host()));
                    registries.configure(List.of(endpoint));
                    RegistryClient first =
                            registries.client(registries.endpointFor(ImageRef.parse(flaky.host() + "/x")));
                    int errors = 0;
                    try {
                        first.listTags("x");
                    } catch (RegistryException e) {
                        errors = 1;
                    }
                    RegistryClient again =
                            registries.client(registries.endpointFor(ImageRef.parse(flaky.host() + "/x")));
                    PeerVectors.check(
                            c,
                            answer("errors", errors, "updated", 0, "registryClientCreations", first == again ? 1 : 2));
                    registries.close();
                }
                return;
            }
            case "ua-tags-401-retry" -> {
                try (TestRegistry registry = TestRegistry.start();
                        RegistryProxy front =
                                RegistryProxy.start("127.0.0.1", registry.url()).requireBasic("robot", "rotated")) {
                    registry.push("acme/web", "1.0.1");
                    Map<String, String> env = new HashMap<>(Map.of("CREDS", "robot:old"));
                    Registries registries = registries(env);
                    registries.configure(List.of(
                            RegistryEndpoint.of(front.host(), front.url()).withCredentials("env:CREDS")));
                    RegistryClient client =
                            registries.client(registries.endpointFor(ImageRef.parse(front.host() + "/acme/web")));
                    int errors = 0;
                    try {
                        client.listTags("acme/web");
                    } catch (RegistryException e) {
                        errors = 1;
                    }
                    env.put("CREDS", "robot:rotated"); // rotated after the first refusal
                    try {
                        client.listTags("acme/web");
                    } catch (RegistryException e) {
                        errors++;
                    }
                    PeerVectors.check(c, answer("errors", Math.max(0, errors - 1)));
                    registries.close();
                }
                return;
            }
            default -> {}
        }
        List<String> tracked =
                c.input().get("trackedImages") instanceof List<?> t ? (List<String>) t : List.of("jannfis/foobar");
        List<ImageRef> live = new ArrayList<>();
        ((List<String>) c.input().getOrDefault("liveImages", List.of("jannfis/foobar:1.0.0")))
                .forEach(text -> live.add(ImageRef.parse(text)));
        List<Tag> tags = ((List<String>) c.input().getOrDefault("registryTags", List.of()))
                .stream().map(Tag::of).toList();
        ApplicationSpec spec = ApplicationSpecParser.parse(
                Map.of("argocd-image-updater.argoproj.io/image-list", String.join(",", tracked)), "argocd/app");
        int considered = 0;
        int updated = 0;
        int skipped = 0;
        int errors = spec.errors().size();
        List<String> written = new ArrayList<>();
        for (ImageSpec image : spec.images()) {
            List<ImageRef> liveHere = live.isEmpty() ? List.of() : live;
            if (c.id().equals("ua-inferred-registry")) {
                // the registry is nobody's configured one: its endpoint is inferred (https://example.io)
                RegistryEndpoint endpoint =
                        RegistryEndpoints.builtIn().forImage(image.entry().image());
                ours.put("endpoint", endpoint.apiUrl().toString());
                liveHere = List.of(image.entry().image().withTag("1.0.0"));
            }
            Optional<ImageOutcome> gated = ImageDecider.gate(image, liveHere);
            ImageOutcome outcome =
                    gated.orElseGet(() -> ImageDecider.decide(image, live.isEmpty() ? List.of() : live, tags));
            if (gated.isEmpty() || gated.get().kind() == ImageOutcome.Kind.ERROR) {
                considered++;
            }
            switch (outcome.kind()) {
                case UPDATE -> {
                    updated++;
                    written.add(outcome.change().to().toString());
                }
                case NOT_LIVE, NO_CANDIDATE -> skipped++;
                case ERROR -> errors++;
                default -> {}
            }
        }
        ours.put("considered", considered);
        ours.put("updated", updated);
        ours.put("skipped", skipped);
        ours.put("errors", errors);
        ours.put("specKustomizeImages", written);
        PeerVectors.check(c, ours);
    }

    private static Registries registries(Map<String, String> env) {
        return new Registries(
                new UpdaterMetrics(new SimpleMeterRegistry()),
                new EnvCredentialResolver(env::get),
                Clock.systemUTC(),
                RegistryClientSettings.defaults());
    }

    private static Tag tag(Map<String, Object> side) {
        Object digest = side.get("digest");
        return new Tag(
                String.valueOf(side.get("name")),
                digest == null || digest.toString().isEmpty() ? null : digest.toString(),
                null);
    }

    private static ImageSpec spec(String text, UpdateStrategy strategy) {
        ImageListEntry entry = ImageListEntry.parse(text);
        return new ImageSpec(
                entry.aliasOrName(),
                entry,
                entry.constraint(),
                strategy.value(),
                strategy,
                false,
                null,
                List.of(),
                null,
                List.of(),
                null,
                null,
                List.of());
    }
}
