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
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Lists the Applications the updater manages: those in the watched namespaces that carry the
 * {@code image-list} annotation and pass the name and label filters. One list call per watched namespace
 * (one in all for {@code *}); the caller counts them with {@link #requestsFor}.
 */
@ApplicationScoped
public class ApplicationLister {
    private final KubernetesClient client;

    public ApplicationLister(KubernetesClient client) {
        this.client = client;
    }

    /** The namespace of the current kube context, or the pod's own namespace in a cluster. */
    public String defaultNamespace() {
        String namespace = client.getNamespace();
        return namespace == null || namespace.isBlank() ? "default" : namespace;
    }

    /**
     * Checks that the API server answers and lets us list Applications where we will look for them.
     *
     * @throws ImageUpdaterException with one line saying what went wrong and where
     */
    public void checkAccess(ApplicationFilter filter) {
        String namespace = filter.allNamespaces() ? ApplicationFilter.ALL_NAMESPACES : new TreeSet<>(filter.namespaces()).first();
        ListOptions one = new ListOptionsBuilder().withLimit(1L).build();
        try {
            var resources = client.genericKubernetesResources(ArgoApplication.CONTEXT);
            (ApplicationFilter.ALL_NAMESPACES.equals(namespace) ? resources.inAnyNamespace() : resources.inNamespace(namespace))
                    .list(one);
        } catch (KubernetesClientException e) {
            throw new ImageUpdaterException("cannot list Argo CD Applications at " + client.getMasterUrl() + " (namespace "
                    + namespace + "): " + reason(e));
        }
    }

    private static String reason(KubernetesClientException e) {
        if (e.getCode() > 0) {
            String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : "";
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

    /** The number of API requests {@link #list} makes for a filter. */
    public static int requestsFor(ApplicationFilter filter) {
        return filter.allNamespaces() ? 1 : filter.namespaces().size();
    }

    /**
     * @throws ImageUpdaterException naming the selector when it is invalid
     * @throws ApplicationListException naming the namespace when a list call fails
     */
    public List<ArgoApplication> list(ApplicationFilter filter) {
        LabelSelector selector = LabelSelector.parse(filter.labelSelector());
        ListOptions options = new ListOptionsBuilder().withLabelSelector(filter.labelSelector()).build();
        List<GenericKubernetesResource> found = new ArrayList<>();
        if (filter.allNamespaces()) {
            found.addAll(listIn(ApplicationFilter.ALL_NAMESPACES, options));
        } else {
            for (String namespace : new TreeSet<>(filter.namespaces())) {
                found.addAll(listIn(namespace, options));
            }
        }
        List<ArgoApplication> applications = new ArrayList<>();
        for (GenericKubernetesResource resource : found) {
            String name = resource.getMetadata().getName();
            var annotations = resource.getMetadata().getAnnotations();
            if (annotations == null || !annotations.containsKey(Annotations.IMAGE_LIST)) {
                Log.debugf("Application %s/%s has no %s annotation, skipped", resource.getMetadata().getNamespace(),
                        name, Annotations.IMAGE_LIST);
            } else if (!selector.matches(resource.getMetadata().getLabels())) {
                Log.debugf("Application %s/%s does not match the label selector %s, skipped",
                        resource.getMetadata().getNamespace(), name, selector.text());
            } else if (!filter.matchesName(name)) {
                Log.debugf("Application %s/%s does not match the name patterns %s, skipped",
                        resource.getMetadata().getNamespace(), name, filter.nameGlobs());
            } else {
                applications.add(ArgoApplication.from(resource));
            }
        }
        return applications;
    }

    /**
     * Every Application in a namespace ({@code *}: in all), annotated or not, for the ImageUpdater resources to
     * select from. One list call.
     *
     * @throws ApplicationListException naming the namespace when the call fails
     */
    public List<ArgoApplication> listAll(String namespace) {
        return listIn(namespace, new ListOptionsBuilder().build()).stream().map(ArgoApplication::from).toList();
    }

    /** Whether an Application is handled from its annotations under a filter (the 0.x rules). */
    public static boolean annotated(ArgoApplication application, ApplicationFilter filter, LabelSelector selector) {
        return application.annotations().containsKey(Annotations.IMAGE_LIST) && selector.matches(application.labels())
                && filter.matchesName(application.name());
    }

    private List<GenericKubernetesResource> listIn(String namespace, ListOptions options) {
        try {
            var resources = client.genericKubernetesResources(ArgoApplication.CONTEXT);
            var list = ApplicationFilter.ALL_NAMESPACES.equals(namespace)
                    ? resources.inAnyNamespace().list(options)
                    : resources.inNamespace(namespace).list(options);
            return list.getItems();
        } catch (KubernetesClientException e) {
            throw new ApplicationListException(namespace, e);
        }
    }
}
