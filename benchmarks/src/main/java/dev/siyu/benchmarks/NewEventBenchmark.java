package dev.siyu.benchmarks;

import dev.siyu.BatchOptions;
import dev.siyu.EvaluationRequest;
import dev.siyu.SiyuEngine;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;
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

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * One new event per customer: a population first imported with {@code eventsPerCustomer} events of
 * history each, then, operation after operation, the next 1,000 customers in turn get one new
 * message, evaluated at its time. Each evaluation starts from the imported state (the new state is
 * made, then dropped), so that the history stays {@code eventsPerCustomer} events deep however long
 * the run. The score is customers per second; the lean baseline keeps its own compact states (copied
 * before each evaluation, as the engine makes a new state) and is measured in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
// 40 s of warm-up: on 2 cores the engine reaches its steady state only after some 20-40 s of JIT
// compilation (more under load); with 10 s, every measured iteration was still in the warm-up.
@Warmup(iterations = 8, time = 5)
@Measurement(iterations = 3, time = 5)
public class NewEventBenchmark {
    static final int PER_OPERATION = 1_000;

    @Param({"1", "10", "100"})
    int eventsPerCustomer;

    @Param({"1000", "100000"})
    int population;

    SiyuEngine engine;
    LeanPlaybook lean;
    Customer[] states;
    LeanPlaybook.State[] leanStates;
    int next;
    long round;

    @Setup(Level.Trial)
    public void setUp() {
        engine = SiyuEngine.builder().build();
        lean = new LeanPlaybook();
        states = new Customer[population];
        leanStates = new LeanPlaybook.State[population];
        for (int from = 0; from < population; from += PER_OPERATION) {
            int count = Math.min(PER_OPERATION, population - from);
            List<EvaluationRequest> inputs = Histories.firstImport(from, count, population, eventsPerCustomer);
            int first = from;
            engine.evaluateAll(inputs.iterator(), Histories.END,
                    outcome -> states[first + (int) outcome.index()] = outcome.decision().orElseThrow().customer());
            IntStream.range(0, count).parallel().forEach(j -> leanStates[first + j] =
                    lean.firstImport(inputs.get(j).customer(), inputs.get(j).events(), Histories.END));
        }
    }

    /** The next customers' indexes and the time of their new event. */
    private int[] nextCustomers() {
        int[] which = new int[PER_OPERATION];
        for (int j = 0; j < PER_OPERATION; j++) {
            which[j] = (next + j) % population;
        }
        next = (next + PER_OPERATION) % population;
        return which;
    }

    private OffsetDateTime nextTime() {
        round++;
        return Histories.END.plusHours(1);
    }

    @Benchmark
    @OperationsPerInvocation(PER_OPERATION)
    public long rules() {
        int[] which = nextCustomers();
        OffsetDateTime now = nextTime();
        List<EvaluationRequest> inputs = new ArrayList<>(which.length);
        for (int i : which) {
            inputs.add(new EvaluationRequest(states[i],
                    List.of(Touchpoint.of(states[i].id() + "-n" + round, "MESSAGE_RECEIVED", now.minusMinutes(1)).on("WECOM"))));
        }
        long[] decided = {0};
        engine.evaluateAll(inputs.iterator(), now, outcome -> decided[0] += outcome.succeeded() ? 1 : 0, BatchOptions.DEFAULT);
        if (decided[0] != PER_OPERATION) {
            throw new IllegalStateException("refused: " + (PER_OPERATION - decided[0]));
        }
        return decided[0];
    }

    @Benchmark
    @OperationsPerInvocation(PER_OPERATION)
    public long leanBaseline() {
        int[] which = nextCustomers();
        OffsetDateTime now = nextTime();
        long r = round;
        return IntStream.of(which).parallel().mapToLong(i -> {
            LeanPlaybook.State s = leanStates[i].copy();
            lean.evaluate(s, List.of(Touchpoint.of(Histories.id(i) + "-n" + r, "MESSAGE_RECEIVED", now.minusMinutes(1)).on("WECOM")), now);
            return 1;
        }).sum();
    }
}
