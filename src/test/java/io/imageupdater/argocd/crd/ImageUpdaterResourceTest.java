package io.imageupdater.argocd.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageUpdaterResourceTest {

    static Stream<Arguments> malformedStatusIsTakenAsNone() {
        return Stream.of(
                Arguments.of(Named.of("status is a string", "broken")),
                Arguments.of(Named.of("status is a list", List.of(1, 2))),
                Arguments.of(Named.of("recentUpdates is a string", Map.of("recentUpdates", "x"))),
                Arguments.of(Named.of("conditions is a map", Map.of("conditions", Map.of("type", "Ready")))),
                Arguments.of(Named.of("applicationsMatched is text", Map.of("applicationsMatched", "many"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void malformedStatusIsTakenAsNone(Object status) {
        GenericKubernetesResource resource = new GenericKubernetesResourceBuilder()
                .withApiVersion(ImageUpdaterResource.API_VERSION)
                .withKind(ImageUpdaterResource.KIND)
                .withNewMetadata()
                .withNamespace("team-a")
                .withName("web")
                .endMetadata()
                .build();
        Map<String, Object> properties = new HashMap<>();
        properties.put("spec", Map.of("applicationRefs", List.of(Map.of("namePattern", "shop-*"))));
        properties.put("status", status);
        resource.setAdditionalProperties(properties);

        ImageUpdaterResource read = ImageUpdaterResource.from(resource);

        assertEquals("team-a/web", read.ref());
        assertEquals("shop-*", read.spec().applicationRefs().get(0).namePattern());
        assertNull(read.status());
    }
}
