package dev.siyu.cli;

import dev.siyu.BatchOptions;
import dev.siyu.EvaluationRequest;
import dev.siyu.error.InputException;
import dev.siyu.demo.Progress;
import dev.siyu.SiyuEngine;
import dev.siyu.error.SiyuException;
import dev.siyu.json.SiyuJson;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.Typos;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "100",
            description = "customers per rule session (default ${DEFAULT-VALUE}); the output does not depend on it")
    int batchSize;

    @Option(names = "--explain", description = "write an explanation per line instead: the decision, each action's rule "
            + "and the facts it matched, and what every rule did")
    boolean explain;

    @Option(names = "--threads", paramLabel = "N",
            description = "threads that read, evaluate and write (default: one per core); the output does not depend on it")
    Integer threads;

    /** Lines a worker takes at once: whole rule sessions, and enough work to be worth a hand-over. */
    private static final int MIN_CHUNK_LINES = 256;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        InputFile.require(spec, "--in", in, InputFile.REQUESTS,
                java.util.EnumSet.of(InputFile.Kind.REQUESTS, InputFile.Kind.EMPTY, InputFile.Kind.OTHER));
        if (batchSize < 1) {
            err.println("--batch-size must be at least 1, got " + batchSize);
            return 2;
        }
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1) {
            err.println("--threads must be at least 1, got " + workers);
            return 2;
        }
        Optional<SiyuEngine> built = rules.engine(spec);
        if (built.isEmpty()) {
            return 1;
        }
        SiyuEngine engine = built.get();
        Typos known = Typos.of(List.of(RulePack.defaults()));
        TypoCounter typos = new TypoCounter(known);
        OffsetDateTime evaluationTime = now != null ? now : OffsetDateTime.now(Clock.systemDefaultZone());
        boolean stdin = in.toString().equals("-");
        Progress progress = stdin ? Progress.silent()
                : Progress.onTerminal("evaluating", (int) Math.min(Integer.MAX_VALUE, (Files.size(in) + 1023) / 1024), "KiB");
        long[] counts = new long[2]; // evaluated, failed
        int chunkLines = batchSize * Math.max(1, (MIN_CHUNK_LINES + batchSize - 1) / batchSize);
        BatchOptions options = BatchOptions.DEFAULT.withCustomersPerSession(batchSize).withExecutor(SameThread.INSTANCE, 1);
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "siyu-evaluate");
            thread.setDaemon(true);
            return thread;
        });
        // Each chunk of lines is decoded, parsed, evaluated and written as text by a worker; this
        // thread only cuts the input into chunks and hands the results out in input order.
        ArrayDeque<Future<ChunkResult>> inFlight = new ArrayDeque<>();
        try (LineChunks reader = new LineChunks(open()); Output output = output()) {
            for (LineChunks.Chunk chunk = reader.next(chunkLines); chunk != null; chunk = reader.next(chunkLines)) {
                LineChunks.Chunk taken = chunk;
                inFlight.add(pool.submit(() -> evaluate(taken, engine, evaluationTime, options, known)));
                while (inFlight.size() > 2 * workers) {
                    hand(await(inFlight.poll()), output, err, counts, typos);
                    progress.update((int) Math.min(Integer.MAX_VALUE, reader.bytesRead() / 1024));
                }
            }
            while (!inFlight.isEmpty()) {
                hand(await(inFlight.poll()), output, err, counts, typos);
            }
            progress.update((int) Math.min(Integer.MAX_VALUE, reader.bytesRead() / 1024));
        } finally {
            inFlight.forEach(f -> f.cancel(true));
            pool.shutdownNow();
        }
        typos.report(err);
        err.println("evaluated " + counts[0] + " customers, " + counts[1] + " lines failed"
                + (typos.total() == 0 ? "" : ", " + typos.total() + " warnings"));
        err.flush();
        return counts[1] == 0 ? 0 : 1;
    }

    /** What a worker made of one chunk: the output text, the problems by line in line order, the counts. */
    private record ChunkResult(String text, List<String> problems, long evaluated, TypoCounter typos) { }

    /** Decodes, parses, evaluates and writes one chunk; runs in a worker. */
    private ChunkResult evaluate(LineChunks.Chunk chunk, SiyuEngine engine, OffsetDateTime evaluationTime,
                                 BatchOptions options, Typos known) {
        TypoCounter typos = new TypoCounter(known);
        List<EvaluationRequest> requests = new ArrayList<>(chunk.size());
        int[] requestLines = new int[chunk.size()];
        // problems by line number: a line has at most one, and the map keeps them in line order
        java.util.TreeMap<Integer, String> problems = new java.util.TreeMap<>();
        for (int i = 0; i < chunk.size(); i++) {
            Utf8Lines.Line line = chunk.decode(i);
            if (!line.ok()) {
                problems.put(line.number(), line.problem());
                continue;
            }
            if (line.text().isBlank()) {
                continue;
            }
            try {
                EvaluationRequest request = SiyuJson.readRequest(line.text());
                typos.count(request);
                requestLines[requests.size()] = line.number();
                requests.add(request);
            } catch (InputException e) {
                problems.put(line.number(), e.getMessage());
            }
        }
        StringBuilder text = new StringBuilder(requests.size() * 1024);
        long[] evaluated = {0};
        engine.evaluateAll(requests.iterator(), evaluationTime, outcome -> {
            if (outcome.succeeded()) {
                text.append(explain
                        ? SiyuJson.write(engine.explain(outcome.request().customer(), outcome.request().events(), evaluationTime))
                        : SiyuJson.write(outcome.decision().orElseThrow()));
                text.append('\n');
                evaluated[0]++;
            } else {
                problems.put(requestLines[(int) outcome.index()], outcome.error().orElseThrow().getMessage());
            }
        }, options);
        List<String> lines = new ArrayList<>(problems.size());
        problems.forEach((number, problem) -> lines.add("line " + number + ": " + problem));
        return new ChunkResult(text.toString(), lines, evaluated[0], typos);
    }

    /** Writes one chunk's decisions and reports its bad lines; in input order, on this thread. */
    private static void hand(ChunkResult result, Output output, PrintWriter err, long[] counts, TypoCounter typos)
            throws IOException {
        output.write(result.text());
        for (String problem : result.problems()) {
            err.println(problem);
        }
        counts[0] += result.evaluated();
        counts[1] += result.problems().size();
        typos.add(result.typos());
    }

    private static ChunkResult await(Future<ChunkResult> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SiyuException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new SiyuException("evaluation failed: " + cause, cause);
        }
    }

    private InputStream open() throws IOException {
        return in.toString().equals("-") ? System.in : Files.newInputStream(in);
    }

    /** Where decisions go: a file gets UTF-8 bytes encoded in the workers' text order, standard output its writer. */
    private interface Output extends AutoCloseable {
        void write(String text) throws IOException;

        @Override
        void close() throws IOException;
    }

    private Output output() throws IOException {
        if (out == null) {
            Writer writer = spec.commandLine().getOut();
            return new Output() {
                @Override
                public void write(String text) throws IOException {
                    writer.write(text);
                }

                @Override
                public void close() throws IOException {
                    writer.flush(); // standard output stays open after the command
                }
            };
        }
        OutputStream stream = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
        return new Output() {
            @Override
            public void write(String text) throws IOException {
                stream.write(text.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void close() throws IOException {
                stream.close();
            }
        };
    }

    /** Runs each task at once on the submitting thread: a worker evaluates its chunk itself. */
    private static final class SameThread extends java.util.concurrent.AbstractExecutorService {
        static final SameThread INSTANCE = new SameThread();

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, java.util.concurrent.TimeUnit unit) {
            return false;
        }
    }
}
