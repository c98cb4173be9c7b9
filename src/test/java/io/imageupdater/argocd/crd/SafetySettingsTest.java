package io.imageupdater.argocd.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.imageupdater.argocd.ApplicationSpecParser;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.argocd.SafetySettings;
import io.imageupdater.argocd.crd.ImageUpdaterSpec.RollbackSettings;
import io.imageupdater.argocd.crd.ImageUpdaterSpec.UpdateSettings;
import io.imageupdater.argocd.crd.ImageUpdaterSpec.WindowSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The safety settings from annotations and from ImageUpdater fields land in the same {@link SafetySettings}. */
class SafetySettingsTest {
    private static final String P = "argocd-image-updater.argoproj.io/";

    static Stream<Arguments> annotations() {
        return Stream.of(
                Arguments.of("nothing set", Map.of(), SafetySettings.NONE),
                Arguments.of(
                        "per image, several windows",
                        Map.of(
                                P + "web.update-windows", "0 22 * * 1-5|4h|Europe/Berlin; 0 6 * * 6|1h|UTC",
                                P + "web.require-approval", "true",
                                P + "web.rollback-on-degraded", "15m",
                                P + "web.allow-downgrade", "true"),
                        new SafetySettings(
                                List.of("0 22 * * 1-5|4h|Europe/Berlin", "0 6 * * 6|1h|UTC"),
                                true,
                                Duration.ofMinutes(15),
                                true,
                                List.of())),
                Arguments.of(
                        "application-wide defaults",
                        Map.of(P + "update-windows", "@daily|1h|UTC", P + "rollback-on-degraded", "true"),
                        new SafetySettings(
                                List.of("@daily|1h|UTC"),
                                false,
                                SafetySettings.DEFAULT_ROLLBACK_WINDOW,
                                false,
                                List.of())),
                Arguments.of("rollback off", Map.of(P + "web.rollback-on-degraded", "false"), SafetySettings.NONE),
                Arguments.of(
                        "a bad rollback window is a problem of the image",
                        Map.of(P + "web.rollback-on-degraded", "soon"),
                        new SafetySettings(
                                List.of(),
                                false,
                                null,
                                false,
                                List.of("application ns/app: " + P
                                        + "web.rollback-on-degraded \"soon\" is not a duration such as 10m, true or"
                                        + " false"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("annotations")
    void annotationsGiveTheSafetySettings(String name, Map<String, String> safety, SafetySettings expected) {
        Map<String, String> annotations = new HashMap<>(safety);
        annotations.put(P + "image-list", "web=ghcr.io/acme/web");

        ImageSpec image =
                ApplicationSpecParser.parse(annotations, "ns/app").images().get(0);

        assertEquals(expected, image.safety());
    }

    static Stream<Arguments> fields() {
        List<WindowSettings> berlin = List.of(new WindowSettings("0 22 * * 1-5", "4h", "Europe/Berlin"));
        return Stream.of(
                Arguments.of("nothing set", UpdateSettings.NONE, SafetySettings.NONE),
                Arguments.of(
                        "all four",
                        new UpdateSettings(
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                berlin,
                                true,
                                new RollbackSettings(true, "10m"),
                                true,
                                null),
                        new SafetySettings(
                                List.of("0 22 * * 1-5|4h|Europe/Berlin"),
                                true,
                                Duration.ofMinutes(10),
                                true,
                                List.of())),
                Arguments.of(
                        "onDegraded without a window watches 10m",
                        new UpdateSettings(
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                new RollbackSettings(true, null),
                                null,
                                null),
                        new SafetySettings(List.of(), false, Duration.ofMinutes(10), false, List.of())),
                Arguments.of(
                        "a window without onDegraded is off",
                        new UpdateSettings(
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                new RollbackSettings(null, "10m"),
                                null,
                                null),
                        SafetySettings.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void imageUpdaterFieldsGiveTheSameSettings(String name, UpdateSettings settings, SafetySettings expected) {
        assertEquals(expected, ResourceSettings.safety(settings));
    }

    @Test
    void perImageFieldsOverrideTheRuleAndTheTopLevelFieldByField() {
        UpdateSettings top = new UpdateSettings(
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(new WindowSettings("0 1 * * *", "1h", "UTC")),
                true,
                new RollbackSettings(true, "5m"),
                null,
                null);
        UpdateSettings image = new UpdateSettings(
                null, null, null, null, null, null, null, false, new RollbackSettings(null, "20m"), true, null);

        SafetySettings merged =
                ResourceSettings.safety(UpdateSettings.NONE.overriddenBy(top).overriddenBy(image));

        assertEquals(
                new SafetySettings(List.of("0 1 * * *|1h|UTC"), false, Duration.ofMinutes(20), true, List.of()),
                merged);
    }

    @Test
    void theResourceReadsItsSafetyFieldsAndStatus() {
        String yaml = """
                apiVersion: argocd-image-updater.argoproj.io/v1alpha1
                kind: ImageUpdater
                metadata: {name: shop, namespace: argocd}
                spec:
                  commonUpdateSettings:
                    updateWindows:
                    - {schedule: "0 22 * * 1-5", duration: 4h, timeZone: Europe/Berlin}
                    requireApproval: true
                    rollback: {onDegraded: true, window: 10m}
                    allowDowngrade: false
                  applicationRefs:
                  - namePattern: shop
                    images:
                    - {alias: web, imageName: ghcr.io/acme/web}
                status:
                  blockedVersions:
                  - {alias: web, image: ghcr.io/acme/web, tag: 1.3.0, reason: Degraded, at: "2026-11-28T10:00:00Z"}
                  pendingUpdates:
                  - {application: shop, alias: web, from: 1.1.0, to: 1.2.0, decidedAt: "2026-11-28T10:00:00Z"}
                """;
        ImageUpdaterResource resource = ImageUpdaterResource.from(
                Serialization.unmarshal(yaml, io.fabric8.kubernetes.api.model.GenericKubernetesResource.class));

        UpdateSettings settings = resource.spec().commonUpdateSettings();
        assertTrue(settings.requireApproval());
        assertFalse(settings.allowDowngrade());
        assertEquals(
                "0 22 * * 1-5|4h|Europe/Berlin", settings.updateWindows().get(0).text());
        assertEquals(new RollbackSettings(true, "10m"), settings.rollback());
        assertEquals("1.3.0", resource.status().blockedVersions().get(0).tag());
        assertEquals("1.2.0", resource.status().pendingUpdates().get(0).to());
    }
}
