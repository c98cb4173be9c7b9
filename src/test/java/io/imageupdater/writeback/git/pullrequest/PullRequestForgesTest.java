package io.imageupdater.writeback.git.pullrequest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.PullRequestSettings;
import io.imageupdater.argocd.PullRequestSettings.AutoMerge;
import io.imageupdater.argocd.PullRequestSettings.Provider;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.testing.GitRemote;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.testing.SmartHttpGitServer;
import io.imageupdater.writeback.WriteResult;
import io.imageupdater.writeback.git.GitChangeSet;
import io.imageupdater.writeback.git.GitWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pull request workflow against each forge's API stand-in (see {@link ForgeStandIn}) and a real Git server
 * (smart HTTP, JGit's receive-pack) for the head branch pushes: the first update opens one pull request with labels
 * and auto-merge; a newer version force-pushes the same head branch and updates the same pull request; the base
 * receiving the change closes it and deletes the head; an API refusal fails the write-back without the token and
 * leaves the base untouched.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class PullRequestForgesTest {
    private static final Namespaces NAMESPACES = new Namespaces("prforge");
    private static final String TOKEN = "tok-7f3a9c1e55d2";
    private static final String MAIN_BEFORE = "main";

    /** A forge: its provider, where its Git server serves the repository, its stand-in, what it can do. */
    enum Flavor {
        GITHUB(Provider.GITHUB, "/acme/shop.git", GitHubStandIn::new, true, true),
        GITLAB(Provider.GITLAB, "/acme/shop.git", GitLabStandIn::new, true, true),
        GITEA(Provider.GITEA, "/acme/shop.git", GiteaStandIn::new, true, true),
        BITBUCKET_CLOUD(Provider.BITBUCKET, "/acme/shop.git", BitbucketCloudStandIn::new, false, false),
        BITBUCKET_DATA_CENTER(Provider.BITBUCKET, "/scm/ACME/shop.git", BitbucketDataCenterStandIn::new, false, false),
        AZURE_DEVOPS(Provider.AZURE_DEVOPS, "/org/project/_git/shop", AzureDevOpsStandIn::new, true, true);

        final Provider provider;
        final String gitPath;
        final Function<String, ForgeStandIn> standIn;
        final boolean labels;
        final boolean autoMerge;

        Flavor(
                Provider provider,
                String gitPath,
                Function<String, ForgeStandIn> standIn,
                boolean labels,
                boolean autoMerge) {
            this.provider = provider;
            this.gitPath = gitPath;
            this.standIn = standIn;
            this.labels = labels;
            this.autoMerge = autoMerge;
        }
    }

    @Inject
    GitWriter writer;

    @Inject
    KubernetesClient client;

    @Inject
    UpdaterMetrics metrics;

    private static PullRequestSettings settings(Provider provider) {
        return new PullRequestSettings(
                provider, List.of(" dependencies", "images", "dependencies "), AutoMerge.SQUASH, false, List.of());
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void onePullRequestIsOpenedUpdatedAndClosedWhenTheBaseHasTheChange(Flavor flavor) {
        String ns = NAMESPACES.next();
        try (GitRemote remote = GitRemote.create(Map.of("shop/kustomization.yaml", ForgeFixtures.KUSTOMIZATION));
                SmartHttpGitServer git = SmartHttpGitServer.start(remote.repository(), "bot", TOKEN, flavor.gitPath);
                ForgeStandIn forge = flavor.standIn.apply(TOKEN)) {
            ForgeFixtures.secret(
                    client, ns, "forge", Map.of("username", "bot", "password", TOKEN, "apiURL", forge.api()));
            RevCommit base = remote.log(MAIN_BEFORE).get(0);
            double opened = metrics.pullRequests(flavor.provider.key(), "opened");

            // 1. the first update opens one pull request, with labels and auto-merge, on our head branch
            WriteResult first = write(ForgeFixtures.change(ns, git.url(), "1.1.0", settings(flavor.provider)));

            assertNull(first.error(), first.error());
            ForgeStandIn.Pr pr = forge.only();
            assertEquals("main", pr.base);
            assertTrue(pr.head.matches("image-updater/main/[0-9a-f]{8}"), pr.head);
            assertEquals("chore(image-updater): new image versions for shop", pr.title);
            assertTrue(
                    pr.body.contains("ghcr.io/acme/web") && pr.body.contains("`1.0.0`") && pr.body.contains("`1.1.0`"),
                    pr.body);
            assertTrue(pr.body.contains(ns + "/shop"), pr.body);
            assertNotNull(first.pullRequest());
            assertTrue(first.pullRequest().startsWith(forge.origin()), first.pullRequest());
            assertEquals(flavor.labels ? List.of("dependencies", "images") : List.of(), pr.labels);
            assertEquals(flavor.autoMerge, pr.autoMerge != null, "auto-merge requested: " + pr.autoMerge);
            assertTrue(remote.file(pr.head, "shop/kustomization.yaml").contains("newTag: 1.1.0"));
            assertEquals(List.of(base), remote.log("main"), "the base branch is untouched");
            RevCommit firstHead = remote.log(pr.head).get(0);
            assertEquals(opened + 1, metrics.pullRequests(flavor.provider.key(), "opened"));

            // 2. a newer version force-pushes the same head branch and updates the same pull request
            WriteResult second = write(ForgeFixtures.change(ns, git.url(), "1.2.0", settings(flavor.provider)));

            assertNull(second.error(), second.error());
            assertEquals(pr, forge.only(), "still the one pull request");
            assertEquals(first.pullRequest(), second.pullRequest());
            assertTrue(pr.body.contains("`1.2.0`"), pr.body);
            RevCommit secondHead = remote.log(pr.head).get(0);
            assertNotEquals(firstHead, secondHead);
            assertEquals(List.of(secondHead, base), remote.log(pr.head), "rebuilt on the base, not stacked");
            assertTrue(remote.file(pr.head, "shop/kustomization.yaml").contains("newTag: 1.2.0"));
            assertEquals(List.of(base), remote.log("main"));

            // 3. the base branch receives the change: the pull request is closed with a comment, its head deleted
            remote.commitAsSomeoneElse(
                    "main",
                    Map.of("shop/kustomization.yaml", ForgeFixtures.KUSTOMIZATION.replace("1.0.0", "1.2.0")),
                    "bump web by hand");
            WriteResult third = write(ForgeFixtures.change(ns, git.url(), "1.2.0", settings(flavor.provider)));

            assertNull(third.error(), third.error());
            assertEquals(1, third.alreadyCurrent().size());
            assertEquals(List.of(), forge.open(), "no pull request stays open");
            assertEquals(1, forge.pullRequests.size(), "none accumulates");
            assertEquals(1, pr.comments.size());
            assertFalse(remote.branches().contains(pr.head), remote.branches().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void theSameChangeAgainPushesNothingAndLeavesThePullRequestAlone(Flavor flavor) {
        String ns = NAMESPACES.next();
        try (GitRemote remote = GitRemote.create(Map.of("shop/kustomization.yaml", ForgeFixtures.KUSTOMIZATION));
                SmartHttpGitServer git = SmartHttpGitServer.start(remote.repository(), "bot", TOKEN, flavor.gitPath);
                ForgeStandIn forge = flavor.standIn.apply(TOKEN)) {
            ForgeFixtures.secret(
                    client, ns, "forge", Map.of("username", "bot", "password", TOKEN, "apiURL", forge.api()));
            assertNull(write(ForgeFixtures.change(ns, git.url(), "1.1.0", settings(flavor.provider)))
                    .error());
            ForgeStandIn.Pr pr = forge.only();
            RevCommit head = remote.log(pr.head).get(0);
            int requests = forge.requests.size();
            double updated = metrics.pullRequests(flavor.provider.key(), "updated");

            WriteResult again = write(ForgeFixtures.change(ns, git.url(), "1.1.0", settings(flavor.provider)));

            assertNull(again.error(), again.error());
            assertEquals(head, remote.log(pr.head).get(0), "not pushed again");
            assertEquals(updated, metrics.pullRequests(flavor.provider.key(), "updated"));
            assertTrue(
                    forge.requests.subList(requests, forge.requests.size()).stream()
                            .allMatch(request -> request.startsWith("GET ")),
                    "only looked: " + forge.requests.subList(requests, forge.requests.size()));
            assertEquals(pr, forge.only());
        }
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void anApiRefusalFailsOnlyThisWriteBackWithoutTheTokenAndLeavesTheBaseAlone(Flavor flavor) {
        for (int status : List.of(401, 403, 422)) {
            String ns = NAMESPACES.next();
            try (GitRemote remote = GitRemote.create(Map.of("shop/kustomization.yaml", ForgeFixtures.KUSTOMIZATION));
                    SmartHttpGitServer git =
                            SmartHttpGitServer.start(remote.repository(), "bot", TOKEN, flavor.gitPath);
                    ForgeStandIn forge = flavor.standIn.apply(TOKEN)) {
                ForgeFixtures.secret(
                        client, ns, "forge", Map.of("username", "bot", "password", TOKEN, "apiURL", forge.api()));
                RevCommit base = remote.log("main").get(0);
                forge.failWith(status);

                WriteResult result = write(ForgeFixtures.change(ns, git.url(), "1.1.0", settings(flavor.provider)));

                assertNotNull(result.error());
                assertTrue(result.error().contains(flavor.provider.key()), result.error());
                assertTrue(result.error().contains("HTTP " + status), result.error());
                assertTrue(result.error().contains(git.url()) || result.error().contains("shop"), result.error());
                assertFalse(result.error().contains(TOKEN), result.error());
                assertEquals(List.of(base), remote.log("main"), "the base branch is untouched");
                assertTrue(forge.pullRequests.isEmpty());
            }
        }
    }

    private WriteResult write(GitChangeSet set) {
        return writer.write(set.writeKey(), List.of(set), "argocd", false).get(0);
    }
}
