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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Step 4 of the cycle: writes the decisions back, grouped. {@code argocd} write-backs are one per Application (an
 * Application that changed since the decision is decided again); {@code git} write-backs are grouped by repository,
 * branch, credentials reference and namespace ({@link GitWriteKey}) so that the Applications of one tenant writing to
 * the same branch in one cycle share one commit, and tenants never share a push. Groups run concurrently, bounded
 * like Applications are. No write starts once the cycle is abandoned (deadline passed, or the leader Lease lost),
 * and every writer asks the guard again right before it writes.
 */
@ApplicationScoped
public class WriteBacks {
    private final WriteBack argocd;
    private final GitWriter git;
    private final UpdaterConfig config;
    private final ApplicationLister lister;
    private final ApplicationUpdater updater;

    public WriteBacks(
            WriteBack argocd,
            GitWriter git,
            UpdaterConfig config,
            ApplicationLister lister,
            ApplicationUpdater updater) {
        this.argocd = argocd;
        this.git = git;
        this.config = config;
        this.lister = lister;
        this.updater = updater;
    }

    /** The items, in the same order, each with what its write did (none when nothing was to be written). */
    List<PlannedApplication> write(List<PlannedApplication> items, CycleOptions options, CycleGuard guard) {
        Map<Integer, WriteResult> results = new HashMap<>();
        Map<GitWriteKey, List<Integer>> groups = new LinkedHashMap<>();
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            PlannedApplication item = items.get(i);
            if (!item.hasChanges()) {
                continue;
            }
            int index = i;
            if (item.plan().writeBack().method() != WriteBackMethod.GIT) {
                tasks.add(new Task(List.of(index), () -> Map.of(index, writeArgocd(item, options.dryRun(), guard))));
                continue;
            }
            try {
                groups.computeIfAbsent(changeSet(item).writeKey(), key -> new ArrayList<>())
                        .add(index);
            } catch (RuntimeException e) {
                results.put(
                        index, WriteResult.failed("application " + item.ref() + ": git write-back: " + e.getMessage()));
            }
        }
        String argocdNamespace = argocdNamespace();
        groups.forEach((key, members) -> tasks.add(
                new Task(members, () -> writeGroup(key, members, items, argocdNamespace, options.dryRun(), guard))));
        runAll(tasks, options.maxConcurrentApps(), guard, results);
        List<PlannedApplication> written = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            written.add(items.get(i).written(results.get(i)));
        }
        return written;
    }

    private WriteResult writeArgocd(PlannedApplication item, boolean dryRun, CycleGuard guard) {
        return argocd.write(
                item.plan().application(),
                item.decision().changes(),
                dryRun,
                guard,
                fresh -> updater.decideAgain(
                        item.plan(),
                        fresh,
                        item.owner() == null,
                        SafetyContext.of(fresh, item.owner(), safetyTime(item))));
    }

    private static Instant safetyTime(PlannedApplication item) {
        SafetyContext safety = item.decision().safety();
        return safety == null ? Instant.now() : safety.now();
    }

    private Map<Integer, WriteResult> writeGroup(
            GitWriteKey key,
            List<Integer> members,
            List<PlannedApplication> items,
            String argocdNamespace,
            boolean dryRun,
            CycleGuard guard) {
        Log.debugf("git write-back to %s for %d application(s)", key, members.size());
        List<WriteResult> written = git.write(
                key, members.stream().map(i -> changeSet(items.get(i))).toList(), argocdNamespace, dryRun, guard);
        Map<Integer, WriteResult> results = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            results.put(members.get(i), written.get(i));
        }
        return results;
    }

    private static GitChangeSet changeSet(PlannedApplication item) {
        return new GitChangeSet(
                item.plan().application(),
                item.plan().writeBack(),
                item.decision().changes());
    }

    /** {@code --argocd-namespace}, else the updater's own namespace (pod namespace, else the kube context's). */
    private String argocdNamespace() {
        return config.argocdNamespace().filter(ns -> !ns.isBlank()).orElseGet(lister::ownNamespace);
    }

    /** A write for some items (by index): one Application, or one Git group. */
    private record Task(List<Integer> members, Callable<Map<Integer, WriteResult>> write) {}

    /**
     * Runs the tasks, bounded; a task that has not started when the cycle is abandoned writes nothing, and one still
     * running then is reported abandoned (it is interrupted and never waited for).
     */
    private static void runAll(List<Task> tasks, int concurrency, CycleGuard guard, Map<Integer, WriteResult> results) {
        Semaphore permits = new Semaphore(concurrency);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<Map<Integer, WriteResult>>> futures = tasks.stream()
                    .map(task -> executor.submit(() -> {
                        permits.acquire();
                        try {
                            var stop = guard.stopped();
                            return stop.isPresent()
                                    ? refused(task, stop.get())
                                    : task.write().call();
                        } finally {
                            permits.release();
                        }
                    }))
                    .toList();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.putAll(guard.await(futures.get(i)));
                } catch (CycleGuard.Abandoned e) {
                    results.putAll(refused(tasks.get(i), e.getMessage()));
                } catch (ExecutionException e) {
                    Log.errorf(e.getCause(), "write-back failed unexpectedly");
                    tasks.get(i)
                            .members()
                            .forEach(member -> results.put(
                                    member, WriteResult.failed("write-back failed unexpectedly: " + e.getCause())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    results.putAll(refused(tasks.get(i), "abandoned: interrupted"));
                }
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private static Map<Integer, WriteResult> refused(Task task, String reason) {
        Map<Integer, WriteResult> refused = new HashMap<>();
        task.members().forEach(member -> refused.put(member, WriteResult.refused(reason)));
        return refused;
    }
}
