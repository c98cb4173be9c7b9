package io.imageupdater.updater;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** What readiness needs to know: did the Kubernetes API answer, and has a first cycle finished. */
@ApplicationScoped
public class CycleStatus {
    private final AtomicBoolean apiReachable = new AtomicBoolean();
    private final AtomicReference<CycleResult> lastResult = new AtomicReference<>();

    public void apiReachable() {
        apiReachable.set(true);
    }

    public void cycleFinished(CycleResult result) {
        lastResult.set(result);
    }

    public boolean isApiReachable() {
        return apiReachable.get();
    }

    public boolean hasFinishedCycle() {
        return lastResult.get() != null;
    }

    public CycleResult lastResult() {
        return lastResult.get();
    }
}
