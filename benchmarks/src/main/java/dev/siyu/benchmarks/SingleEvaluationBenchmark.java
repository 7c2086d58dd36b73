package dev.siyu.benchmarks;

import dev.siyu.Decision;
import dev.siyu.SiyuEngine;
import dev.siyu.model.Customer;
import dev.siyu.model.Engagement;
import dev.siyu.model.Tier;
import dev.siyu.model.Touchpoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * (a) Latency of one evaluation for typical customers, and (d) its allocation with {@code -prof gc}:
 * a new friend added a minute ago, a quoted customer's price inquiry, a repeat buyer's daily sweep,
 * a VIP's daily sweep. Sample time gives the percentiles (p99).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class SingleEvaluationBenchmark {

    @Param({"NEW_FRIEND", "QUOTED", "REPEAT_BUYER", "VIP"})
    String customer;

    SiyuEngine engine;
    Customer state;
    List<Touchpoint> events;
    OffsetDateTime now;

    @Setup(Level.Trial)
    public void setUp() {
        engine = SiyuEngine.builder().build();
        List<Customer> states = Customers.states(engine, 5_000);
        OffsetDateTime t = Customers.SWEEP;
        switch (customer) {
            case "NEW_FRIEND" -> {
                state = Customer.builder("c-new").source("PACKAGE_CARD").owner("sales-01").build();
                events = List.of(Touchpoint.of("e1", "FRIEND_ADDED", t.minusMinutes(1)));
                now = t;
            }
            case "QUOTED" -> {
                state = Customers.first(states, c -> c.engagement() == Engagement.CONVERSING).orElseThrow();
                events = List.of(Touchpoint.of("e-bench", "PRICE_INQUIRY", t.minusMinutes(1)));
                now = t;
            }
            case "REPEAT_BUYER" -> {
                state = Customers.first(states, c -> c.engagement() == Engagement.REPEAT && c.tier() == Tier.REGULAR).orElseThrow();
                events = List.of();
                now = t;
            }
            default -> {
                state = Customers.first(states, c -> c.tier() == Tier.VIP).orElseThrow();
                events = List.of();
                now = t;
            }
        }
    }

    @Benchmark
    public Decision evaluate() {
        return engine.evaluate(state, events, now);
    }
}
