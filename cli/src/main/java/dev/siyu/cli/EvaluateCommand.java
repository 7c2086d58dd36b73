package dev.siyu.cli;

import dev.siyu.BatchOptions;
import dev.siyu.BatchOutcome;
import dev.siyu.EvaluationRequest;
import dev.siyu.InputException;
import dev.siyu.demo.Progress;
import dev.siyu.SiyuEngine;
import dev.siyu.json.SiyuJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code siyu evaluate}: one decision per NDJSON input line; bad lines reported and skipped. */
@Command(name = "evaluate", description = {
        "Evaluates customers: each input line is {\"customer\": {...}, \"events\": [...]},",
        "each output line a decision. Bad lines are reported on stderr with their line number and",
        "skipped; the exit code is 1 when any line failed."})
final class EvaluateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "NDJSON input ('-' for standard input)")
    Path in;

    @CommandLine.Mixin
    RulesOption rules;

    @Option(names = "--now", paramLabel = "TIME", description = "the evaluation time, e.g. 2026-03-02T12:00:00+08:00 (default: the current time)")
    OffsetDateTime now;

    @Option(names = "--out", paramLabel = "FILE", description = "NDJSON output (default: standard output)")
    Path out;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "100",
            description = "customers per rule session (default ${DEFAULT-VALUE}); the output does not depend on it")
    int batchSize;

    @Option(names = "--explain", description = "write an explanation per line instead: the decision, each action's rule "
            + "and the facts it matched, and what every rule did")
    boolean explain;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Optional<SiyuEngine> built = rules.engine(spec);
        if (built.isEmpty()) {
            return 1;
        }
        SiyuEngine engine = built.get();
        OffsetDateTime evaluationTime = now != null ? now : OffsetDateTime.now(Clock.systemDefaultZone());
        Progress progress = in.toString().equals("-") ? Progress.silent() : Progress.onTerminal("evaluating", countLines());
        long[] counts = new long[3]; // evaluated, failed, done
        // Line numbers of the lines read, in order, with the message of those that did not parse: outcomes
        // come back in input order, so each takes the next parsed line number, reporting bad lines on the way.
        ArrayDeque<Object[]> lines = new ArrayDeque<>();
        if (batchSize < 1) {
            err.println("--batch-size must be at least 1, got " + batchSize);
            return 2;
        }
        try (Utf8Lines reader = reader(); Writer writer = writer()) {
            Iterator<EvaluationRequest> requests = new Iterator<>() {
                private EvaluationRequest next;

                @Override
                public boolean hasNext() {
                    try {
                        while (next == null) {
                            Utf8Lines.Line line = reader.next();
                            if (line == null) {
                                break;
                            }
                            int lineNumber = line.number();
                            if (!line.ok()) {
                                lines.add(new Object[] {lineNumber, line.problem()});
                                continue;
                            }
                            if (line.text().isBlank()) {
                                continue;
                            }
                            try {
                                next = SiyuJson.readRequest(line.text());
                                lines.add(new Object[] {lineNumber, null});
                            } catch (InputException e) {
                                lines.add(new Object[] {lineNumber, e.getMessage()});
                            }
                        }
                        return next != null;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public EvaluationRequest next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    EvaluationRequest request = next;
                    next = null;
                    return request;
                }
            };
            Consumer<BatchOutcome> sink = outcome -> {
                int lineNumber = nextParsedLine(lines, err, counts);
                try {
                    if (outcome.succeeded()) {
                        writer.write(explain
                                ? SiyuJson.write(engine.explain(outcome.request().customer(), outcome.request().events(),
                                        evaluationTime))
                                : SiyuJson.write(outcome.decision().orElseThrow()));
                        writer.write('\n');
                        counts[0]++;
                    } else {
                        counts[1]++;
                        err.println("line " + lineNumber + ": " + outcome.error().orElseThrow().getMessage());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                progress.update((int) Math.min(Integer.MAX_VALUE, ++counts[2]));
            };
            engine.evaluateAll(requests, evaluationTime, sink, BatchOptions.DEFAULT.withCustomersPerSession(batchSize));
            while (!lines.isEmpty()) {
                nextParsedLine(lines, err, counts);
            }
        }
        err.println("evaluated " + counts[0] + " customers, " + counts[1] + " lines failed");
        err.flush();
        return counts[1] == 0 ? 0 : 1;
    }

    /** Reports the bad lines at the head of the queue and takes the next parsed line's number. */
    private static int nextParsedLine(ArrayDeque<Object[]> lines, PrintWriter err, long[] counts) {
        while (!lines.isEmpty()) {
            Object[] line = lines.poll();
            if (line[1] == null) {
                return (Integer) line[0];
            }
            counts[1]++;
            err.println("line " + line[0] + ": " + line[1]);
        }
        return 0;
    }

    /** Lines in the input file, for the progress bar: counted as bytes, never decoded. */
    private int countLines() throws IOException {
        long count = 0;
        try (InputStream stream = new BufferedInputStream(Files.newInputStream(in), 1 << 16)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = stream.read(buffer); n > 0; n = stream.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        count++;
                    }
                }
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, count);
    }

    private Utf8Lines reader() throws IOException {
        if (in.toString().equals("-")) {
            return new Utf8Lines(new BufferedInputStream(System.in, 1 << 16));
        }
        return new Utf8Lines(new BufferedInputStream(Files.newInputStream(in), 1 << 16));
    }

    private Writer writer() throws IOException {
        if (out == null) {
            return new NonClosingWriter(spec.commandLine().getOut());
        }
        return Files.newBufferedWriter(out, StandardCharsets.UTF_8);
    }

    /** Standard output stays open after the command. */
    private static final class NonClosingWriter extends BufferedWriter {
        NonClosingWriter(Writer delegate) {
            super(delegate);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
