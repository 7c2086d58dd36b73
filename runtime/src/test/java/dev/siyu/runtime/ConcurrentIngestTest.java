package dev.siyu.runtime;

import com.zaxxer.hikari.HikariDataSource;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.Touchpoint;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Eight threads ingest interleaved events of overlapping customers; the result equals a serial replay. */
class ConcurrentIngestTest {
    /**
     * Event types whose effect does not depend on the order they arrive in. (A late PRICE_INQUIRY,
     * QUOTE_SENT or first MESSAGE_RECEIVED arriving after a later one gives a different cadence than
     * in order, in the engine itself, so a serial replay in time order could not be equal whatever
     * the runtime did.) A lost update would still show: counts, last times and processed ids.
     */
    private static final String[] TYPES = {"MOMENTS_INTERACTION", "MESSAGE_SENT", "MOMENTS_INTERACTION"};
    private static final int CUSTOMERS = 16;
    private static EmbeddedPostgres server;

    @BeforeAll
    static void startServer() {
        server = Databases.startPostgres();
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    /** 16 customers, 6 events each, minutes apart. */
    static List<Map.Entry<String, Touchpoint>> events() {
        List<Map.Entry<String, Touchpoint>> events = new ArrayList<>();
        OffsetDateTime start = RuntimeContract.at("2026-06-01T09:00");
        for (int c = 0; c < CUSTOMERS; c++) {
            String id = "c-" + c;
            for (int e = 1; e <= 6; e++) {
                String type = TYPES[(c + e) % TYPES.length];
                events.add(Map.entry(id, Touchpoint.of(id + "-e" + e, type, start.plusMinutes(c + 7L * e)).on("WECOM")));
            }
        }
        return events;
    }

    @Test
    void eightThreadsOnPostgres_endInTheStatesOfASerialReplay() throws Exception {
        try (HikariDataSource concurrent = Databases.postgres(server); HikariDataSource serial = Databases.postgres(server)) {
            assertConcurrentEqualsSerial(concurrent, serial);
        }
    }

    @Test
    void eightThreadsOnH2_endInTheStatesOfASerialReplay() throws Exception {
        assertConcurrentEqualsSerial(Databases.h2(), Databases.h2());
    }

    private static void assertConcurrentEqualsSerial(DataSource concurrentDb, DataSource serialDb) throws Exception {
        List<Map.Entry<String, Touchpoint>> events = events();
        String now = "2026-06-01T12:00";

        List<Map.Entry<String, Touchpoint>> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(13));
        ConcurrentLinkedQueue<Map.Entry<String, Touchpoint>> queue = new ConcurrentLinkedQueue<>(shuffled);
        Recorder concurrentHost = new Recorder();
        Map<String, String> concurrentStates;
        long conflicts;
        try (SiyuRuntime runtime = runtime(concurrentDb, concurrentHost, now)) {
            addFriends(runtime);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                workers.add(pool.submit(() -> {
                    go.await();
                    for (var next = queue.poll(); next != null; next = queue.poll()) {
                        runtime.ingest(next.getKey(), next.getValue());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> worker : workers) {
                worker.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();
            concurrentStates = states(runtime);
            conflicts = runtime.conflicts();
            runtime.advanceTo(RuntimeContract.at("2026-06-03T12:00").toInstant());
        }

        Recorder serialHost = new Recorder();
        Map<String, String> serialStates;
        try (SiyuRuntime runtime = runtime(serialDb, serialHost, now)) {
            addFriends(runtime);
            for (var event : events) {
                runtime.ingest(event.getKey(), event.getValue());
            }
            serialStates = states(runtime);
            runtime.advanceTo(RuntimeContract.at("2026-06-03T12:00").toInstant());
        }

        assertThat(concurrentStates).hasSize(CUSTOMERS);
        assertThat(concurrentStates).isEqualTo(serialStates);
        assertThat(concurrentHost.taskKeys()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(serialHost.taskKeys());
        System.out.println("concurrent ingest: " + conflicts + " version conflicts retried");
    }

    /** Every customer first becomes a friend, one after the other. */
    private static void addFriends(SiyuRuntime runtime) {
        OffsetDateTime start = RuntimeContract.at("2026-06-01T08:00");
        for (int c = 0; c < CUSTOMERS; c++) {
            runtime.ingest("c-" + c, Touchpoint.of("c-" + c + "-e0", "FRIEND_ADDED", start.plusMinutes(c)).on("WECOM"));
        }
    }

    private static SiyuRuntime runtime(DataSource db, Recorder host, String now) {
        return SiyuRuntime.builder(db).engine(RuntimeContract.ENGINE).taskSender(host).alertSink(host)
                .manualClock(RuntimeContract.at(now).toInstant()).retryBackoff(Duration.ofMinutes(1))
                .exclusive(true).build().start();
    }

    private static Map<String, String> states(SiyuRuntime runtime) {
        Map<String, String> states = new TreeMap<>();
        for (String id : runtime.customerIds()) {
            states.put(id, SiyuJson.write(runtime.customer(id).orElseThrow()));
        }
        return states;
    }
}
