package io.imageupdater.writeback.git.pullrequest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.ApplicationSpecParser;
import io.imageupdater.image.ImageChange;
import io.imageupdater.image.ImageRef;
import io.imageupdater.writeback.PlannedChange;
import io.imageupdater.writeback.git.PullRequests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Title and body from the commit message, with every change (digests included) and Application, within limits. */
class PullRequestTextTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    private static PullRequests.Proposal proposal(String message) {
        var spec = ApplicationSpecParser.parse(Map.of(Annotations.IMAGE_LIST, "web=ghcr.io/acme/web"), "team/shop")
                .images()
                .get(0);
        ImageChange change = new ImageChange(
                "web", ImageRef.parse("ghcr.io/acme/web:1.0.0"), ImageRef.parse("ghcr.io/acme/web:1.1.0@" + DIGEST));
        return new PullRequests.Proposal(message, List.of("team/shop"), List.of(new PlannedChange(spec, change)), true);
    }

    @ParameterizedTest(name = "title limit {0}")
    @CsvSource({"256", "255", "400", "20"})
    void titleAndBodyStayWithinTheProvidersLimits(int limit) {
        PullRequestText text =
                PullRequestText.of(proposal("x".repeat(500) + "\n\nrest"), new PullRequestText.Limits(limit, 300));
        assertEquals(limit, text.title().length());
        assertTrue(text.title().endsWith("…"));
        assertTrue(text.body().length() <= 300);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {"chore: bump web\\n\\nbecause|chore: bump web|because", "one line|one line|"})
    void theFirstLineIsTheTitleAndTheRestStartsTheBody(String message, String title, String rest) {
        PullRequestText text =
                PullRequestText.of(proposal(message.replace("\\n", "\n")), new PullRequestText.Limits(256, 65_536));
        assertEquals(title, text.title());
        if (rest != null) {
            assertTrue(text.body().startsWith(rest), text.body());
        }
        assertTrue(text.body().contains("`1.0.0`"), text.body());
        assertTrue(text.body().contains("`1.1.0` (`" + DIGEST + "`)"), text.body());
        assertTrue(text.body().contains("team/shop"), text.body());
    }
}
