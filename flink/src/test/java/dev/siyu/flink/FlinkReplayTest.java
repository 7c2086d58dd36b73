package dev.siyu.flink;

import dev.siyu.EvaluationRequest;
import dev.siyu.SiyuEngine;
import dev.siyu.demo.Progress;
import dev.siyu.demo.Replay;
import dev.siyu.demo.ShopData;
import dev.siyu.demo.ShopGenerator;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.Customer;
import dev.siyu.pack.RulePack;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Flink job on a real local MiniCluster against the in-process day-by-day replay of the same
 * generated shops: same decisions, same final states, same tasks; and after an injected failure,
 * a restart from the last checkpoint with the fault-free result, nothing lost, nothing twice.
 */
class FlinkReplayTest {
    private static final ZoneId ZONE = EvaluationSettings.DEFAULT_ZONE;
    private static SiyuEngine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildEngine() {
        engine = SiyuEngine.builder().rules(RulePack.defaults()).build();
    }

    /** A generated shop written as the job's input; returns the shop. */
    private static List<EvaluationRequest> shop(Path file, long seed, int customers, int days) {
        List<EvaluationRequest> shop = new ShopGenerator(seed, customers, LocalDate.of(2026, 8, 1), days).generate();
        ShopData.write(shop, file);
        return shop;
    }

    private static LocalDate[] window(Path file) throws Exception {
        return SiyuFlinkCli.eventDays(file, ZONE).orElseThrow();
    }

    private LocalRun job(Path in, String name, LocalDate[] days, int parallelism, Duration checkpoints) {
        return new LocalRun(in, dir.resolve(name + ".ndjson"), dir.resolve(name + ".refused.ndjson"),
                dir.resolve(name + ".state.ndjson"), EvaluationSettings.defaults().withWindow(days[0], days[1]),
                Duration.ofMinutes(10), parallelism, checkpoints);
    }

    private List<String> lines(String file) throws Exception {
        return Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8);
    }

    @Test
    void aGeneratedPopulationOfOverHundredThousandEvents_givesTheReplaysDecisionsStatesAndTasks() throws Exception {
        Path in = dir.resolve("shop.ndjson");
        List<EvaluationRequest> shop = shop(in, 15, 34_500, 4);
        long events = shop.stream().mapToLong(r -> r.events().size()).sum();
        LocalDate[] days = window(in);

        InProcessReplay.Result replay = InProcessReplay.run(engine, shop, days[0], days[1], ZONE);
        LocalRun.Summary summary = job(in, "flink", days, 2, Duration.ofSeconds(5)).run();

        assertThat(events).isGreaterThanOrEqualTo(100_000);
        assertThat(summary.refused()).isZero();
        assertThat(lines("flink.state.ndjson")).hasSize(34_500).isEqualTo(replay.states());
        assertThat(lines("flink.ndjson")).hasSize(replay.decisions().size()).isEqualTo(replay.decisions());
        Map<String, String> netTasks = netTasks(lines("flink.ndjson"));
        assertThat(netTasks).isNotEmpty().isEqualTo(tasksOf(replay.states()));
    }

    @Test
    void theReferenceReplayIsTheSimulateCommandsReplay() throws Exception {
        Path in = dir.resolve("small.ndjson");
        List<EvaluationRequest> shop = shop(in, 3, 400, 30);
        LocalDate[] days = window(in);

        InProcessReplay.Result reference = InProcessReplay.run(engine, shop, days[0], days[1], ZONE);
        Replay.Result simulate = new Replay(engine, shop, days[0], days[1], ZONE).run(Progress.silent());

        List<String> simulateStates = simulate.customers().stream().map(SiyuJson::write).sorted().toList();
        assertThat(reference.states().stream().sorted().toList()).isEqualTo(simulateStates);
    }

    @Test
    void aJobFailedMidRun_restartsFromItsCheckpoint_andLosesNoTaskAndRepeatsNone() throws Exception {
        Path in = dir.resolve("shop.ndjson");
        shop(in, 7, 800, 20);
        LocalDate[] days = window(in);
        job(in, "clean", days, 2, Duration.ofMillis(200)).run();
        FailOnce.reset(1_000);

        LocalRun.Summary failed = job(in, "failed", days, 2, Duration.ofMillis(200))
                .withInputStep(lines -> lines.map(new CountLines()).name("count-lines").setParallelism(1))
                .withDecisionStep(decisions -> decisions.map(new FailOnce()).name("fail-once")
                        .setParallelism(decisions.getParallelism()))
                .run();

        assertThat(FailOnce.FAILED).as("the injected failure happened after a completed checkpoint").isTrue();
        assertThat(CountLines.SEEN.get()).as("lines read, counting those read again after the restart")
                .isLessThan(FailOnce.LINES_AT_FAILURE.get() + 800);
        assertThat(failed.refused()).isZero();
        assertThat(failed.lateEvents()).isZero();
        assertThat(lines("failed.state.ndjson")).hasSize(800).isEqualTo(lines("clean.state.ndjson"));
        List<String> decisions = lines("failed.ndjson");
        assertThat(decisions).isEqualTo(lines("clean.ndjson"));
        assertThat(new TreeSet<>(decisions)).hasSameSizeAs(decisions);
        assertThat(netTasks(decisions)).isNotEmpty().isEqualTo(netTasks(lines("clean.ndjson")));
    }

    /** Tasks still standing after every decision: key to kind and due time; a cancel removes one. */
    private static Map<String, String> netTasks(List<String> decisions) throws Exception {
        Map<String, String> tasks = new TreeMap<>();
        for (String line : decisions) {
            for (var action : SiyuJson.readTree(line).get("actions")) {
                String key = action.get("key") == null ? null : action.get("key").asText();
                switch (action.get("type").asText()) {
                    case "TASK" -> tasks.put(key, action.get("kind").asText() + " " + instant(action.get("dueAt").asText()));
                    case "CANCEL_TASK" -> tasks.remove(key);
                    default -> { }
                }
            }
        }
        return tasks;
    }

    /** The tasks a final state knows: pending ones and those that fell due. */
    private static Map<String, String> tasksOf(List<String> states) {
        Map<String, String> tasks = new TreeMap<>();
        for (String json : states) {
            Customer customer = SiyuJson.readCustomer(json);
            customer.memory().pendingTasks().forEach(t -> tasks.put(t.key(), t.kind() + " " + t.dueAt().toInstant()));
            customer.memory().sentTasks().forEach(t -> tasks.put(t.key(), t.kind() + " " + t.dueAt().toInstant()));
        }
        return tasks;
    }

    private static String instant(String time) {
        return java.time.OffsetDateTime.parse(time).toInstant().toString();
    }

    /** Counts the input lines read (again, after a restart). */
    static final class CountLines implements MapFunction<NumberedLine, NumberedLine> {
        private static final long serialVersionUID = 1L;
        static final AtomicLong SEEN = new AtomicLong();

        @Override
        public NumberedLine map(NumberedLine value) {
            SEEN.incrementAndGet();
            return value;
        }
    }

    /** Throws once, at the n-th decision after a checkpoint has completed. */
    static final class FailOnce implements MapFunction<Emitted, Emitted>, CheckpointListener {
        private static final long serialVersionUID = 1L;
        static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
        static final AtomicBoolean FAILED = new AtomicBoolean();
        static final AtomicLong DECISIONS = new AtomicLong();
        static final AtomicLong LINES_AT_FAILURE = new AtomicLong();
        static volatile long failAt;

        static void reset(long at) {
            CHECKPOINTED.set(false);
            FAILED.set(false);
            DECISIONS.set(0);
            CountLines.SEEN.set(0);
            failAt = at;
        }

        @Override
        public Emitted map(Emitted value) {
            if (DECISIONS.incrementAndGet() >= failAt && CHECKPOINTED.get() && FAILED.compareAndSet(false, true)) {
                LINES_AT_FAILURE.set(CountLines.SEEN.get());
                throw new IllegalStateException("injected failure at decision " + DECISIONS.get());
            }
            return value;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTED.set(true);
        }
    }
}
