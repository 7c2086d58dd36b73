package dev.siyu.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.siyu.error.InputException;
import dev.siyu.SiyuEngine;
import dev.siyu.error.SiyuException;
import dev.siyu.model.Touchpoint;
import dev.siyu.runtime.EventFile;
import dev.siyu.runtime.Ingested;
import dev.siyu.runtime.NdjsonOutbox;
import dev.siyu.runtime.OutboxStatus;
import dev.siyu.runtime.ScriptOutcome;
import dev.siyu.runtime.SiyuRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code siyu run}: the runtime on a database, fed from an event file, delivering to an NDJSON outbox. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Runs the runtime: stores customers and events durably, delivers each task and alert at its due "
                + "time as one NDJSON line of --outbox. Killed at any moment and run again with the same arguments, "
                + "it resumes: every task is in the outbox exactly once.")
final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--db", paramLabel = "URL",
            description = "JDBC URL of the database (PostgreSQL or H2; default: an H2 file beside the outbox, OUTBOX.state)")
    String db;

    @Option(names = "--events", required = true, paramLabel = "FILE",
            description = "NDJSON of {\"customer\":…,\"events\":[…]} per line (the shape of simulate's input)")
    Path events;

    @Option(names = "--until", required = true, paramLabel = "TIME", description = "run until this time (ISO-8601 with offset)")
    OffsetDateTime until;

    @Option(names = "--clock", defaultValue = "virtual", paramLabel = "virtual|system",
            description = "virtual (default): a clock that jumps from one due time to the next; system: real time")
    String clock;

    @Option(names = "--outbox", required = true, paramLabel = "FILE", description = "delivered tasks and alerts, one NDJSON line each")
    Path outbox;

    @CommandLine.Mixin
    RulesOption rules;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!clock.equals("virtual") && !clock.equals("system")) {
            err.println("--clock must be virtual or system, got " + clock);
            return 2;
        }
        EventFile file;
        try {
            file = EventFile.read(events);
        } catch (SiyuException | java.io.UncheckedIOException e) {
            err.println(e.getMessage());
            return 1;
        }
        Optional<SiyuEngine> engine = rules.engine(spec);
        if (engine.isEmpty()) {
            return 1;
        }
        String url = db != null ? db : "jdbc:h2:file:" + outbox.toAbsolutePath() + ".state;WRITE_DELAY=0";
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(6);
        config.setPoolName("siyu-run");
        try (HikariDataSource dataSource = new HikariDataSource(config);
             NdjsonOutbox sink = NdjsonOutbox.open(outbox)) {
            SiyuRuntime.Builder builder = SiyuRuntime.builder(dataSource).engine(engine.get())
                    .taskSender(sink).alertSink(sink).exclusive(true);
            if (clock.equals("virtual")) {
                builder.manualClock(file.start().orElse(until.toInstant()));
            } else {
                builder.clock(Clock.systemUTC()).heartbeatInterval(Duration.ofSeconds(5));
            }
            long before = sink.lines();
            try (SiyuRuntime runtime = builder.build().start()) {
                out.println("ready: " + file.timeline().size() + " events, outbox " + outbox + " has " + before + " lines");
                out.flush();
                EventFile.Summary summary = clock.equals("virtual")
                        ? file.replay(runtime, until.toInstant())
                        : realTime(runtime, file, until.toInstant());
                out.println(String.format(Locale.ROOT, "%d events stored, %d already stored, %d rejected, %d after --until;"
                                + " %d lines written to %s (%d in all); %d pending, %d failed",
                        summary.stored(), summary.duplicates(), summary.rejected(), summary.afterUntil(),
                        sink.lines() - before, outbox, sink.lines(), runtime.backlog(),
                        runtime.outbox(OutboxStatus.FAILED).size()));
                printScripts(out, runtime.scriptOutcomes());
                out.flush();
                return summary.rejected() == 0 ? 0 : 1;
            }
        } catch (SiyuException e) {
            err.println(e.getMessage());
            err.flush();
            return 1;
        }
    }

    /** The script report: what became of each script's tasks (docs/runtime.md, Reports). */
    private static void printScripts(PrintWriter out, List<ScriptOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        out.println("per script: delivered, reported sent, failed, done, converted (an order within 7 days)");
        for (ScriptOutcome o : outcomes) {
            out.println(String.format(Locale.ROOT, "  %-34s %6d %6d %6d %6d %6d%s", o.script(), o.delivered(), o.sent(),
                    o.failed(), o.done(), o.converted(), o.failures().isEmpty() ? "" : "  failed: " + o.failures()));
        }
    }

    /** Ingests each event when the real clock reaches its time, then runs until {@code until}. */
    private static EventFile.Summary realTime(SiyuRuntime runtime, EventFile file, Instant until) {
        long stored = 0;
        long duplicates = 0;
        long rejected = 0;
        long afterUntil = 0;
        for (EventFile.Entry entry : file.timeline()) {
            Touchpoint event = entry.event();
            if (event.at().toInstant().isAfter(until)) {
                afterUntil++;
                continue;
            }
            sleepUntil(event.at().toInstant());
            runtime.addCustomer(entry.customer());
            try {
                if (runtime.ingest(entry.customer().id(), event) == Ingested.STORED) {
                    stored++;
                } else {
                    duplicates++;
                }
            } catch (InputException e) {
                rejected++;
            }
        }
        sleepUntil(until);
        return new EventFile.Summary(stored, duplicates, rejected, afterUntil);
    }

    private static void sleepUntil(Instant time) {
        long millis = Duration.between(Instant.now(), time).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SiyuException("interrupted", e);
            }
        }
    }
}
