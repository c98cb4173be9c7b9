package io.imageupdater.updater;

import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.argocd.VerificationSettings;
import io.imageupdater.gate.MinimumAge;
import io.imageupdater.image.ImageRef;
import io.imageupdater.image.Tag;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.registry.PullCredentials;
import io.imageupdater.registry.RegistryException;
import io.imageupdater.verification.ImageVerifier;
import io.imageupdater.verification.KeylessIdentity;
import io.imageupdater.verification.PolicySource;
import io.imageupdater.verification.Verdict;
import io.imageupdater.verification.VerificationException;
import io.imageupdater.verification.VerificationPolicy;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides an image with the gates that follow selection: the minimum release age narrows the candidates before the
 * strategy chooses; then the chosen candidate's signature is verified, and a candidate that does not verify is
 * reported and the next one the strategy chooses is tried.
 */
@ApplicationScoped
public class CandidateGates {

    /** At most this many candidates are verified for one image in one decision. */
    static final int MAX_VERIFIED = 20;

    private final ImageVerifier verifier;
    private final Function<VerificationSettings, VerificationPolicy> policies;
    private final FirstSeenTags firstSeen;
    private final Clock clock;
    private final UpdaterMetrics metrics;

    @Inject
    public CandidateGates(
            ImageVerifier verifier, PolicySource source, FirstSeenTags firstSeen, Clock clock, UpdaterMetrics metrics) {
        this(verifier, settings -> policy(source, settings), firstSeen, clock, metrics);
    }

    /** @param policies the policy of verification settings (read from the cluster) */
    CandidateGates(
            ImageVerifier verifier,
            Function<VerificationSettings, VerificationPolicy> policies,
            FirstSeenTags firstSeen,
            Clock clock,
            UpdaterMetrics metrics) {
        this.metrics = metrics;
        this.verifier = verifier;
        this.policies = policies;
        this.firstSeen = firstSeen;
        this.clock = clock;
    }

    FirstSeenTags firstSeen() {
        return firstSeen;
    }

    /**
     * Decides one image: min-age, strategy, verification.
     *
     * @param cycle identifies the cycle (an unsigned candidate is looked at again on a later cycle)
     */
    ImageOutcome decide(ImageSpec spec, ArgoApplication app, List<Tag> tags, PullCredentials pull, Object cycle) {
        List<Tag> candidates = tags;
        MinimumAge.Split split = null;
        if (spec.minAge() != null) {
            Instant now = clock.instant();
            String repository = spec.entry().image().nameWithRegistry();
            firstSeen.saw(repository, tags, now);
            split = new MinimumAge(spec.minAge())
                    .split(spec.filter().apply(tags), tag -> firstSeen.firstSeen(repository, tag.name()), now);
            candidates = split.eligible();
        }
        ImageOutcome outcome = ImageDecider.decide(spec, app.liveImages(), candidates);
        if (split != null) {
            logWaiting(spec, app, split, outcome);
        }
        if (spec.verification() == null || outcome.kind() != ImageOutcome.Kind.UPDATE) {
            return outcome;
        }
        VerificationPolicy policy;
        try {
            policy = policies.apply(spec.verification());
        } catch (VerificationException | IllegalArgumentException e) {
            return ImageOutcome.error(
                    spec.alias(),
                    FailureReason.INVALID_SPEC,
                    "image " + spec.entry().image() + ": signature verification cannot be set up: " + e.getMessage());
        }
        return verified(spec, app, new ArrayList<>(candidates), outcome, policy, pull, cycle);
    }

    private ImageOutcome verified(
            ImageSpec spec,
            ArgoApplication app,
            List<Tag> remaining,
            ImageOutcome first,
            VerificationPolicy policy,
            PullCredentials pull,
            Object cycle) {
        ImageOutcome outcome = first;
        List<RejectedCandidate> rejected = new ArrayList<>();
        ImageRef image = spec.entry().image();
        try {
            for (int tried = 0; outcome.kind() == ImageOutcome.Kind.UPDATE; tried++) {
                if (tried == MAX_VERIFIED) {
                    return ImageOutcome.of(
                                    spec.alias(),
                                    ImageOutcome.Kind.NO_CANDIDATE,
                                    "none of the " + MAX_VERIFIED + " newest candidates of " + image + " verified")
                            .withRejected(rejected);
                }
                String name = outcome.change().to().tag();
                Optional<String> digest = digest(spec, remaining, outcome, pull);
                Verdict verdict = digest.isEmpty()
                        ? Verdict.rejected(io.imageupdater.verification.RejectReason.UNSIGNED, "the tag is gone")
                        : verifier.verify(image, digest.get(), policy, pull, cycle);
                if (!verdict.cached()) {
                    metrics.verification(verdict.result());
                }
                if (verdict.verified()) {
                    Log.debugf(
                            "application %s, image %s: %s@%s: %s",
                            app.ref(), spec.alias(), name, digest.orElse(""), verdict.detail());
                    return outcome.withRejected(rejected);
                }
                Log.warnf(
                        "application %s, image %s: candidate %s (%s) rejected: %s: %s",
                        app.ref(), spec.alias(), name, digest.orElse("no digest"), verdict.result(), verdict.detail());
                rejected.add(new RejectedCandidate(name, digest.orElse(null), verdict.result(), verdict.detail()));
                remaining.removeIf(tag -> tag.name().equals(name));
                outcome = ImageDecider.decide(spec, app.liveImages(), remaining);
            }
        } catch (RegistryException e) {
            return ImageOutcome.error(
                    spec.alias(),
                    FailureReason.REGISTRY_ERROR,
                    "could not verify the signature of a candidate of " + image + ": " + e.getMessage());
        }
        if (outcome.kind() == ImageOutcome.Kind.NO_CANDIDATE) {
            outcome = ImageOutcome.of(
                    spec.alias(), ImageOutcome.Kind.NO_CANDIDATE, "no candidate of " + image + " verified");
        }
        return outcome.withRejected(rejected);
    }

    private Optional<String> digest(ImageSpec spec, List<Tag> remaining, ImageOutcome outcome, PullCredentials pull) {
        String name = outcome.change().to().tag();
        if (outcome.change().to().digest() != null) {
            return Optional.of(outcome.change().to().digest());
        }
        Optional<String> known = remaining.stream()
                .filter(tag -> tag.name().equals(name) && tag.digest() != null)
                .map(Tag::digest)
                .findFirst();
        return known.isPresent() ? known : verifier.digest(spec.entry().image(), name, pull);
    }

    private static VerificationPolicy policy(PolicySource policies, VerificationSettings settings) {
        KeylessIdentity identity = settings.keyless()
                ? new KeylessIdentity(
                        settings.issuer(), settings.issuerRegExp(), settings.subject(), settings.subjectRegExp())
                : null;
        return policies.policy(
                settings.namespace(),
                settings.keySecret(),
                settings.keyName(),
                identity,
                settings.rootConfigMap(),
                settings.rootKey());
    }

    /** The decision log: which newer tags wait for the minimum age, and until when. */
    private static void logWaiting(ImageSpec spec, ArgoApplication app, MinimumAge.Split split, ImageOutcome outcome) {
        if (split.waiting().isEmpty() || spec.selector() == null) {
            return;
        }
        Tag chosen = outcome.kind() == ImageOutcome.Kind.UPDATE
                ? Tag.of(outcome.change().to().tag())
                : null;
        String waiting = split.waiting().stream()
                .filter(w -> chosen == null
                        || spec.selector()
                                .choose(List.of(w.tag(), known(split, chosen)))
                                .map(t -> t.name().equals(w.tag().name()))
                                .orElse(false))
                .map(w -> w.tag().name() + " until " + w.until())
                .collect(Collectors.joining(", "));
        if (!waiting.isEmpty()) {
            Log.infof(
                    "application %s, image %s: newer tags wait for min-age %s: %s",
                    app.ref(), spec.alias(), io.imageupdater.GoDuration.format(spec.minAge()), waiting);
        }
    }

    private static Tag known(MinimumAge.Split split, Tag chosen) {
        return split.eligible().stream()
                .filter(t -> t.name().equals(chosen.name()))
                .findFirst()
                .orElse(chosen);
    }
}
