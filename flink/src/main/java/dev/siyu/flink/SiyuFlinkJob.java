package dev.siyu.flink;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.Encoder;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * The Siyu pipeline on Flink: input lines ({@code {"customer": {...}, "events": [...]}}) are keyed by
 * customer id, then {@link CustomerFunction} keeps each customer in keyed state and evaluates it on
 * events and event-time timers.
 *
 * <pre>{@code
 * DataStream<NumberedLine> lines = SiyuFlinkJob.fileInput(env, Path.of("events.ndjson"));
 * SiyuFlinkJob.Outputs outputs = SiyuFlinkJob.wire(lines, settings, Duration.ofMinutes(10), parallelism);
 * outputs.decisions().sinkTo(...); outputs.refused().sinkTo(...); outputs.states().sinkTo(...);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class SiyuFlinkJob {
    private SiyuFlinkJob() {
    }

    /** What the pipeline emits. */
    public record Outputs(DataStream<Emitted> decisions, DataStream<Emitted> refused, DataStream<Emitted> states) { }

    /**
     * The lines of a local or distributed file (any Flink file system), numbered, read by one
     * reader: one file is one split, and a single reader keeps the line order.
     */
    public static DataStream<NumberedLine> fileInput(StreamExecutionEnvironment env, java.nio.file.Path file) {
        return fileInput(env, Path.fromLocalFile(file.toAbsolutePath().toFile()));
    }

    /** {@link #fileInput(StreamExecutionEnvironment, java.nio.file.Path)} for any Flink file system URI ({@code s3://…}). */
    public static DataStream<NumberedLine> fileInput(StreamExecutionEnvironment env, Path file) {
        FileSource<NumberedLine> source = FileSource.forRecordStreamFormat(new NumberedLineFormat(), file).build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "siyu-input " + file.getName())
                .setParallelism(1).uid("siyu-input");
    }

    /**
     * Keys the lines by customer and evaluates them.
     *
     * @param outOfOrderness how far behind the latest input time the watermark stays (the timers of
     *                       the morning sweeps fire when the watermark passes them)
     * @param parallelism    parallel instances of the evaluation (key groups are spread over them)
     */
    public static Outputs wire(DataStream<NumberedLine> lines, EvaluationSettings settings, Duration outOfOrderness,
                               int parallelism) {
        Objects.requireNonNull(settings, "settings");
        SingleOutputStreamOperator<InputLine> keyed = lines
                .process(new LineKeys(CustomerFunction.REFUSED), Types.POJO(InputLine.class))
                .name("siyu-keys").uid("siyu-keys").setParallelism(lines.getParallelism());
        DataStream<Emitted> unkeyable = keyed.getSideOutput(CustomerFunction.REFUSED);
        SingleOutputStreamOperator<Emitted> decisions = keyed
                .assignTimestampsAndWatermarks(WatermarkStrategy.<InputLine>forBoundedOutOfOrderness(outOfOrderness)
                        .withTimestampAssigner((line, previous) -> line.timestamp()))
                .name("siyu-watermarks").uid("siyu-watermarks").setParallelism(lines.getParallelism())
                .keyBy(InputLine::customerId, Types.STRING)
                .process(new CustomerFunction(settings), Types.POJO(Emitted.class))
                .name("siyu-customers").uid("siyu-customers").setParallelism(parallelism);
        DataStream<Emitted> refused = unkeyable.union(decisions.getSideOutput(CustomerFunction.REFUSED));
        return new Outputs(decisions, refused, decisions.getSideOutput(CustomerFunction.STATES));
    }

    /**
     * An exactly-once file sink (part files committed on checkpoints and at the end of a bounded
     * input) writing {@code key TAB order TAB json} lines, which {@link LocalRun} merges into one
     * sorted NDJSON file.
     */
    public static FileSink<Emitted> partSink(java.nio.file.Path dir) {
        return partSink(Path.fromLocalFile(dir.toAbsolutePath().toFile()));
    }

    /** {@link #partSink(java.nio.file.Path)} for any Flink file system URI ({@code s3://…}). */
    public static FileSink<Emitted> partSink(Path dir) {
        return FileSink.forRowFormat(dir, new PartEncoder())
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .build();
    }

    /** {@code key TAB order TAB json}: a JSON text holds no raw tab, a key with one is escaped. */
    static final class PartEncoder implements Encoder<Emitted> {
        private static final long serialVersionUID = 1L;

        @Override
        public void encode(Emitted element, OutputStream stream) throws IOException {
            String key = element.key().replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
            stream.write((key + '\t' + element.order() + '\t' + element.json() + '\n').getBytes(StandardCharsets.UTF_8));
        }
    }
}
