package io.imageupdater.testing;

import java.util.concurrent.atomic.AtomicInteger;

/** Fresh namespace names, {@code prefix-1}, {@code prefix-2}, ..., so tests sharing one API server never meet. */
public final class Namespaces {
    private final String prefix;
    private final AtomicInteger counter = new AtomicInteger();

    public Namespaces(String prefix) {
        this.prefix = prefix;
    }

    public String next() {
        return prefix + "-" + counter.incrementAndGet();
    }
}
