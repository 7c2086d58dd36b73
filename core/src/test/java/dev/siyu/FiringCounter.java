package dev.siyu;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts, by customer, the firings of a test rule that calls {@link #count} (a trusted test pack). */
public final class FiringCounter {
    private static final ConcurrentHashMap<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

    private FiringCounter() {
    }

    public static void count(String customerId) {
        COUNTS.computeIfAbsent(customerId, id -> new AtomicInteger()).incrementAndGet();
    }

    static int of(String customerId) {
        AtomicInteger count = COUNTS.get(customerId);
        return count == null ? 0 : count.get();
    }

    static void reset() {
        COUNTS.clear();
    }
}
