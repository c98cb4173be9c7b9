package io.imageupdater.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the benchmark sorts the requests it counts. */
class RequestKindTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "tag list,                 /v2/bench/service-1/tags/list,                 tagLists",
        "manifest by tag,          /v2/bench/service-1/manifests/1.0.0,           manifests",
        "manifest by digest,       /v2/bench/service-1/manifests/sha256:abc,      manifests",
        "config blob,              /v2/bench/service-1/blobs/sha256:abc,          blobs",
        "ping,                     /v2/,                                          other",
        "repository named tags,    /v2/tags/manifests/1.0,                        manifests",
    })
    void registryRequests(String row, String path, String kind) {
        assertEquals(kind, LatencyProxy.kind(path), row);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "list in a namespace,      GET,   /apis/argoproj.io/v1alpha1/namespaces/apps-0/applications,              lists",
        "list with a selector,     GET,   /apis/argoproj.io/v1alpha1/namespaces/apps-0/applications?labelSelector=a, lists",
        "list in all namespaces,   GET,   /apis/argoproj.io/v1alpha1/applications,                                lists",
        "a page of a list,         GET,   /apis/argoproj.io/v1alpha1/namespaces/apps-0/applications?limit=100,    lists",
        "an informer's watch,      GET,   /apis/argoproj.io/v1alpha1/namespaces/apps-0/applications?resourceVersion=5&watch=true, watches",
        "an ImageUpdater watch,    GET,   /apis/argocd-image-updater.argoproj.io/v1alpha1/namespaces/a/imageupdaters?watch=true, watches",
        "access check,             GET,   /apis/argoproj.io/v1alpha1/namespaces/apps-0/applications?limit=1,      accessChecks",
        "read one,                 GET,   /apis/argoproj.io/v1alpha1/namespaces/apps-0/applications/app-1,        gets",
        "update,                   PUT,   /apis/argoproj.io/v1alpha1/namespaces/apps-0/applications/app-1,        updates",
        "patch,                    PATCH, /apis/argoproj.io/v1alpha1/namespaces/apps-0/applications/app-1,        patches",
        "event,                    POST,  /api/v1/namespaces/apps-0/events,                                       events",
        "ImageUpdater list,        GET,   /apis/argocd-image-updater.argoproj.io/v1alpha1/namespaces/apps-0/imageupdaters, imageUpdaterLists",
        "anything else,            GET,   /version,                                                               other",
    })
    void kubernetesRequests(String row, String method, String path, String kind) {
        assertEquals(kind, CountingDispatcher.kind(method, path), row);
    }
}
