package dev.siyu;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * How {@link SiyuEngine#evaluateAll} runs: on which executor (default: a pool of one thread per
 * core, made for the call), how many customers share one rule session (default 100: measured as
 * the sweet spot), and how many batches may be in flight at once (default 4 per thread), which
 * bounds memory whatever the population.
 *
 * <p>Immutable and thread-safe.
 */
public record BatchOptions(Optional<ExecutorService> executor, int threads, int customersPerSession, int batchesInFlight) {
    public static final BatchOptions DEFAULT = new BatchOptions(Optional.empty(),
            Runtime.getRuntime().availableProcessors(), 100, 4 * Runtime.getRuntime().availableProcessors());

    public BatchOptions {
        Objects.requireNonNull(executor, "executor");
        if (threads < 1 || customersPerSession < 1 || batchesInFlight < 1) {
            throw new IllegalArgumentException("threads, customers per session and batches in flight must be at least 1, got "
                    + threads + ", " + customersPerSession + ", " + batchesInFlight);
        }
    }

    /** Runs on the caller's executor (it is not shut down). */
    public BatchOptions withExecutor(ExecutorService value, int parallelism) {
        return new BatchOptions(Optional.of(value), parallelism, customersPerSession, Math.max(batchesInFlight, parallelism));
    }

    public BatchOptions withCustomersPerSession(int value) {
        return new BatchOptions(executor, threads, value, batchesInFlight);
    }

    public BatchOptions withThreads(int value) {
        return new BatchOptions(executor, value, customersPerSession, 4 * value);
    }
}
