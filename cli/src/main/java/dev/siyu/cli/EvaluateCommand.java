package dev.siyu.cli;

import dev.siyu.BatchOutcome;
import dev.siyu.EvaluationRequest;
import dev.siyu.InputException;
import dev.siyu.demo.Progress;
import dev.siyu.SiyuEngine;
import dev.siyu.json.SiyuJson;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.Typos;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.List;
import java.util.function.Consumer;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code siyu evaluate}: one decision per NDJSON input line; bad lines reported and skipped. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Evaluates customers: each input line is {\"customer\": {…}, \"events\": […]}, each output "
                + "line a decision (docs/contract.md). Bad lines are reported on standard error with their line "
                + "number and skipped; the exit code is 1 when any line failed.")
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

    @Option(names = "--explain", description = "write an explanation per line instead: the decision, each action's rule "
            + "and the facts it matched, and what every rule did")
    boolean explain;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        InputFile.require(spec, "--in", in, InputFile.REQUESTS,
                java.util.EnumSet.of(InputFile.Kind.REQUESTS, InputFile.Kind.EMPTY, InputFile.Kind.OTHER));
        Optional<SiyuEngine> built = rules.engine(spec);
        if (built.isEmpty()) {
            return 1;
        }
        SiyuEngine engine = built.get();
        TypoCounter typos = new TypoCounter(Typos.of(List.of(RulePack.defaults())));
        OffsetDateTime evaluationTime = now != null ? now : OffsetDateTime.now(Clock.systemDefaultZone());
        Progress progress = in.toString().equals("-") ? Progress.silent() : Progress.onTerminal("evaluating", countLines());
        long[] counts = new long[3]; // evaluated, failed, done
        // Line numbers of the lines read, in order, with the message of those that did not parse: outcomes
        // come back in input order, so each takes the next parsed line number, reporting bad lines on the way.
        ArrayDeque<Object[]> lines = new ArrayDeque<>();
        try (BufferedReader reader = reader(); Writer writer = writer()) {
            Iterator<EvaluationRequest> requests = new Iterator<>() {
                private EvaluationRequest next;
                private int lineNumber;

                @Override
                public boolean hasNext() {
                    try {
                        while (next == null) {
                            String line = reader.readLine();
                            if (line == null) {
                                break;
                            }
                            lineNumber++;
                            if (line.isBlank()) {
                                continue;
                            }
                            try {
                                next = SiyuJson.readRequest(line);
                                typos.count(next);
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
            engine.evaluateAll(requests, evaluationTime, sink);
            while (!lines.isEmpty()) {
                nextParsedLine(lines, err, counts);
            }
        }
        typos.report(err);
        err.println("evaluated " + counts[0] + " customers, " + counts[1] + " lines failed"
                + (typos.total() == 0 ? "" : ", " + typos.total() + " warnings"));
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

    private int countLines() throws IOException {
        try (var stream = Files.lines(in, StandardCharsets.UTF_8)) {
            return (int) Math.min(Integer.MAX_VALUE, stream.count());
        }
    }

    private BufferedReader reader() throws IOException {
        if (in.toString().equals("-")) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        return Files.newBufferedReader(in, StandardCharsets.UTF_8);
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
