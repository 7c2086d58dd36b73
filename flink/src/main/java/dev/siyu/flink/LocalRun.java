package dev.siyu.flink;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Runs the pipeline on a local MiniCluster from an NDJSON file to NDJSON files: decisions (those
 * with actions), refused inputs and, for a bounded window, the final customer states. The job
 * writes exactly-once part files; when it has finished they are merged into one file each, sorted
 * by customer id (refusals by line) and then in each customer's own order, so the files do not
 * depend on the parallelism: same input, same bytes.
 *
 * <p>Not thread-safe: one run per instance.
 */
public final class LocalRun {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRun.class);

    private final Path input;
    private final Path decisions;
    private final Path refused;
    private final Path states;
    private final EvaluationSettings settings;
    private final java.time.Duration outOfOrderness;
    private final int parallelism;
    private final java.time.Duration checkpointInterval;
    private UnaryOperator<DataStream<NumberedLine>> inputStep = UnaryOperator.identity();
    private UnaryOperator<DataStream<Emitted>> decisionStep = UnaryOperator.identity();

    /**
     * @param states where the final states go; ignored when {@code settings} has no window
     */
    public LocalRun(Path input, Path decisions, Path refused, Path states, EvaluationSettings settings,
                    java.time.Duration outOfOrderness, int parallelism, java.time.Duration checkpointInterval) {
        this.input = Objects.requireNonNull(input, "input");
        this.decisions = Objects.requireNonNull(decisions, "decisions");
        this.refused = Objects.requireNonNull(refused, "refused");
        this.states = Objects.requireNonNull(states, "states");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.outOfOrderness = Objects.requireNonNull(outOfOrderness, "outOfOrderness");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        this.parallelism = parallelism;
        this.checkpointInterval = Objects.requireNonNull(checkpointInterval, "checkpointInterval");
    }

    /** A step between the input and the keying (tests put a failure there). */
    LocalRun withInputStep(UnaryOperator<DataStream<NumberedLine>> step) {
        this.inputStep = step;
        return this;
    }

    /** A step between the evaluation and the decisions' sink (tests put a failure there). */
    LocalRun withDecisionStep(UnaryOperator<DataStream<Emitted>> step) {
        this.decisionStep = step;
        return this;
    }

    /** What a run wrote, and how long the job took. */
    public record Summary(long decisions, long refused, long states, long jobMillis, long evaluations, long lateEvents) { }

    /** Runs the job to its end and writes the three files. */
    public Summary run() throws Exception {
        Path work = Files.createTempDirectory("siyu-flink-");
        try {
            Configuration conf = new Configuration();
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, java.time.Duration.ofMillis(200));
            // checkpoints on disk: the job manager's heap storage holds only a few megabytes of state
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, work.resolve("checkpoints").toUri().toString());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
            env.enableCheckpointing(checkpointInterval.toMillis());
            DataStream<NumberedLine> lines = inputStep.apply(SiyuFlinkJob.fileInput(env, input));
            SiyuFlinkJob.Outputs outputs = SiyuFlinkJob.wire(lines, settings, outOfOrderness, parallelism);
            decisionStep.apply(outputs.decisions()).sinkTo(sink(work.resolve("decisions"))).name("decisions").uid("siyu-decisions-sink");
            outputs.refused().sinkTo(sink(work.resolve("refused"))).name("refused").uid("siyu-refused-sink");
            outputs.states().sinkTo(sink(work.resolve("states"))).name("states").uid("siyu-states-sink");
            long started = System.nanoTime();
            JobExecutionResult result = env.execute("siyu " + input.getFileName());
            long millis = (System.nanoTime() - started) / 1_000_000;
            long d = merge(work.resolve("decisions"), decisions);
            long r = merge(work.resolve("refused"), refused);
            long s = settings.lastDay().isPresent() ? merge(work.resolve("states"), states) : 0;
            return new Summary(d, r, s, millis, count(result, CustomerFunction.EVALUATIONS),
                    count(result, CustomerFunction.LATE_EVENTS));
        } finally {
            delete(work);
        }
    }

    private static long count(JobExecutionResult result, String name) {
        Object value = result.getAllAccumulatorResults().get(name);
        return value instanceof Long n ? n : 0;
    }

    private static FileSink<Emitted> sink(Path dir) {
        return SiyuFlinkJob.partSink(dir);
    }

    /** One part line: key, order, JSON. */
    private record Part(String key, long order, String json) { }

    /** Merges the committed part files of {@code dir} into {@code out}, sorted; returns the line count. */
    static long merge(Path dir, Path out) throws IOException {
        List<Part> parts = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
            }
            for (Path file : files) {
                try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        int first = line.indexOf('\t');
                        int second = line.indexOf('\t', first + 1);
                        parts.add(new Part(line.substring(0, first), Long.parseLong(line.substring(first + 1, second)),
                                line.substring(second + 1)));
                    }
                }
            }
        }
        parts.sort(Comparator.comparing(Part::key).thenComparingLong(Part::order));
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (Part part : parts) {
                writer.write(part.json());
                writer.write('\n');
            }
        }
        return parts.size();
    }

    /**
     * Deletes the run's working directory. Flink may still be discarding an old checkpoint when the
     * job has returned, so a file can vanish during the walk: the walk is tried again, and a
     * directory that still cannot be deleted is left with a warning, never failing a run whose
     * output is already written.
     */
    static void delete(Path dir) {
        for (int attempt = 1; ; attempt++) {
            try {
                deleteOnce(dir);
                return;
            } catch (IOException | UncheckedIOException e) {
                if (attempt == 5) {
                    LOG.warn("could not delete the working directory {}: {}", dir, e.toString());
                    return;
                }
                try {
                    Thread.sleep(100L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void deleteOnce(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
