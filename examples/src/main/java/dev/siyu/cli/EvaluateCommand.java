package dev.siyu.cli;

import dev.siyu.EvaluationRequest;
import dev.siyu.SiyuEngine;
import dev.siyu.SiyuException;
import dev.siyu.json.SiyuJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
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
        int lineNumber = 0;
        int evaluated = 0;
        int failed = 0;
        try (BufferedReader reader = reader(); Writer writer = writer()) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    EvaluationRequest request = SiyuJson.readRequest(line);
                    writer.write(explain
                            ? SiyuJson.write(engine.explain(request.customer(), request.events(), evaluationTime))
                            : SiyuJson.write(engine.evaluate(request, evaluationTime)));
                    writer.write('\n');
                    evaluated++;
                } catch (SiyuException e) {
                    failed++;
                    err.println("line " + lineNumber + ": " + e.getMessage());
                }
            }
        }
        err.println("evaluated " + evaluated + " customers, " + failed + " lines failed");
        err.flush();
        return failed == 0 ? 0 : 1;
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
