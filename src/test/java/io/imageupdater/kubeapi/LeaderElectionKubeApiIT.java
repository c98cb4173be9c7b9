package io.imageupdater.kubeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.imageupdater.testing.KubeApi;
import io.imageupdater.testing.TestRegistry;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, point 5: two packaged updaters ({@code run}) elect a leader through the real
 * {@code coordination.k8s.io} Lease; one works, the other stands by; when the leader is killed (no release), the
 * other takes over within the lease duration and runs the cycles.
 */
class LeaderElectionKubeApiIT {
    private static final String NS = "election";
    private static final Duration LEASE = Duration.ofSeconds(8);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Map<String, String> ELECTION = Map.of(
            "IMAGE_UPDATER_LEADER_ELECTION_LEASE_DURATION", LEASE.toSeconds() + "s",
            "IMAGE_UPDATER_LEADER_ELECTION_RENEW_DEADLINE", "6s",
            "IMAGE_UPDATER_LEADER_ELECTION_RETRY_PERIOD", RETRY.toSeconds() + "s");
    private static KubeApi api;
    private static TestRegistry registry;

    @BeforeAll
    static void start() {
        api = Scene.apiServer("election");
        registry = Scene.registry();
    }

    @AfterAll
    static void stop() {
        Scene.stop(registry, api);
    }

    @Test
    void oneWorksAndTheOtherTakesOverWithinTheLeaseDurationAfterTheFirstIsKilled() {
        try (Scene scene = Scene.create(api, NS, registry, UnaryOperator.identity());
                Updater first = scene.start("updater-a", ELECTION)) {
            String firstLog = first.awaitAny(Duration.ofSeconds(120), Updater.CYCLE_FINISHED);
            assertTrue(firstLog.contains("updater-a is now the leader"), firstLog);
            assertTrue(firstLog.contains("updated=3"), firstLog);

            try (Updater second = scene.start("updater-b", ELECTION)) {
                String secondLog = second.awaitAny(Duration.ofSeconds(120), "updater-b is standing by");
                assertTrue(secondLog.contains("updater-b is standing by; updater-a is the leader"), secondLog);
                Lease held = lease();
                assertEquals("updater-a", held.getSpec().getHolderIdentity());
                // the leader keeps renewing on the real Lease while the other stands by
                Updater.sleep(3 * RETRY.toMillis() + 500);
                Lease renewed = lease();
                assertTrue(
                        renewed.getSpec().getRenewTime().isAfter(held.getSpec().getRenewTime()),
                        "renewed: " + held.getSpec().getRenewTime() + " then "
                                + renewed.getSpec().getRenewTime());
                assertFalse(second.log().contains(Updater.CYCLE_FINISHED), "the standby runs no cycle");

                first.kill();
                Lease lastRenewed = lease();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                Lease taken = lease();
                while (!"updater-b".equals(taken.getSpec().getHolderIdentity())) {
                    assertTrue(System.nanoTime() < deadline, () -> "no takeover:\n" + second.log());
                    Updater.sleep(200);
                    taken = lease();
                }
                ZonedDateTime lastRenewal = lastRenewed.getSpec().getRenewTime();
                ZonedDateTime acquired = taken.getSpec().getAcquireTime();
                Duration gap = Duration.between(lastRenewal, acquired);
                // The standby may take the Lease once it has not been renewed for the lease duration; it tries every
                // retry period (with jitter).
                assertTrue(
                        gap.compareTo(LEASE.plus(RETRY).plus(RETRY)) <= 0,
                        "taken over " + gap + " after the last renewal seen (lease duration " + LEASE + ")");
                assertEquals(
                        lastRenewed.getSpec().getLeaseTransitions() + 1,
                        taken.getSpec().getLeaseTransitions());
                String log = second.awaitAny(Duration.ofSeconds(120), Updater.CYCLE_FINISHED);
                assertTrue(log.contains("updater-b is now the leader"), log);
                assertTrue(log.contains("errors=0"), log);
            }
        }
    }

    private static Lease lease() {
        return api.admin()
                .leases()
                .inNamespace(NS)
                .withName("argocd-image-updater-leader")
                .get();
    }
}
