package io.imageupdater.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imageupdater.GoDuration;
import io.imageupdater.ImageUpdaterException;
import io.imageupdater.credentials.CredentialRef;
import io.imageupdater.gate.InvalidUpdateWindowException;
import io.imageupdater.gate.MinimumAge;
import io.imageupdater.gate.UpdateWindows;
import io.imageupdater.image.ImageRef;
import io.imageupdater.image.Tag;
import io.imageupdater.registry.Registries;
import io.imageupdater.registry.RegistryEndpoint;
import io.imageupdater.registry.TagCatalog;
import io.imageupdater.registry.TagQuery;
import io.imageupdater.strategy.Selection;
import io.imageupdater.strategy.TagFilter;
import io.imageupdater.strategy.TagSelector;
import io.imageupdater.strategy.TagSelectors;
import io.imageupdater.strategy.UpdateStrategy;
import io.imageupdater.updater.TagQueries;
import io.imageupdater.updater.UpdaterConfig;
import io.imageupdater.verification.ImageVerifier;
import io.imageupdater.verification.KeylessIdentity;
import io.imageupdater.verification.PublicGoodRoot;
import io.imageupdater.verification.PublicKeys;
import io.imageupdater.verification.RejectReason;
import io.imageupdater.verification.TrustedRoot;
import io.imageupdater.verification.Verdict;
import io.imageupdater.verification.VerificationPolicy;
import io.quarkus.logging.Log;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code test IMAGE}: what the updater would choose for one image, without a cluster. */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description = "Shows which version of IMAGE the updater would choose. Needs no cluster.")
public class TestCommand implements Callable<Integer> {

    enum Output {
        text,
        json
    }

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image, like ghcr.io/acme/web or nginx.")
    String image;

    @Option(
            names = "--semver-constraint",
            paramLabel = "CONSTRAINT",
            description = "Version constraint (semver), or the tag to track (digest).")
    String constraint;

    @Option(
            names = "--update-strategy",
            paramLabel = "STRATEGY",
            defaultValue = "semver",
            description = "semver, newest-build, digest or alphabetical (default semver).")
    String strategy;

    @Option(
            names = "--allow-tags",
            paramLabel = "MATCH",
            description = "Only tags matching: regexp:<expression> or any.")
    String allowTags;

    @Option(names = "--ignore-tags", paramLabel = "GLOB", description = "Never tags matching this glob (repeatable).")
    List<String> ignoreTags = List.of();

    @Option(
            names = "--platforms",
            paramLabel = "OS/ARCH[,…]",
            description =
                    "Platforms the image must offer, os/arch[/variant] (newest-build, digest; default: this machine's).")
    String platforms;

    @Option(
            names = "--credentials",
            paramLabel = "REF",
            description = "Credentials for the registry, like env:VAR (overrides registries.conf).")
    String credentials;

    @Option(names = "--rate-limit", paramLabel = "N", description = "At most N requests per second to the registry.")
    Double rateLimit;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
    Output output;

    @Option(
            names = "--at",
            paramLabel = "TIME",
            description =
                    "Judge the update windows at this time (RFC 3339, like 2026-03-29T22:30:00+02:00; default now).")
    String at;

    @Option(
            names = "--update-windows",
            paramLabel = "W",
            description = "Update windows, schedule|duration|timeZone separated by ';' "
                    + "(like '0 22 * * 1-5|4h|Europe/Berlin'): tells whether an update would be allowed at --at.")
    String updateWindows;

    @Option(
            names = "--verify-key",
            paramLabel = "FILE",
            description = "Only images with a cosign signature by this PEM public key are eligible.")
    Path verifyKey;

    @Option(
            names = "--verify-identity",
            paramLabel = "ISSUER|SUBJECT_REGEXP",
            description = "Only images with a keyless (Fulcio) signature of this identity are eligible.")
    String verifyIdentity;

    @Option(
            names = "--trusted-root",
            paramLabel = "FILE",
            description = "Sigstore trusted root JSON for --verify-identity (default: the public-good instance's).")
    Path trustedRoot;

    @Option(
            names = "--min-age",
            paramLabel = "D",
            description = "Only images at least this old (Go duration such as 24h) by their created time are eligible.")
    String minAge;

    @Inject
    ImageVerifier verifier;

    @Inject
    PublicGoodRoot publicGoodRoot;

    @Mixin
    ConnectionOptions connection;

    @Inject
    Registries registries;

    @Inject
    UpdaterConfig config;

    @Inject
    ObjectMapper json;

    @Override
    public Integer call() {
        ImageRef ref;
        UpdateStrategy chosenStrategy;
        TagSelector selector;
        RegistryEndpoint endpoint;
        UpdateWindows.Verdict window;
        VerificationPolicy policy;
        MinimumAge age;
        try {
            LogLevels.apply(config.loglevel());
            window = window();
            policy = policy();
            age = minAge == null ? null : new MinimumAge(duration(minAge));
            ref = ImageRef.parse(image);
            chosenStrategy = strategy();
            selector = TagSelectors.of(chosenStrategy, constraint);
            registries.configure(config.registriesConf());
            endpoint = endpoint(ref);
        } catch (ImageUpdaterException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        TagFilter filter = TagFilter.of(allowTags, ignoreTags);
        filter.warnings().forEach(warning -> Log.warnf("image %s: %s", ref, warning));
        List<Tag> tags;
        try {
            tags = tags(ref, endpoint, chosenStrategy, filter, policy != null || age != null)
                    .join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            System.err.println("error: " + cause.getMessage());
            return 1;
        }
        List<Tag> eligible = filter.apply(tags);
        if (age != null) {
            Instant now = Instant.now();
            MinimumAge.Split split = age.split(eligible, tag -> null, now);
            split.waiting().forEach(w -> Log.infof("tag %s waits for min-age until %s", w.tag(), w.until()));
            eligible = split.eligible();
        }
        Selection selection = selector.select(eligible);
        List<String[]> rejected = new ArrayList<>();
        Boolean verified = null;
        try {
            if (policy != null) {
                List<Tag> remaining = new ArrayList<>(eligible);
                while (selection.chosen().isPresent()) {
                    Tag chosen = selection.chosen().get();
                    String digest = chosen.digest() != null
                            ? chosen.digest()
                            : verifier.digest(ref, chosen.name(), null).orElse(null);
                    Verdict verdict = digest == null
                            ? Verdict.rejected(RejectReason.UNSIGNED, "the tag is gone")
                            : verifier.verify(ref, digest, policy, null, this);
                    if (verdict.verified()) {
                        break;
                    }
                    Log.warnf("tag %s rejected: %s: %s", chosen.name(), verdict.result(), verdict.detail());
                    rejected.add(new String[] {chosen.name(), verdict.result()});
                    remaining.removeIf(tag -> tag.name().equals(chosen.name()));
                    selection = selector.select(remaining);
                }
                verified = selection.chosen().isPresent();
            }
        } catch (ImageUpdaterException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        print(ref, chosenStrategy, selection, verified, rejected, window);
        return 0;
    }

    /** Whether an update would be allowed at {@code --at} (now by default) by {@code --update-windows}. */
    private UpdateWindows.Verdict window() {
        Instant when;
        try {
            when = at == null || at.isBlank()
                    ? Instant.now()
                    : OffsetDateTime.parse(at.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new ImageUpdaterException(
                    "--at: \"" + at + "\" is not an RFC 3339 time such as 2026-03-29T22:30:00+02:00");
        }
        try {
            return UpdateWindows.parse(updateWindows).check(when);
        } catch (InvalidUpdateWindowException e) {
            throw new ImageUpdaterException("--update-windows: " + e.getMessage());
        }
    }

    /** The verification policy the flags ask for, or {@code null}; exits 2 on a bad combination or file. */
    private VerificationPolicy policy() {
        if (verifyKey != null && verifyIdentity != null) {
            throw new ImageUpdaterException("--verify-key and --verify-identity are mutually exclusive");
        }
        if (trustedRoot != null && verifyIdentity == null) {
            throw new ImageUpdaterException("--trusted-root applies only with --verify-identity");
        }
        try {
            if (verifyKey != null) {
                return VerificationPolicy.ofKey(
                        PublicKeys.parse(Files.readString(verifyKey), "--verify-key " + verifyKey),
                        verifyKey.toString());
            }
            if (verifyIdentity != null) {
                KeylessIdentity identity = KeylessIdentity.parse(verifyIdentity);
                TrustedRoot root = trustedRoot == null
                        ? publicGoodRoot.root()
                        : TrustedRoot.parse(Files.readString(trustedRoot), "--trusted-root " + trustedRoot);
                return VerificationPolicy.keyless(identity, root, String.valueOf(trustedRoot));
            }
            return null;
        } catch (IOException e) {
            throw new ImageUpdaterException("cannot read " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ImageUpdaterException(
                    (verifyIdentity != null && verifyKey == null ? "--verify-identity: " : "") + e.getMessage(), e);
        }
    }

    private static Duration duration(String text) {
        Duration parsed;
        try {
            parsed = GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ImageUpdaterException("--min-age: \"" + text + "\" is not a duration such as 24h");
        }
        if (parsed.isNegative()) {
            throw new ImageUpdaterException("--min-age: \"" + text + "\" is negative");
        }
        return parsed;
    }

    /** The tags to choose from: names only, or (for strategies that read metadata) with digests and build times. */
    private CompletableFuture<List<Tag>> tags(
            ImageRef ref, RegistryEndpoint endpoint, UpdateStrategy chosenStrategy, TagFilter filter, boolean gated) {
        TagCatalog catalog = registries.newCatalog();
        if (!chosenStrategy.needsMetadata() && !gated) {
            return catalog.tags(endpoint, ref, null);
        }
        List<String> wanted = platforms == null ? List.of() : Arrays.asList(platforms.split(","));
        TagQuery query = TagQueries.of(chosenStrategy, constraint, filter, wanted, problem -> Log.warn(problem));
        return catalog.tagsWithMetadata(endpoint, ref, query, null);
    }

    private UpdateStrategy strategy() {
        Optional<UpdateStrategy> parsed = UpdateStrategy.fromValue(strategy);
        if (parsed.isEmpty()) {
            Log.warnf("unknown update strategy \"%s\"; using semver", strategy);
            return UpdateStrategy.SEMVER;
        }
        if (parsed.get().isDeprecatedAlias(strategy)) {
            Log.warnf("update strategy \"%s\" is deprecated; use \"%s\"", strategy, parsed.get());
        }
        return parsed.get();
    }

    private RegistryEndpoint endpoint(ImageRef ref) {
        RegistryEndpoint endpoint = registries.endpointFor(ref);
        if (credentials != null) {
            CredentialRef.parse(credentials);
            endpoint = endpoint.withCredentials(credentials);
        }
        if (rateLimit != null) {
            if (rateLimit <= 0) {
                throw new ImageUpdaterException("--rate-limit: must be greater than 0, not " + rateLimit);
            }
            endpoint = new RegistryEndpoint(
                    endpoint.name(),
                    endpoint.prefix(),
                    endpoint.apiUrl(),
                    endpoint.ping(),
                    endpoint.credentials(),
                    endpoint.credsExpire(),
                    endpoint.isDefault(),
                    endpoint.insecure(),
                    endpoint.tagSortMode(),
                    rateLimit,
                    endpoint.defaultNamespace(),
                    endpoint.caCertificates());
        }
        return endpoint;
    }

    private void print(
            ImageRef ref,
            UpdateStrategy chosenStrategy,
            Selection selection,
            Boolean verified,
            List<String[]> rejected,
            UpdateWindows.Verdict window) {
        Optional<Tag> tag = selection.chosen();
        String digest = tag.map(Tag::digest).orElse(null);
        String newImage = tag.map(t -> ref.withoutVersion()
                        .withTag(t.name())
                        .withDigest(digest)
                        .toString())
                .orElse(null);
        if (output == Output.json) {
            ObjectNode node = json.createObjectNode();
            node.put("image", newImage);
            node.put("tag", tag.map(Tag::name).orElse(null));
            node.put("digest", digest);
            node.put("strategy", chosenStrategy.value());
            node.put("candidates", selection.candidates());
            node.put("allowed", window.allowed());
            node.put("nextWindow", window.nextWindow().map(Instant::toString).orElse(null));
            if (verified == null) {
                node.putNull("verified");
            } else {
                node.put("verified", verified);
            }
            ArrayNode list = node.putArray("rejected");
            rejected.forEach(r -> list.addObject().put("tag", r[0]).put("reason", r[1]));
            System.out.println(node);
            return;
        } else if (newImage != null) {
            rejected.forEach(r -> System.out.printf("rejected %s: %s%n", r[0], r[1]));
            System.out.printf(
                    "latest image according to %s: %s (%d candidates)%n",
                    chosenStrategy, newImage, selection.candidates());
        } else {
            rejected.forEach(r -> System.out.printf("rejected %s: %s%n", r[0], r[1]));
            System.out.printf(
                    "no tag of %s passed the filters and the constraint (%d candidates)%n",
                    ref.withoutVersion(), selection.candidates());
        }
        if (updateWindows != null && !updateWindows.isBlank()) {
            System.out.println(
                    window.allowed()
                            ? "an update would be allowed: an update window is open"
                            : "an update would not be allowed: no update window is open; "
                                    + window.nextWindow()
                                            .map(next -> "the next opens at " + next)
                                            .orElse("none opens again"));
        }
    }
}
