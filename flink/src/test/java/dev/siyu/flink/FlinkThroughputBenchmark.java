package dev.siyu.flink;

import dev.siyu.BatchOptions;
import dev.siyu.EvaluationRequest;
import dev.siyu.SiyuEngine;
import dev.siyu.demo.ShopData;
import dev.siyu.demo.ShopGenerator;
import dev.siyu.json.SiyuJson;
import dev.siyu.pack.RulePack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A benchmark run by hand, not a test: it asserts nothing about time. Events per second of the Flink
 * job on a local MiniCluster at parallelism 1 and 2, against the in-process figures on the same
 * generated shop, and the customer state's size in keyed state. Run it with
 * <pre>
 * ./mvnw -B -q -pl flink -am verify -Dtest=FlinkThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dsiyu.bench=true [-Dsiyu.bench.customers=5000] [-Dsiyu.bench.days=30]
 * </pre>
 */
@EnabledIfSystemProperty(named = "siyu.bench", matches = "true")
class FlinkThroughputBenchmark {
    private static final ZoneId ZONE = EvaluationSettings.DEFAULT_ZONE;

    @TempDir
    Path dir;

    @Test
    void eventsPerSecond() throws Exception {
        int customers = Integer.getInteger("siyu.bench.customers", 5_000);
        int days = Integer.getInteger("siyu.bench.days", 30);
        List<EvaluationRequest> shop = new ShopGenerator(2026, customers, LocalDate.of(2026, 8, 1), days).generate();
        Path in = dir.resolve("shop.ndjson");
        ShopData.write(shop, in);
        LocalDate[] window = SiyuFlinkCli.eventDays(in, ZONE).orElseThrow();
        long events = shop.stream().mapToLong(r -> r.events().size()).sum();
        long sweeps = 0;
        for (EvaluationRequest r : shop) {
            LocalDate first = r.customer().addedAt().orElseThrow().atZoneSameInstant(ZONE).toLocalDate();
            sweeps += window[1].toEpochDay() - Math.max(first.toEpochDay(), window[0].toEpochDay()) + 1;
        }
        SiyuEngine engine = SiyuEngine.builder().rules(RulePack.defaults()).build();
        StringBuilder report = new StringBuilder();
        report.append(String.format("shop: %,d customers, %,d events over %d days; replay = %,d evaluations (%,d sweeps)%n",
                customers, events, days, events + sweeps, sweeps));

        OffsetDateTime end = window[1].plusDays(1).atStartOfDay(ZONE).toOffsetDateTime();
        batch(engine, shop, end, 1); // warm-up
        for (int threads : new int[] {1, 2}) {
            double seconds = batch(engine, shop, end, threads);
            report.append(String.format("in-process evaluateAll, %d thread(s): %.1f s, %,.0f events/s (one evaluation per customer)%n",
                    threads, seconds, events / seconds));
        }
        long started = System.nanoTime();
        InProcessReplay.run(engine, shop, window[0], window[1], ZONE);
        double replaySeconds = (System.nanoTime() - started) / 1e9;
        report.append(String.format("in-process day-by-day replay, %d cores: %.1f s, %,.0f events/s, %,.0f evaluations/s%n",
                Runtime.getRuntime().availableProcessors(), replaySeconds, events / replaySeconds, (events + sweeps) / replaySeconds));

        for (Schedule schedule : Schedule.values()) {
            for (int parallelism : new int[] {1, 2}) {
                String name = schedule + "-p" + parallelism;
                LocalRun.Summary summary = new LocalRun(in, dir.resolve(name + ".ndjson"), dir.resolve(name + ".refused.ndjson"),
                        dir.resolve(name + ".state.ndjson"),
                        EvaluationSettings.defaults().withSchedule(schedule).withWindow(window[0], window[1]),
                        Duration.ofMinutes(10), parallelism, Duration.ofSeconds(10)).run();
                double seconds = summary.jobMillis() / 1000.0;
                report.append(String.format("flink MiniCluster, %s, parallelism %d: %.1f s, %,.0f events/s, %,d evaluations, "
                                + "%,.0f evaluations/s, %,d decisions with actions%n", schedule, parallelism, seconds,
                        events / seconds, summary.evaluations(), summary.evaluations() / seconds, summary.decisions()));
            }
        }
        List<String> states = Files.readAllLines(dir.resolve("DAILY_SWEEP-p1.state.ndjson"), StandardCharsets.UTF_8);
        long bytes = 0;
        long deflated = 0;
        long max = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (String state : states) {
            byte[] utf8 = state.getBytes(StandardCharsets.UTF_8);
            bytes += utf8.length;
            max = Math.max(max, utf8.length);
            deflated += deflate(utf8);
            double x = SiyuJson.readCustomer(state).memory().processedEvents().size();
            sx += x;
            sy += utf8.length;
            sxx += x * x;
            sxy += x * utf8.length;
        }
        int n = states.size();
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double intercept = (sy - slope * sx) / n;
        report.append(String.format("state size ~ %.0f bytes + %.1f bytes per event kept (least squares over %,d customers, "
                + "mean %.1f events kept)%n", intercept, slope, n, sx / n));
        report.append(String.format("state per customer (final, JSON UTF-8): mean %,d bytes, max %,d bytes; deflated mean %,d bytes%n",
                bytes / states.size(), max, deflated / states.size()));
        report.append("load average at the end (1, 5, 15 min; 2 cores shared with other builds): ")
                .append(Files.readString(Path.of("/proc/loadavg")).strip()).append('\n');
        System.out.print(report);
        Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "siyu-flink-benchmark.txt"), report);
    }

    private static double batch(SiyuEngine engine, List<EvaluationRequest> shop, OffsetDateTime now, int threads) {
        AtomicLong count = new AtomicLong();
        long started = System.nanoTime();
        engine.evaluateAll(shop.iterator(), now, outcome -> count.incrementAndGet(),
                BatchOptions.DEFAULT.withThreads(threads));
        return (System.nanoTime() - started) / 1e9;
    }

    private static long deflate(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_SPEED))) {
            deflater.write(bytes);
        }
        return out.size();
    }
}
