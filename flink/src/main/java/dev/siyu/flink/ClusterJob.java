package dev.siyu.flink;

import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Callable;

/**
 * The job for a Flink cluster ({@code flink run -c dev.siyu.flink.ClusterJob siyu-flink-job.jar ...}):
 * the same pipeline as the local run, in the environment {@code flink run} gives (parallelism,
 * checkpointing, state backend and restarts from the cluster's configuration), writing exactly-once
 * part files ({@code key TAB order TAB json} lines) under {@code --out-dir}. For Kafka in and out,
 * see docs/scale-out.md.
 *
 * <p>Not thread-safe: one run per instance.
 */
@Command(name = "siyu-flink-cluster", mixinStandardHelpOptions = true, description =
        "Submits the Siyu job to the Flink cluster of `flink run`: NDJSON input file in, part files out.")
public final class ClusterJob implements Callable<Integer> {

    @Option(names = "--in", required = true, paramLabel = "URI", description = "the input: a path or URI (s3://…, hdfs://…) every task manager can read")
    String in;

    @Option(names = "--out-dir", required = true, paramLabel = "URI", description = "where decisions/, refused/ and states/ go")
    String outDir;

    @Option(names = "--rules", paramLabel = "DIR", description = "a rule directory on every task manager, layered on the default playbook")
    String rules;

    @Option(names = "--schedule", defaultValue = "DAILY_SWEEP", description = "DAILY_SWEEP or NEXT_EVALUATION (default: ${DEFAULT-VALUE})")
    Schedule schedule;

    @Option(names = "--zone", defaultValue = "Asia/Shanghai", description = "zone of days and of the sweep (default: ${DEFAULT-VALUE})")
    ZoneId zone;

    @Option(names = "--from", paramLabel = "DATE", description = "first day of a bounded run (with --to)")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "last day of a bounded run: final states are written at its end")
    LocalDate to;

    @Option(names = "--retention", defaultValue = "P400D", paramLabel = "DURATION", description = "how long processed event ids, marks and the order ledger are kept (default: ${DEFAULT-VALUE})")
    Duration retention;

    @Option(names = "--out-of-orderness", defaultValue = "PT10M", paramLabel = "DURATION", description = "watermark bound (default: ${DEFAULT-VALUE})")
    Duration outOfOrderness;

    public static void main(String[] args) {
        int code = new CommandLine(new ClusterJob()).execute(args);
        if (code != 0) {
            throw new IllegalStateException("siyu-flink-cluster exited with " + code);
        }
    }

    @Override
    public Integer call() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        EvaluationSettings settings = EvaluationSettings.defaults().withZone(zone).withSchedule(schedule).withRetention(retention);
        if (rules != null) {
            settings = settings.withRulesDir(rules);
        }
        if (from != null && to != null) {
            settings = settings.withWindow(from, to);
        }
        DataStream<NumberedLine> lines = SiyuFlinkJob.fileInput(env, new Path(in));
        SiyuFlinkJob.Outputs outputs = SiyuFlinkJob.wire(lines, settings, outOfOrderness, env.getParallelism());
        outputs.decisions().sinkTo(SiyuFlinkJob.partSink(new Path(outDir, "decisions"))).uid("siyu-decisions-sink");
        outputs.refused().sinkTo(SiyuFlinkJob.partSink(new Path(outDir, "refused"))).uid("siyu-refused-sink");
        outputs.states().sinkTo(SiyuFlinkJob.partSink(new Path(outDir, "states"))).uid("siyu-states-sink");
        env.execute("siyu " + new Path(in).getName());
        return 0;
    }
}
