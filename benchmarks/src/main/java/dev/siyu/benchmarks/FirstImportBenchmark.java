package dev.siyu.benchmarks;

import dev.siyu.BatchOptions;
import dev.siyu.EvaluationRequest;
import dev.siyu.SiyuEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The first import: each customer with its whole history at once, like the first day a shop
 * connects. 1,000 customers per operation (the score is customers per second) on all cores through
 * {@code evaluateAll}, and the lean baseline on the same inputs in the same run. {@code
 * eventsPerCustomer} shows how cost grows with history (it should be linear); {@code population}
 * which customers the 1,000 are taken from, in turn (a multiple of 1,000; the inputs are made before
 * measuring, so 100,000 customers of 100 events each need more heap than the fork's 6 GB).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
// 40 s of warm-up: on 2 cores the engine reaches its steady state only after some 20-40 s of JIT
// compilation (more under load); with 10 s, every measured iteration was still in the warm-up.
@Warmup(iterations = 8, time = 5)
@Measurement(iterations = 3, time = 5)
public class FirstImportBenchmark {
    static final int PER_OPERATION = 1_000;

    @Param({"1", "10", "100"})
    int eventsPerCustomer;

    @Param({"1000", "100000"})
    int population;

    SiyuEngine engine;
    LeanPlaybook lean;
    List<EvaluationRequest> all;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
        engine = SiyuEngine.builder().build();
        lean = new LeanPlaybook();
        // made before measuring: the inputs' own making is not the work measured
        all = Histories.firstImport(0, population, population, eventsPerCustomer);
    }

    private List<EvaluationRequest> nextInputs() {
        List<EvaluationRequest> inputs = all.subList(next, next + PER_OPERATION);
        next = (next + PER_OPERATION) % population;
        return inputs;
    }

    @Benchmark
    @OperationsPerInvocation(PER_OPERATION)
    public long rules() {
        long[] decided = {0};
        engine.evaluateAll(nextInputs().iterator(), Histories.END, outcome -> decided[0] += outcome.succeeded() ? 1 : 0,
                BatchOptions.DEFAULT);
        if (decided[0] != PER_OPERATION) {
            throw new IllegalStateException("refused: " + (PER_OPERATION - decided[0]));
        }
        return decided[0];
    }

    @Benchmark
    @OperationsPerInvocation(PER_OPERATION)
    public long leanBaseline() {
        AtomicLong decided = new AtomicLong();
        nextInputs().parallelStream().forEach(r -> {
            lean.firstImport(r.customer(), r.events(), Histories.END);
            decided.incrementAndGet();
        });
        return decided.get();
    }
}
