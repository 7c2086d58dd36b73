package dev.siyu;

import dev.siyu.action.TagAdded;
import dev.siyu.model.Customer;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RulePackException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class RuleSetWatcherTest {
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-02T10:00:00+08:00");

    private static String rule(String tag) {
        return """
                package acme;
                import dev.siyu.fact.Profile;
                import dev.siyu.fact.Sweep;

                rule "acme: tag everyone"
                when
                    Sweep( $id : customerId )
                    $p : Profile( customerId == $id )
                then
                    $p.addTag("%s");
                end
                """.formatted(tag);
    }

    private static String tagOf(SiyuEngine engine) {
        return engine.evaluate(Customer.of("c-1"), List.of(), NOW).actions(TagAdded.class).get(0).tag().toString();
    }

    private static RuleSetWatcher watch(Path dir, List<RulePackException> failures) {
        return RuleSetWatcher.start(() -> SiyuEngine.builder().rules(RulePack.directory(dir)).build(), List.of(dir),
                failures::add);
    }

    @Test
    void aBrokenChangeIsReportedAndThePreviousEngineKeepsServing(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tags.drl"), rule("acme/version/1"));
        List<RulePackException> failures = new CopyOnWriteArrayList<>();
        try (RuleSetWatcher watcher = watch(dir, failures)) {
            SiyuEngine first = watcher.engine();

            Files.writeString(dir.resolve("tags.drl"), rule("acme/version/2").replace("Sweep( $id", "Sweep( $id :: "));
            boolean swapped = watcher.reload();

            assertThat(swapped).isFalse();
            assertThat(watcher.engine()).isSameAs(first);
            assertThat(tagOf(watcher.engine())).isEqualTo("acme/version/1");
            assertThat(failures).singleElement().satisfies(e ->
                    assertThat(e.diagnostics()).allSatisfy(d -> assertThat(d.toString()).startsWith(dir + "/tags.drl:7:")));
            assertThat(watcher.lastFailure()).isPresent();

            Files.writeString(dir.resolve("tags.drl"), rule("acme/version/3"));
            assertThat(watcher.reload()).isTrue();

            assertThat(tagOf(watcher.engine())).isEqualTo("acme/version/3");
            assertThat(watcher.lastFailure()).isEmpty();
        }
    }

    @Test
    void anEmptiedRuleFileIsASaveInProgress_itIsNotLoadedAndThePreviousEngineKeepsServing(@TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("tags.drl"), rule("acme/version/1"));
        List<RulePackException> failures = new CopyOnWriteArrayList<>();
        try (RuleSetWatcher watcher = watch(dir, failures)) {
            SiyuEngine first = watcher.engine();

            Files.writeString(dir.resolve("tags.drl"), ""); // truncated by a save that has not written yet

            assertThat(watcher.reload()).isFalse();
            assertThat(watcher.engine()).isSameAs(first);
            assertThat(tagOf(watcher.engine())).isEqualTo("acme/version/1");
            assertThat(watcher.lastFailure()).hasValueSatisfying(e -> assertThat(e.getMessage())
                    .contains(dir.resolve("tags.drl").toString()).contains("the file is empty"));
        }
    }

    @Test
    void aChangedFileIsPickedUpWithoutBeingAsked(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tags.drl"), rule("acme/version/1"));
        try (RuleSetWatcher watcher = watch(dir, new ArrayList<>())) {

            Files.writeString(dir.resolve("tags.drl"), rule("acme/version/2"));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (watcher.reloads() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(watcher.reloads()).isPositive();
            assertThat(tagOf(watcher.engine())).isEqualTo("acme/version/2");
        }
    }

    @Test
    void evaluationsRunningWhileRulesReloadAlwaysSeeOneWholeEngine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tags.drl"), rule("acme/version/0"));
        try (RuleSetWatcher watcher = watch(dir, new ArrayList<>())) {
            AtomicBoolean running = new AtomicBoolean(true);
            List<String> seen = new CopyOnWriteArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<Integer>> workers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                workers.add(pool.submit(() -> {
                    int evaluations = 0;
                    while (running.get()) {
                        seen.add(tagOf(watcher.engine()));
                        evaluations++;
                    }
                    return evaluations;
                }));
            }

            for (int version = 1; version <= 4; version++) {
                Files.writeString(dir.resolve("tags.drl"), rule("acme/version/" + version));
                assertThat(watcher.reload()).isTrue();
            }
            running.set(false);
            int total = 0;
            for (Future<Integer> worker : workers) {
                total += worker.get(30, TimeUnit.SECONDS); // rethrows any evaluation failure
            }
            pool.shutdown();

            assertThat(total).isPositive();
            assertThat(seen).allSatisfy(tag -> assertThat(tag).matches("acme/version/[0-4]"));
            assertThat(tagOf(watcher.engine())).isEqualTo("acme/version/4");
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within 20 s").isTrue();
    }

    @Test
    void editorTempFilesThatComeAndGoAreNeverReadAndTheWatcherGoesOn(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tags.drl"), rule("acme/version/1"));
        List<RulePackException> failures = new CopyOnWriteArrayList<>();
        try (RuleSetWatcher watcher = watch(dir, failures)) {
            for (int i = 0; i < 20; i++) {
                Path swap = dir.resolve(".tags.drl.swp" + i);
                Files.write(swap, new byte[] {(byte) 0xFF, 0, 1, 2});
                Files.delete(swap);
                Files.writeString(dir.resolve("tags.drl~"), "not a rule file");
            }
            Files.delete(dir.resolve("tags.drl~"));

            Files.writeString(dir.resolve("tags.drl"), rule("acme/version/2"));

            awaitUntil(() -> tagOf(watcher.engine()).equals("acme/version/2"));
            assertThat(failures).isEmpty();
        }
    }

    @Test
    void aBuildThatFailsInAnyWayIsReportedAndTheNextGoodChangeStillLoads(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tags.drl"), rule("acme/version/1"));
        java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean();
        List<RulePackException> failures = new CopyOnWriteArrayList<>();
        try (RuleSetWatcher watcher = RuleSetWatcher.start(() -> {
            if (broken.get()) {
                throw new IllegalStateException("the host's builder failed");
            }
            return SiyuEngine.builder().rules(RulePack.directory(dir)).build();
        }, List.of(dir), failure -> {
            failures.add(failure);
            throw new IllegalArgumentException("and so does its failure callback");
        })) {
            SiyuEngine first = watcher.engine();
            broken.set(true);

            Files.writeString(dir.resolve("tags.drl"), rule("acme/version/2"));
            awaitUntil(() -> !failures.isEmpty());

            assertThat(watcher.engine()).isSameAs(first);
            assertThat(watcher.lastFailure()).get().extracting(Throwable::getMessage).asString()
                    .contains("IllegalStateException: the host's builder failed");

            broken.set(false);
            Files.writeString(dir.resolve("tags.drl"), rule("acme/version/3"));
            awaitUntil(() -> tagOf(watcher.engine()).equals("acme/version/3"));
            assertThat(watcher.lastFailure()).isEmpty();
        }
    }

    @Test
    void binaryGarbageInARuleFileIsAReportedFailureNotTheEndOfWatching(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tags.drl"), rule("acme/version/1"));
        List<RulePackException> failures = new CopyOnWriteArrayList<>();
        try (RuleSetWatcher watcher = watch(dir, failures)) {
            Files.write(dir.resolve("tags.drl"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0x7F, '{', '}', (byte) 0xC3});
            awaitUntil(() -> !failures.isEmpty());
            assertThat(tagOf(watcher.engine())).isEqualTo("acme/version/1");

            Files.delete(dir.resolve("tags.drl"));
            awaitUntil(() -> failures.size() >= 2); // a directory with no rule file is a failure too
            assertThat(tagOf(watcher.engine())).isEqualTo("acme/version/1");

            Files.writeString(dir.resolve("tags.drl"), rule("acme/version/4"));
            awaitUntil(() -> tagOf(watcher.engine()).equals("acme/version/4"));
        }
    }

    @Test
    void aNewSubDirectoryIsWatchedToo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tags.drl"), rule("acme/version/1"));
        try (RuleSetWatcher watcher = watch(dir, new CopyOnWriteArrayList<>())) {
            Path sub = Files.createDirectory(dir.resolve("more"));
            awaitUntil(() -> watcher.reloads() >= 1);
            long before = watcher.reloads();

            Files.writeString(sub.resolve("extra.drl"), rule("acme/extra").replace("acme: tag everyone", "acme: extra"));

            awaitUntil(() -> watcher.reloads() > before && watcher.engine().ruleNames().contains("acme: extra"));
        }
    }
}
