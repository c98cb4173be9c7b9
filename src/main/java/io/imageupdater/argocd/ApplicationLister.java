package io.imageupdater.argocd;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.imageupdater.ImageUpdaterException;
import io.imageupdater.TransportFailure;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Lists the Applications the updater manages: those in the watched namespaces that carry the
 * {@code image-list} annotation and pass the name and label filters. One list call per watched namespace
 * (one in all for {@code *}); the caller counts them with {@link #requestsFor}.
 */
@ApplicationScoped
public class ApplicationLister {
    /** Applications per list request (kubectl's chunk size). */
    public static final long PAGE_SIZE = 500;

    static final Path SERVICE_ACCOUNT_NAMESPACE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    private final KubernetesClient client;
    private volatile String ownNamespace;

    public ApplicationLister(KubernetesClient client) {
        this.client = client;
    }

    /** The namespace of the current kube context, or the pod's own namespace in a cluster. */
    public String defaultNamespace() {
        String namespace = client.getNamespace();
        return namespace == null || namespace.isBlank() ? "default" : namespace;
    }

    /**
     * The updater's own namespace: {@code POD_NAMESPACE} (set from the downward API), else the service account's
     * namespace file, else the kube context's namespace. Where Argo CD is looked for unless configured. None of
     * these changes while the updater runs, so it is resolved once (the first time it is asked for).
     */
    public String ownNamespace() {
        String namespace = ownNamespace;
        if (namespace == null) {
            namespace = ownNamespace(System.getenv(), SERVICE_ACCOUNT_NAMESPACE, client.getNamespace());
            ownNamespace = namespace;
        }
        return namespace;
    }

    static String ownNamespace(Map<String, String> env, Path serviceAccountFile, String contextNamespace) {
        String pod = env.get("POD_NAMESPACE");
        if (pod != null && !pod.isBlank()) {
            return pod.strip();
        }
        try {
            if (Files.isReadable(serviceAccountFile)) {
                String namespace = Files.readString(serviceAccountFile).strip();
                if (!namespace.isEmpty()) {
                    return namespace;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            Log.debugf("cannot read %s: %s", serviceAccountFile, e.getMessage());
        }
        return contextNamespace == null || contextNamespace.isBlank() ? "default" : contextNamespace;
    }

    /**
     * Checks that the API server answers and lets us list Applications where we will look for them.
     *
     * @throws ImageUpdaterException with one line saying what went wrong and where
     */
    public void checkAccess(ApplicationFilter filter) {
        String namespace =
                filter.allNamespaces() ? ApplicationFilter.ALL_NAMESPACES : new TreeSet<>(filter.namespaces()).first();
        ListOptions one = new ListOptionsBuilder().withLimit(1L).build();
        try {
            var resources = client.genericKubernetesResources(ArgoApplication.CONTEXT);
            (ApplicationFilter.ALL_NAMESPACES.equals(namespace)
                            ? resources.inAnyNamespace()
                            : resources.inNamespace(namespace))
                    .list(one);
        } catch (KubernetesClientException e) {
            throw new ImageUpdaterException("cannot list Argo CD Applications at " + client.getMasterUrl()
                    + " (namespace " + namespace + "): " + reason(e));
        }
    }

    private static String reason(KubernetesClientException e) {
        if (e.getCode() > 0) {
            String message = e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage()
                    : "";
            return "the API server answered " + e.getCode() + (message.isEmpty() ? "" : " " + message);
        }
        String what = TransportFailure.of(e).map(TransportFailure::words).orElseGet(() -> rootMessage(e));
        return "the API server cannot be reached: " + what + "; check the kube context or --kubeconfig";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** The number of API requests {@link #list} makes for a filter (per page of {@value #PAGE_SIZE} Applications). */
    public static int requestsFor(ApplicationFilter filter) {
        return filter.allNamespaces() ? 1 : filter.namespaces().size();
    }

    /**
     * The Applications handled from their annotations: {@link #listAll} per watched namespace, kept when
     * {@link #annotated}.
     *
     * @throws ImageUpdaterException naming the selector when it is invalid
     * @throws ApplicationListException naming the namespace when a list call fails
     */
    public List<ArgoApplication> list(ApplicationFilter filter) {
        LabelSelector selector = LabelSelector.parse(filter.labelSelector());
        List<String> namespaces = filter.allNamespaces()
                ? List.of(ApplicationFilter.ALL_NAMESPACES)
                : List.copyOf(new TreeSet<>(filter.namespaces()));
        return namespaces.stream()
                .flatMap(namespace -> listAll(namespace).stream())
                .filter(app -> annotated(app, filter, selector))
                .toList();
    }

    /**
     * Every Application in a namespace ({@code *}: in all), annotated or not, for the ImageUpdater resources to
     * select from. One list, in pages of {@value #PAGE_SIZE} ({@code limit}/{@code continue}), so a namespace with
     * thousands of Applications is neither one huge response nor a heavy read for the API server.
     *
     * @throws ApplicationListException naming the namespace when the call fails
     */
    public List<ArgoApplication> listAll(String namespace) {
        return listIn(namespace).stream().map(ArgoApplication::from).toList();
    }

    /**
     * The whole Application as the API server holds it now (one GET), or empty when it is gone; for the few
     * Applications whose full status matters (a write whose health is being watched).
     *
     * @throws ImageUpdaterException naming the Application when the call fails
     */
    public Optional<ArgoApplication> get(String namespace, String name) {
        try {
            GenericKubernetesResource resource = client.genericKubernetesResources(ArgoApplication.CONTEXT)
                    .inNamespace(namespace)
                    .withName(name)
                    .get();
            return Optional.ofNullable(resource).map(ArgoApplication::from);
        } catch (KubernetesClientException e) {
            throw new ImageUpdaterException(
                    "reading Argo CD Application " + namespace + "/" + name + " failed: " + e.getMessage(), e);
        }
    }

    /** Whether an Application is handled from its annotations under a filter (the 0.x rules). */
    public static boolean annotated(ArgoApplication application, ApplicationFilter filter, LabelSelector selector) {
        if (!application.annotations().containsKey(Annotations.IMAGE_LIST)) {
            Log.debugf("Application %s has no %s annotation, skipped", application.ref(), Annotations.IMAGE_LIST);
            return false;
        }
        if (!selector.matches(application.labels())) {
            Log.debugf(
                    "Application %s does not match the label selector %s, skipped", application.ref(), selector.text());
            return false;
        }
        if (!filter.matchesName(application.name())) {
            Log.debugf(
                    "Application %s does not match the name patterns %s, skipped",
                    application.ref(), filter.nameGlobs());
            return false;
        }
        return true;
    }

    private List<GenericKubernetesResource> listIn(String namespace) {
        List<GenericKubernetesResource> items = new ArrayList<>();
        String next = null;
        try {
            var resources = client.genericKubernetesResources(ArgoApplication.CONTEXT);
            do {
                ListOptions options = new ListOptionsBuilder()
                        .withLimit(PAGE_SIZE)
                        .withContinue(next)
                        .build();
                var page = ApplicationFilter.ALL_NAMESPACES.equals(namespace)
                        ? resources.inAnyNamespace().list(options)
                        : resources.inNamespace(namespace).list(options);
                items.addAll(page.getItems());
                next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
            } while (next != null && !next.isEmpty());
            return items;
        } catch (KubernetesClientException e) {
            throw new ApplicationListException(namespace, e);
        }
    }
}
