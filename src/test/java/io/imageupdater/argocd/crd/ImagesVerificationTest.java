package io.imageupdater.argocd.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.imageupdater.argocd.ApplicationSpec;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.argocd.LabelSelector;
import io.imageupdater.argocd.VerificationSettings;
import io.imageupdater.argocd.crd.ImageUpdaterSpec.ApplicationRef;
import io.imageupdater.argocd.crd.ImageUpdaterSpec.ImageConfig;
import io.imageupdater.argocd.crd.ImageUpdaterSpec.UpdateSettings;
import io.imageupdater.image.ImageListEntry;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code imagesVerification} at the top level, per applicationRef and per image, and {@code minAge}. */
class ImagesVerificationTest {

    private static ImageUpdaterResource resource(String spec) {
        String yaml = """
                apiVersion: argocd-image-updater.argoproj.io/v1alpha1
                kind: ImageUpdater
                metadata: {name: shop, namespace: argocd}
                spec:
                %s""".formatted(spec.indent(2));
        return ImageUpdaterResource.from(
                new KubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class));
    }

    private static ImageSpec trust(ImageUpdaterResource resource, int ref, int image) {
        ApplicationRef rule = resource.spec().applicationRefs().get(ref);
        ImageConfig config = rule.images().get(image);
        UpdateSettings settings = UpdateSettings.NONE
                .overriddenBy(resource.spec().commonUpdateSettings())
                .overriddenBy(rule.commonUpdateSettings())
                .overriddenBy(config.commonUpdateSettings());
        ImageListEntry entry = ImageListEntry.parse(config.alias() + "=" + config.imageName());
        return ResourceSettings.withTrust(
                ResourceSettings.imageSpec(entry, settings, null), resource, rule, config, settings);
    }

    private static final String LEVELS = """
            commonUpdateSettings: {minAge: 24h}
            imagesVerification:
              enabled: true
              cosignKey: {secretName: cosign, key: cosign.pub}
            applicationRefs:
            - namePattern: shop
              images:
              - {alias: web, imageName: ghcr.io/acme/web}
              - alias: api
                imageName: ghcr.io/acme/api
                imagesVerification: {enabled: false}
              - alias: worker
                imageName: ghcr.io/acme/worker
                commonUpdateSettings: {minAge: 1h}
                imagesVerification:
                  keyless: {issuer: "https://token.actions.githubusercontent.com", subjectRegExp: "https://github\\\\.com/acme/.*"}
                  trustedRoot: {configMapName: sigstore, key: trusted_root.json}
            - namePattern: other
              imagesVerification:
                cosignKey: {secretName: other, key: k}
              images:
              - {alias: web, imageName: ghcr.io/acme/web}
            """;

    @Test
    void theTopLevelAppliesToEveryImageInTheResourcesNamespace() {
        ImageSpec web = trust(resource(LEVELS), 0, 0);
        assertEquals(
                new VerificationSettings("argocd", "cosign", "cosign.pub", null, null, null, null, null, null),
                web.verification());
        assertEquals(Duration.ofHours(24), web.minAge());
    }

    @Test
    void anImageCanOptOut() {
        assertNull(trust(resource(LEVELS), 0, 1).verification());
    }

    @Test
    void anImageCanSwitchToKeylessAndTheMoreSpecificMinAgeWins() {
        ImageSpec worker = trust(resource(LEVELS), 0, 2);
        assertTrue(worker.verification().keyless());
        assertEquals("https://github\\.com/acme/.*", worker.verification().subjectRegExp());
        assertEquals("sigstore", worker.verification().rootConfigMap());
        assertEquals(Duration.ofHours(1), worker.minAge());
    }

    @Test
    void aKeyBelowAKeylessLevelDropsTheInheritedTrustedRoot() {
        ImageUpdaterResource resource = resource("""
                imagesVerification:
                  enabled: true
                  keyless: {issuer: i, subject: s}
                  trustedRoot: {configMapName: sigstore, key: trusted_root.json}
                applicationRefs:
                - namePattern: shop
                  imagesVerification:
                    cosignKey: {secretName: cosign, key: cosign.pub}
                  images:
                  - {alias: web, imageName: ghcr.io/acme/web}
                """);
        VerificationSettings settings = trust(resource, 0, 0).verification();
        assertEquals("cosign", settings.keySecret());
        assertNull(settings.rootConfigMap());
    }

    @Test
    void anApplicationRefOverridesTheKeyAndInheritsEnabled() {
        assertEquals("other", trust(resource(LEVELS), 1, 0).verification().keySecret());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(
                        "key and keyless",
                        "{enabled: true, cosignKey: {secretName: a, key: b}, keyless: {issuer: i, subject: s}}",
                        "cosignKey and keyless are mutually exclusive"),
                Arguments.of("enabled without a mode", "{enabled: true}", "neither cosignKey nor keyless"),
                Arguments.of(
                        "issuer twice",
                        "{enabled: true, keyless: {issuer: i, issuerRegExp: i, subject: s}}",
                        "exactly one of issuer and issuerRegExp"),
                Arguments.of(
                        "no subject",
                        "{enabled: true, keyless: {issuer: i}}",
                        "exactly one of subject and subjectRegExp"),
                Arguments.of(
                        "trusted root with a key",
                        "{enabled: true, cosignKey: {secretName: a, key: b}, trustedRoot: {configMapName: r, key: k}}",
                        "trustedRoot applies to keyless only"),
                Arguments.of(
                        "key without its key",
                        "{enabled: true, cosignKey: {secretName: a}}",
                        "needs both secretName and key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidCombinationsFailNamingTheBlock(String name, String block, String message) {
        ImageUpdaterResource resource = resource("""
                imagesVerification: %s
                applicationRefs:
                - namePattern: shop
                  images:
                  - {alias: web, imageName: ghcr.io/acme/web}
                """.formatted(block));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trust(resource, 0, 0));
        assertTrue(e.getMessage().startsWith("imagesVerification: "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aBadMinAgeFailsNamingTheField() {
        ImageUpdaterResource resource = resource("""
                commonUpdateSettings: {minAge: soon}
                applicationRefs:
                - namePattern: shop
                  images:
                  - {alias: web, imageName: ghcr.io/acme/web}
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trust(resource, 0, 0));
        assertEquals("commonUpdateSettings.minAge \"soon\" is not a duration such as 24h", e.getMessage());
    }

    @Test
    void anInvalidImageBecomesAnErrorOfThatImageOnly() {
        ImageUpdaterResource resource = resource("""
                applicationRefs:
                - namePattern: shop
                  images:
                  - {alias: web, imageName: ghcr.io/acme/web, imagesVerification: {enabled: true}}
                  - {alias: api, imageName: ghcr.io/acme/api}
                """);
        ApplicationRule rule = new ApplicationRule(
                0, resource.spec().applicationRefs().get(0), NameGlob.parse("shop"), LabelSelector.parse(""));
        ArgoApplication app =
                new ArgoApplication("argocd", "shop", "uid", "1", null, null, null, List.of(), null, null);

        ApplicationSpec spec = ResourceSettings.applicationSpec(resource, rule, app);

        assertEquals(
                List.of("api"), spec.images().stream().map(ImageSpec::alias).toList());
        assertEquals(1, spec.errors().size());
        assertTrue(
                spec.errors()
                        .get(0)
                        .message()
                        .contains("image \"web\" is skipped: imagesVerification: verification is enabled but neither"),
                spec.errors().get(0).message());
    }
}
