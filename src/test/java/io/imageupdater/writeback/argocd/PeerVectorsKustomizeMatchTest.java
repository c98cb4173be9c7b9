package io.imageupdater.writeback.argocd;

import static io.imageupdater.testing.PeerVectors.answer;

import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.image.ImageListEntry;
import io.imageupdater.image.ImageRef;
import io.imageupdater.testing.PeerVectors;
import io.imageupdater.testing.PeerVectors.Case;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upstream's vectors on matching Kustomize image entries ({@code [orig=]image[:tag|@digest]}), run against the
 * argocd write-back's {@link KustomizeImages#matches}: whether entry {@code a} is the one entry {@code b} replaces.
 */
class PeerVectorsKustomizeMatchTest {

    static Stream<Arguments> kustomizeImageMatch() {
        return PeerVectors.of("kustomize_image_match");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void kustomizeImageMatch(Case c) {
        String b = c.text("b");
        int equals = b.indexOf('=');
        String orig = equals < 0 ? null : b.substring(0, equals);
        String image = equals < 0 ? b : b.substring(equals + 1);
        ImageRef to = ImageRef.parse(image.replaceFirst("@.*$", "").replaceFirst(":[^/]*$", ""));
        ImageListEntry entry = ImageListEntry.parse(to.toString());
        ImageSpec spec = new ImageSpec("b", entry, null, null, null, false, null, null, null, null, null, orig, null);
        PeerVectors.check(c, answer("match", KustomizeImages.matches(c.text("a"), spec, to)));
    }
}
