package dev.siyu.flink;

import dev.siyu.EvaluationRequest;
import dev.siyu.error.SiyuException;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.Touchpoint;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RulePackException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code java -jar siyu-flink.jar --in events.ndjson --out decisions.ndjson}: the Flink job on a
 * local MiniCluster over an input file in the shape of {@code siyu simulate} (a line per customer:
 * {@code {"customer": {...}, "events": [...]}}), replayed from the first event's day to the last
 * one's like {@code siyu simulate}.
 *
 * <p>Not thread-safe: one run per instance.
 */
@Command(name = "siyu-flink", mixinStandardHelpOptions = true, version = "siyu-flink 0.1.0", description = {
        "Runs Siyu's rule pack as an Apache Flink job on a local MiniCluster: customers in keyed state, the morning",
        "sweep on event-time timers. Input: NDJSON of {\"customer\":…,\"events\":[…]} (the shape of siyu simulate).",
        "Output: the decisions that have actions, sorted by customer and time; refused inputs; final customer states."})
public final class SiyuFlinkCli implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "the input (NDJSON, one customer and its events a line)")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "where the decisions go (NDJSON)")
    Path out;

    @Option(names = "--rules", paramLabel = "DIR", description = "an integrator's rule directory, layered on the default playbook")
    Path rules;

    @Option(names = "--parallelism", defaultValue = "1", description = "parallel evaluation instances (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(names = "--refused", paramLabel = "FILE", description = "where refused inputs go (default: next to --out, .refused.ndjson)")
    Path refused;

    @Option(names = "--state", paramLabel = "FILE", description = "where the final customer states go (default: next to --out, .state.ndjson)")
    Path state;

    @Option(names = "--from", paramLabel = "DATE", description = "first day (default: the day of the first event)")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "last day (default: the day of the last event)")
    LocalDate to;

    @Option(names = "--zone", defaultValue = "Asia/Shanghai", description = "zone of days and of the sweep (default: ${DEFAULT-VALUE})")
    ZoneId zone;

    @Option(names = "--sweep-at", defaultValue = "08:30", paramLabel = "HH:MM", description = "local time of the morning sweep (default: ${DEFAULT-VALUE})")
    LocalTime sweepAt;

    @Option(names = "--schedule", defaultValue = "DAILY_SWEEP", description = "DAILY_SWEEP (every morning, as siyu simulate) or NEXT_EVALUATION (at each decision's nextEvaluationAt); default: ${DEFAULT-VALUE}")
    Schedule schedule;

    @Option(names = "--retention", defaultValue = "P400D", paramLabel = "DURATION", description = "how long processed event ids, marks and the order ledger are kept (default: ${DEFAULT-VALUE})")
    Duration retention;

    @Option(names = "--out-of-orderness", defaultValue = "PT10M", paramLabel = "DURATION", description = "watermark bound, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration outOfOrderness;

    @Option(names = "--checkpoint-interval", defaultValue = "PT10S", paramLabel = "DURATION", description = "checkpoint interval (default: ${DEFAULT-VALUE})")
    Duration checkpointInterval;

    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        }
        System.exit(new CommandLine(new SiyuFlinkCli()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (!Files.isRegularFile(in)) {
            err.println("no such file: " + in);
            return 1;
        }
        if (rules != null) {
            try {
                dev.siyu.SiyuEngine.builder().rules(RulePack.defaults()).rules(RulePack.directory(rules)).build();
            } catch (RulePackException e) {
                err.println(e.getMessage());
                return 1;
            }
        }
        Optional<LocalDate[]> days = eventDays(in, zone);
        if (days.isEmpty() && (from == null || to == null)) {
            err.println("no event in " + in + "; give --from and --to");
            return 1;
        }
        LocalDate first = from != null ? from : days.get()[0];
        LocalDate last = to != null ? to : days.get()[1];
        EvaluationSettings settings = EvaluationSettings.defaults().withZone(zone).withSweepAt(sweepAt)
                .withSchedule(schedule).withRetention(retention).withWindow(first, last);
        if (rules != null) {
            settings = settings.withRulesDir(rules.toAbsolutePath().toString());
        }
        Path refusedFile = refused != null ? refused : sibling(out, ".refused.ndjson");
        Path stateFile = state != null ? state : sibling(out, ".state.ndjson");
        LocalRun.Summary summary = new LocalRun(in, out, refusedFile, stateFile, settings, outOfOrderness, parallelism,
                checkpointInterval).run();
        stdout.printf("%,d decisions with actions to %s; %,d final states to %s; %,d refused to %s (days %s to %s, "
                        + "parallelism %d, %,d evaluations, %,d late events, job %.1f s)%n", summary.decisions(), out,
                summary.states(), stateFile, summary.refused(), refusedFile, first, last, parallelism,
                summary.evaluations(), summary.lateEvents(), summary.jobMillis() / 1000.0);
        stdout.flush();
        if (summary.refused() > 0) {
            err.println(summary.refused() + " inputs were refused; see " + refusedFile);
            err.flush();
            return 1;
        }
        return 0;
    }

    private static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        String base = name.endsWith(".ndjson") ? name.substring(0, name.length() - ".ndjson".length()) : name;
        return file.resolveSibling(base + suffix);
    }

    /** The days of the first and the last event (lines the job will refuse are skipped here). */
    static Optional<LocalDate[]> eventDays(Path file, ZoneId zone) throws IOException {
        LocalDate first = null;
        LocalDate last = null;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                EvaluationRequest request;
                try {
                    request = SiyuJson.readRequest(line);
                } catch (SiyuException e) {
                    continue;
                }
                for (Touchpoint event : request.events()) {
                    LocalDate day = event.at().atZoneSameInstant(zone).toLocalDate();
                    first = first == null || day.isBefore(first) ? day : first;
                    last = last == null || day.isAfter(last) ? day : last;
                }
            }
        }
        return first == null ? Optional.empty() : Optional.of(new LocalDate[] {first, last});
    }
}
