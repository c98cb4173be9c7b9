package io.imageupdater.updater;

import io.imageupdater.argocd.ApplicationLister;
import io.imageupdater.argocd.WriteBackMethod;
import io.imageupdater.writeback.WriteBack;
import io.imageupdater.writeback.WriteResult;
import io.imageupdater.writeback.git.GitChangeSet;
import io.imageupdater.writeback.git.GitWriteKey;
import io.imageupdater.writeback.git.GitWriter;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Step 4 of the cycle: writes the decisions back, grouped. {@code argocd} write-backs are one per Application;
 * {@code git} write-backs are grouped by repository, branch, credentials reference and namespace
 * ({@link GitWriteKey}) so that the Applications of one tenant writing to the same branch in one cycle share one
 * commit, and tenants never share a push. Groups run concurrently, bounded like Applications are.
 */
@ApplicationScoped
public class WriteBacks {
    private final WriteBack argocd;
    private final GitWriter git;
    private final UpdaterConfig config;
    private final ApplicationLister lister;

    public WriteBacks(WriteBack argocd, GitWriter git, UpdaterConfig config, ApplicationLister lister) {
        this.argocd = argocd;
        this.git = git;
        this.config = config;
        this.lister = lister;
    }

    /** What each decision's write did; decisions with nothing to write have no entry. Never throws. */
    Map<Decision, WriteResult> write(List<Decision> decisions, CycleOptions options) {
        Map<Decision, WriteResult> results = new IdentityHashMap<>();
        Map<GitWriteKey, List<Decision>> groups = new LinkedHashMap<>();
        List<Callable<Map<Decision, WriteResult>>> tasks = new ArrayList<>();
        for (Decision decision : decisions) {
            if (decision.changes().isEmpty()) {
                continue;
            }
            if (decision.plan().writeBack().method() != WriteBackMethod.GIT) {
                tasks.add(() -> Map.of(
                        decision, argocd.write(decision.plan().application(), decision.changes(), options.dryRun())));
                continue;
            }
            try {
                groups.computeIfAbsent(changeSet(decision).writeKey(), key -> new ArrayList<>())
                        .add(decision);
            } catch (RuntimeException e) {
                results.put(
                        decision,
                        WriteResult.failed(
                                "application " + decision.plan().ref() + ": git write-back: " + e.getMessage()));
            }
        }
        String argocdNamespace = argocdNamespace(options);
        groups.forEach((key, members) -> tasks.add(() -> writeGroup(key, members, argocdNamespace, options.dryRun())));
        runAll(tasks, options.maxConcurrentApps(), results);
        return results;
    }

    private Map<Decision, WriteResult> writeGroup(
            GitWriteKey key, List<Decision> members, String argocdNamespace, boolean dryRun) {
        Log.debugf("git write-back to %s for %d application(s)", key, members.size());
        List<WriteResult> written =
                git.write(key, members.stream().map(WriteBacks::changeSet).toList(), argocdNamespace, dryRun);
        Map<Decision, WriteResult> results = new IdentityHashMap<>();
        for (int i = 0; i < members.size(); i++) {
            results.put(members.get(i), written.get(i));
        }
        return results;
    }

    private static GitChangeSet changeSet(Decision decision) {
        return new GitChangeSet(decision.plan().application(), decision.plan().writeBack(), decision.changes());
    }

    /** {@code --argocd-namespace}, else the one watched namespace, else the client's namespace. */
    private String argocdNamespace(CycleOptions options) {
        return config.argocdNamespace().filter(ns -> !ns.isBlank()).orElseGet(() -> {
            var namespaces = options.filter().namespaces();
            return namespaces.size() == 1 && !options.filter().allNamespaces()
                    ? namespaces.iterator().next()
                    : lister.defaultNamespace();
        });
    }

    private static void runAll(
            List<Callable<Map<Decision, WriteResult>>> tasks, int concurrency, Map<Decision, WriteResult> results) {
        Semaphore permits = new Semaphore(concurrency);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Map<Decision, WriteResult>>> futures = tasks.stream()
                    .map(task -> executor.submit(() -> {
                        permits.acquire();
                        try {
                            return task.call();
                        } finally {
                            permits.release();
                        }
                    }))
                    .toList();
            for (Future<Map<Decision, WriteResult>> future : futures) {
                try {
                    results.putAll(future.get());
                } catch (ExecutionException e) {
                    Log.errorf(e.getCause(), "write-back failed unexpectedly");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
