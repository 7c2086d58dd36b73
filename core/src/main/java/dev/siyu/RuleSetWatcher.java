package dev.siyu;

import dev.siyu.pack.Diagnostic;
import dev.siyu.pack.RulePackException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Keeps an engine in step with rule directories: when a file below them changes, the engine is
 * rebuilt and swapped in atomically. A change that does not compile is reported (every problem as
 * file:line) and the previous engine keeps serving. Evaluations in flight finish on the engine
 * they started with, because each takes {@link #engine()} once.
 *
 * <pre>{@code
 * try (RuleSetWatcher rules = RuleSetWatcher.start(
 *         () -> SiyuEngine.builder().rules(RulePack.defaults()).rules(RulePack.directory(dir)).build(),
 *         List.of(dir), failure -> log.warn("rules not reloaded: {}", failure.getMessage()))) {
 *     Decision decision = rules.engine().evaluate(customer, events, now);
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class RuleSetWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuleSetWatcher.class);

    /** How long the files must be quiet before a rebuild, so that an editor's save is one reload. */
    public static final Duration QUIET = Duration.ofMillis(300);

    private final Supplier<SiyuEngine> build;
    private final List<Path> dirs;
    private final Consumer<RulePackException> onFailure;
    private final AtomicReference<SiyuEngine> engine;
    private final AtomicReference<RulePackException> lastFailure = new AtomicReference<>();
    private final AtomicLong reloads = new AtomicLong();
    private final WatchService watchService;
    private final Thread thread;

    private RuleSetWatcher(Supplier<SiyuEngine> build, List<Path> dirs, Consumer<RulePackException> onFailure) {
        this.build = build;
        this.dirs = List.copyOf(dirs);
        this.onFailure = onFailure;
        this.engine = new AtomicReference<>(build.get());
        try {
            this.watchService = FileSystems.getDefault().newWatchService();
            for (Path dir : this.dirs) {
                register(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + dirs, e);
        }
        this.thread = new Thread(this::watch, "siyu-rule-watcher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Builds the first engine now (throwing if the rules are broken) and watches {@code dirs}.
     *
     * @param build     builds an engine from the directories, e.g. a builder with {@code RulePack.directory}
     * @param onFailure told about every change that did not compile
     */
    public static RuleSetWatcher start(Supplier<SiyuEngine> build, List<Path> dirs, Consumer<RulePackException> onFailure) {
        return new RuleSetWatcher(Objects.requireNonNull(build, "build"), dirs, Objects.requireNonNull(onFailure, "onFailure"));
    }

    /** The engine serving now. */
    public SiyuEngine engine() {
        return engine.get();
    }

    /** The last change that did not compile, until a later one does. */
    public Optional<RulePackException> lastFailure() {
        return Optional.ofNullable(lastFailure.get());
    }

    /** How many times a new engine was swapped in. */
    public long reloads() {
        return reloads.get();
    }

    /**
     * Rebuilds now. On success the new engine serves from here on; on failure the previous one
     * keeps serving and the failure is reported.
     *
     * @return {@code true} when the new engine was swapped in
     */
    public synchronized boolean reload() {
        try {
            SiyuEngine next = null;
            // a file written while it was being read (a save in progress) is read again
            // and an empty pack file is a save that has truncated the file and not yet written it
            Optional<Path> empty = Optional.empty();
            for (int attempt = 0; attempt < MAX_ATTEMPTS && next == null; attempt++) {
                Map<Path, String> before = fingerprint();
                empty = before.entrySet().stream().filter(e -> e.getValue().startsWith(EMPTY)).map(Map.Entry::getKey)
                        .findFirst();
                if (empty.isPresent()) {
                    sleepQuietly(QUIET);
                    continue;
                }
                SiyuEngine built = build.get();
                if (before.equals(fingerprint())) {
                    next = built;
                } else {
                    sleepQuietly(QUIET);
                }
            }
            if (next == null) {
                throw new RulePackException(dirs.toString(), List.of(empty.isPresent()
                        ? new Diagnostic(empty.get().toString(), 0, 0, "the file is empty (a save in progress?); not "
                                + "reloaded: write its content, or delete the file to remove it from the pack")
                        : new Diagnostic(dirs.get(0).toString(), 0, 0,
                                "the files kept changing while they were read (" + MAX_ATTEMPTS + " attempts); not reloaded")));
            }
            engine.set(next);
            lastFailure.set(null);
            reloads.incrementAndGet();
            LOG.info("rules reloaded from {}: {} rules", dirs, next.ruleNames().size());
            return true;
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            RulePackException failure = e instanceof RulePackException pack ? pack
                    : new RulePackException(dirs.toString(), List.of(new Diagnostic(dirs.get(0).toString(), 0, 0,
                            "reload failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()))));
            lastFailure.set(failure);
            LOG.warn("rules not reloaded, the previous engine keeps serving: {}", failure.getMessage());
            try {
                onFailure.accept(failure);
            } catch (RuntimeException callback) {
                LOG.warn("the rule watcher's failure callback failed", callback);
            }
            return false;
        }
    }

    /** How many times a reload reads the files before it gives up on files that keep changing. */
    static final int MAX_ATTEMPTS = 5;

    /** The fingerprint of an empty pack file. */
    private static final String EMPTY = "0:";

    /**
     * Size, modification time and content hash of every pack file below the directories (other files,
     * such as an editor's temporary files, are not read).
     */
    private Map<Path, String> fingerprint() {
        Map<Path, String> prints = new TreeMap<>();
        for (Path dir : dirs) {
            try (Stream<Path> tree = Files.walk(dir)) {
                for (Path file : tree.filter(Files::isRegularFile)
                        .filter(f -> dev.siyu.pack.RulePack.isPackFile(dir.relativize(f).toString().replace('\\', '/')))
                        .toList()) {
                    try {
                        byte[] content = Files.readAllBytes(file);
                        prints.put(file, content.length + ":" + Files.getLastModifiedTime(file).toMillis() + ":"
                                + java.util.Arrays.hashCode(content));
                    } catch (IOException e) {
                        prints.put(file, "unreadable");
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                prints.put(dir, "unlisted");
            }
        }
        return prints;
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void register(Path dir) throws IOException {
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path sub : tree.filter(Files::isDirectory).toList()) {
                sub.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY);
            }
        }
    }

    private void watch() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                WatchKey key = watchService.take();
                drain(key);
                // wait for the files to be quiet
                for (WatchKey more = watchService.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS); more != null;
                     more = watchService.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)) {
                    drain(more);
                }
                for (Path dir : dirs) {
                    try {
                        if (Files.isDirectory(dir)) {
                            register(dir); // new sub-directories
                        }
                    } catch (IOException | UncheckedIOException e) {
                        LOG.warn("cannot watch the new sub-directories of {}: {}", dir, e.toString());
                    }
                }
                reload(); // reports its own failures and never throws them
            } catch (InterruptedException | ClosedWatchServiceException e) {
                Thread.currentThread().interrupt(); // closed: stop
            } catch (RuntimeException e) {
                LOG.warn("rule watcher: {}; still watching", e.toString());
            }
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            watchService.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
