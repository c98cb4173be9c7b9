package io.imageupdater.writeback;

import java.util.Optional;

/**
 * Asked right before every write: whether this replica may still write. A replica that lost the leader Lease, or a
 * cycle past its deadline, must not.
 */
@FunctionalInterface
public interface WriteGuard {
    /** Always allows (a single replica without a deadline, and tests). */
    WriteGuard ALWAYS = Optional::empty;

    /** Why writing is no longer allowed; empty while it is. */
    Optional<String> refusal();
}
