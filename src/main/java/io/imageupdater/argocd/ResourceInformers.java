package io.imageupdater.argocd;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * fabric8 informers for one kind of resource: one per watched namespace, or one for all namespaces ({@code *}). Each
 * lists once, in pages of {@value #PAGE_SIZE}, then watches; its store (given by the caller, so it can keep only the
 * fields that are read) answers every later read without a request. A failed list or watch is retried by the
 * informer (logged at WARN); until its first list has completed, an informer is not {@linkplain #synced() synced}.
 */
public final class ResourceInformers implements AutoCloseable {
    /**
     * Resources per page of an informer's list. Smaller than kubectl's 500: a page of real Applications (20 KB each)
     * is parsed whole before the store reduces it, so the page bounds the heap the initial list needs.
     */
    public static final long PAGE_SIZE = 100;

    private final KubernetesClient client;
    private final ResourceDefinitionContext context;
    private final Supplier<ItemStore<GenericKubernetesResource>> stores;
    private final String kind;
    private final Map<String, SharedIndexInformer<GenericKubernetesResource>> informers = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> syncs = new ConcurrentHashMap<>();

    /**
     * @param stores a new item store per informer, or {@code null} for fabric8's (which keeps whole resources)
     * @param kind   what is watched, in messages ({@code Applications})
     */
    public ResourceInformers(
            KubernetesClient client,
            ResourceDefinitionContext context,
            Supplier<ItemStore<GenericKubernetesResource>> stores,
            String kind) {
        this.client = client;
        this.context = context;
        this.stores = stores;
        this.kind = kind;
    }

    /** Starts an informer per namespace not watched yet ({@code *} for all namespaces); returns at once. */
    public synchronized void start(Collection<String> namespaces) {
        for (String namespace : new TreeSet<>(namespaces)) {
            if (informers.containsKey(namespace)) {
                continue;
            }
            var resources = client.genericKubernetesResources(context);
            var scoped = ApplicationFilter.ALL_NAMESPACES.equals(namespace)
                    ? resources.inAnyNamespace()
                    : resources.inNamespace(namespace);
            SharedIndexInformer<GenericKubernetesResource> informer =
                    scoped.withLimit(PAGE_SIZE).runnableInformer(0);
            if (stores != null) {
                informer.itemStore(stores.get());
            }
            informer.exceptionHandler((started, failure) -> {
                Log.warnf("watching %s in %s: %s; retrying", kind, where(namespace), failure.getMessage());
                return true;
            });
            informers.put(namespace, informer);
            syncs.put(namespace, informer.start().toCompletableFuture());
            Log.debugf("watching %s in %s", kind, where(namespace));
        }
    }

    private static String where(String namespace) {
        return ApplicationFilter.ALL_NAMESPACES.equals(namespace) ? "all namespaces" : "namespace " + namespace;
    }

    /** Whether an informer for the namespace ({@code *}: for all) was started. */
    public boolean watches(String namespace) {
        return informers.containsKey(namespace);
    }

    /** Whether every started informer has completed its first list. */
    public boolean synced() {
        return syncs.values().stream().allMatch(future -> future.isDone() && !future.isCompletedExceptionally());
    }

    /** Waits up to {@code timeout} for the namespace's informer to complete its first list; whether it did. */
    public boolean awaitSynced(String namespace, Duration timeout) {
        CompletableFuture<Void> sync = syncs.get(namespace);
        if (sync == null) {
            return false;
        }
        try {
            sync.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** What the namespace's synced informer holds now, or empty when it is not watched or not synced yet. */
    public Optional<List<GenericKubernetesResource>> items(String namespace) {
        SharedIndexInformer<GenericKubernetesResource> informer = informers.get(namespace);
        if (informer == null || !informer.hasSynced()) {
            return Optional.empty();
        }
        return Optional.of(informer.getStore().list());
    }

    /** One resource as the namespace's informer ({@code watchedAs}: {@code *} or the namespace) holds it. */
    public Optional<GenericKubernetesResource> item(String watchedAs, String namespace, String name) {
        SharedIndexInformer<GenericKubernetesResource> informer = informers.get(watchedAs);
        return informer == null
                ? Optional.empty()
                : Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name));
    }

    /** Stops every informer. */
    @Override
    public synchronized void close() {
        informers.values().forEach(SharedIndexInformer::stop);
        informers.clear();
        syncs.clear();
    }
}
