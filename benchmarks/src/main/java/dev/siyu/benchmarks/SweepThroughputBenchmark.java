package dev.siyu.benchmarks;

import dev.siyu.BatchOptions;
import dev.siyu.SiyuEngine;
import dev.siyu.model.Customer;
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

/**
 * (b) The daily sweep: 1,000,000 customers evaluated with the full default pack through the batch
 * API on all cores, and (e) the plain-Java baseline on the same inputs. The score is customers per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 3)
@Measurement(iterations = 3)
public class SweepThroughputBenchmark {
    static final int CUSTOMERS = 1_000_000;

    @Param({"100"})
    int customersPerSession;

    SiyuEngine engine;
    PlainJavaPlaybook baseline;
    List<Customer> states;
    LeanPlaybook lean;
    LeanPlaybook.State[] leanStates;

    @Setup(Level.Trial)
    public void setUp() {
        engine = SiyuEngine.builder().build();
        baseline = new PlainJavaPlaybook(engine);
        states = Customers.states(engine, 10_000);
        lean = new LeanPlaybook();
        leanStates = Customers.leanStates(lean, 10_000);
    }

    @Benchmark
    @OperationsPerInvocation(CUSTOMERS)
    public long sweepAMillionCustomers() {
        long[] decided = {0};
        engine.evaluateAll(Customers.sweep(states, CUSTOMERS), Customers.SWEEP, outcome -> decided[0]++,
                BatchOptions.DEFAULT.withCustomersPerSession(customersPerSession));
        return decided[0];
    }

    /**
     * (e) The same sweep decided by the hand-written plain-Java baseline (same state, contact policy,
     * scripts and net change; no Drools), on the same two threads: the ceiling the rules are measured against.
     */
    @Benchmark
    @OperationsPerInvocation(CUSTOMERS)
    public long plainJavaBaseline() {
        java.util.Iterator<dev.siyu.EvaluationRequest> inputs = Customers.sweep(states, CUSTOMERS);
        java.util.concurrent.atomic.AtomicLong decided = new java.util.concurrent.atomic.AtomicLong();
        List<dev.siyu.EvaluationRequest> chunk = new java.util.ArrayList<>(10_000);
        while (inputs.hasNext()) {
            chunk.clear();
            while (inputs.hasNext() && chunk.size() < 10_000) {
                chunk.add(inputs.next());
            }
            chunk.parallelStream().forEach(r -> {
                baseline.evaluate(r.customer(), r.events(), Customers.SWEEP);
                decided.incrementAndGet();
            });
        }
        return decided.get();
    }

    /**
     * The same sweep by the lean baseline ({@link LeanPlaybook}: its own compact state, no engine class,
     * no tasks), on all cores: each customer's state copied, then swept at the same time.
     */
    @Benchmark
    @OperationsPerInvocation(CUSTOMERS)
    public long leanBaseline() {
        return java.util.stream.IntStream.range(0, CUSTOMERS).parallel().mapToLong(i -> {
            LeanPlaybook.State s = leanStates[i % leanStates.length].copy();
            lean.evaluate(s, List.of(), Customers.SWEEP);
            return 1 + s.stage + s.tier + s.spendBand + s.alerts.size(); // what was decided, so that it is computed
        }).sum();
    }
}
