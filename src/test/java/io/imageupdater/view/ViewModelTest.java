package io.imageupdater.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.imageupdater.updater.DecisionState;
import io.imageupdater.updater.ImageRow;
import io.imageupdater.updater.Redacted;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The view's pure parts: decisions in words, access, Argo CD links, redaction. */
class ViewModelTest {

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of(
                        "up to date stays short",
                        DecisionState.UP_TO_DATE,
                        "image x is already at the newest",
                        "up to date"),
                Arguments.of(
                        "an update is its reason",
                        DecisionState.UPDATED,
                        "updated 1.4.2 → 1.4.3 at 2026-01-01T00:00:00Z",
                        "updated 1.4.2 → 1.4.3 at 2026-01-01T00:00:00Z"),
                Arguments.of(
                        "no eligible tag with its counts",
                        DecisionState.NO_ELIGIBLE_TAG,
                        "12 tags of r/a, 0 match allow-tags regexp:^v, 0 satisfy constraint ~1",
                        "no eligible tag: 12 tags of r/a, 0 match allow-tags regexp:^v, 0 satisfy constraint ~1"),
                Arguments.of(
                        "a gate's own sentence is kept",
                        DecisionState.OUTSIDE_UPDATE_WINDOW,
                        "outside update window until 2026-01-01T22:00:00Z",
                        "outside update window until 2026-01-01T22:00:00Z"),
                Arguments.of(
                        "pending approval without a reason", DecisionState.PENDING_APPROVAL, "", "pending approval"),
                Arguments.of("pinned", DecisionState.PINNED, "by annotation", "pinned: by annotation"),
                Arguments.of("rolled back", DecisionState.ROLLED_BACK, "1.4.3 → 1.4.2", "rolled back: 1.4.3 → 1.4.2"),
                Arguments.of("blocked", DecisionState.BLOCKED, "1.4.3 failed before", "blocked: 1.4.3 failed before"),
                Arguments.of(
                        "error", DecisionState.ERROR, "registry r is unreachable", "error: registry r is unreachable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decisionInWords(String name, DecisionState state, String reason, String expected) {
        ImageRow row = new ImageRow(
                "ns",
                "app",
                "a",
                "r/a",
                "semver",
                null,
                "1.4.2",
                null,
                state,
                reason,
                Instant.EPOCH,
                "argocd",
                null,
                null);
        assertEquals(expected, ImageEntry.decision(row));
        assertEquals(
                state.id(), ImageEntry.of(row, ArgoCdLinks.of(Optional.empty())).state());
    }

    static Stream<Arguments> access() {
        return Stream.of(
                Arguments.of("no token: open", null, null, true),
                Arguments.of("blank token: open", " ", null, true),
                Arguments.of("token, no header", "t0ken-value", null, false),
                Arguments.of("token, right bearer", "t0ken-value", "Bearer t0ken-value", true),
                Arguments.of("bearer is case-insensitive", "t0ken-value", "bearer t0ken-value", true),
                Arguments.of("wrong token", "t0ken-value", "Bearer t0ken-valuf", false),
                Arguments.of("prefix of the token", "t0ken-value", "Bearer t0ken", false),
                Arguments.of("basic scheme", "t0ken-value", "Basic t0ken-value", false),
                Arguments.of("token without scheme", "t0ken-value", "t0ken-value", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("access")
    void bearerToken(String name, String token, String header, boolean allowed) {
        assertEquals(allowed, Access.of(Optional.ofNullable(token)).allows(header));
    }

    static Stream<Arguments> links() {
        return Stream.of(
                Arguments.of("plain", "https://argocd.example.com", "https://argocd.example.com/applications/ns/app"),
                Arguments.of(
                        "trailing slash",
                        "https://argocd.example.com/",
                        "https://argocd.example.com/applications/ns/app"),
                Arguments.of("sub-path and port", "http://h:8080/argo/", "http://h:8080/argo/applications/ns/app"),
                Arguments.of("query and user info dropped", "https://u:p@h/?sso=x#y", "https://h/applications/ns/app"),
                Arguments.of("not http", "ftp://h", null),
                Arguments.of("not a URL", "argocd", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("links")
    void argoCdLinks(String name, String setting, String expected) {
        assertEquals(
                Optional.ofNullable(expected),
                ArgoCdLinks.of(Optional.of(setting)).application("ns", "app"));
    }

    static Stream<Arguments> redactions() {
        return Stream.of(
                Arguments.of(
                        "user info",
                        "push to https://bot:pw@git.example.com/a.git failed",
                        "push to https://git.example.com/a.git failed"),
                Arguments.of(
                        "query",
                        "GET https://r.example.com/token?scope=x&access_token=abc: 401",
                        "GET https://r.example.com/token 401"),
                Arguments.of("bearer", "sent Bearer abcdefgh12345678", "sent Bearer <redacted>"),
                Arguments.of("plain text stays", "registry r is unreachable", "registry r is unreachable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redactions")
    void redacted(String name, String text, String expected) {
        assertEquals(expected, Redacted.text(text));
    }
}
