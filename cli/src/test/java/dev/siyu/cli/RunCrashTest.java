package dev.siyu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siyu.json.SiyuJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code siyu run} killed with SIGKILL at random moments while it ingests and delivers, then run again
 * with the same arguments, ends with the outbox and the customer states of a run never killed: every
 * task and alert exactly once, no line lost.
 */
class RunCrashTest {
    private static final String UNTIL = "2026-03-09T12:00:00+08:00";
    private static final int KILLS = 20;
    /**
     * Kills after progress the test needs at least: a run may finish before its kill when little work
     * is left (a fast machine), so not every one of the {@link #KILLS} wanted may strike.
     */
    private static final int MIN_KILLS = 12;
    /**
     * The shortest delay before a kill. A fast engine on a quiet machine does the whole workload in a
     * few hundred milliseconds once started, so kills must be able to fall within tens of them (with
     * 100 ms, a run of 245 units of work finished after 9 kills with progress).
     */
    private static final long MIN_DELAY_MS = 20;
    /** Runs started at most while kills are still wanted; after that the run is let finish. */
    private static final int MAX_RUNS = 80;

    /** 30 customers over a week: friends added, price inquiries, messages, paid orders. */
    static void writeEvents(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        OffsetDateTime base = OffsetDateTime.parse("2026-03-02T09:00:00+08:00");
        for (int c = 0; c < 30; c++) {
            String id = String.format("c-%03d", c);
            OffsetDateTime added = base.plusMinutes(53L * c);
            StringBuilder events = new StringBuilder();
            events.append(event(id + "-1", "FRIEND_ADDED", added, ""));
            if (c % 2 == 0) {
                events.append(',').append(event(id + "-2", "PRICE_INQUIRY", added.plusHours(4 + c % 5), ""));
            }
            if (c % 3 == 0) {
                events.append(',').append(event(id + "-3", "MESSAGE_RECEIVED", added.plusHours(20), ""));
            }
            if (c % 4 == 0) {
                events.append(',').append(event(id + "-4", "ORDER_PAID", added.plusDays(1).plusHours(3),
                        ",\"attributes\":{\"orderId\":\"o-" + c + "\",\"amount\":\"199.00\",\"productCycleDays\":\"30\"}"));
            }
            lines.add("{\"customer\":{\"id\":\"" + id + "\",\"source\":\"AD\",\"owner\":\"sales-01\"},\"events\":[" + events + "]}");
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static String event(String id, String type, OffsetDateTime at, String more) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"at\":\"" + at + "\",\"channel\":\"WECOM\"" + more + "}";
    }

    /**
     * Campaigns at most: a campaign kills one run (its own database and outbox) again and again until
     * it finishes. The work is done in a limited number of commits, so a fast machine may finish a
     * campaign before {@link #MIN_KILLS} kills found progress; the kills of the next campaign count too.
     */
    private static final int MAX_CAMPAIGNS = 3;

    @Test
    void killedTwentyTimesWhileRunning_everyTaskIsInTheOutboxExactlyOnce_andStatesEqualACleanRun(@TempDir Path dir)
            throws Exception {
        Path events = dir.resolve("events.ndjson");
        writeEvents(events);
        Path cleanOutbox = dir.resolve("clean.ndjson");

        StringWriter out = new StringWriter();
        CommandLine clean = SiyuCli.commandLine();
        clean.setOut(new PrintWriter(out, true));
        clean.setErr(new PrintWriter(out, true));
        int cleanExit = clean.execute("run", "--events", events.toString(), "--until", UNTIL, "--outbox", cleanOutbox.toString());
        assertThat(cleanExit).as(out.toString()).isZero();
        List<String> cleanLines = Files.readAllLines(cleanOutbox);
        assertThat(cleanLines).hasSizeGreaterThan(50);

        Random random = new Random(2026);
        int useful = 0;
        int midWork = 0;
        List<String> campaigns = new ArrayList<>();
        for (int campaign = 1; campaign <= MAX_CAMPAIGNS && useful < MIN_KILLS; campaign++) {
            Path crashedOutbox = dir.resolve("crashed-" + campaign + ".ndjson");
            Path state = dir.resolve("crashed-" + campaign + ".ndjson.state");
            Campaign c = killUntilDone(events, crashedOutbox, state, random, KILLS - useful);
            useful += c.useful;
            long total = work(state);
            midWork += (int) c.workAtKill.stream().filter(n -> n > 0 && n < total).count();
            campaigns.add(c.kills + " kills in " + c.runs + " runs, work at each " + c.workAtKill + " of " + total);

            List<String> crashedLines = Files.readAllLines(crashedOutbox);
            assertThat(c.workAtKill).as("events stored plus entries delivered when each kill struck").isSorted();
            assertThat(keys(crashedLines)).doesNotHaveDuplicates();
            assertThat(crashedLines).containsExactlyInAnyOrderElementsOf(cleanLines);
            assertThat(states(state)).isEqualTo(states(dir.resolve("clean.ndjson.state")));
        }
        assertThat(useful).as("kills that fell while ingesting or delivering, after some progress (%s)", campaigns)
                .isGreaterThanOrEqualTo(MIN_KILLS);
        assertThat(midWork).as("kills before the run was done (%s)", campaigns).isGreaterThanOrEqualTo(MIN_KILLS);
        System.out.println("siyu run: " + String.join("; ", campaigns));
    }

    private record Campaign(int kills, int runs, int useful, List<Long> workAtKill) { }

    /**
     * Starts the run and kills it after a random delay, again and again, until {@code wanted} kills
     * found progress (or {@link #MAX_RUNS} runs), then lets it finish. The delay adapts to the machine:
     * a kill that found no more work done than the one before (it struck while the run was still
     * starting) lengthens the next delay, a kill that found progress shortens it.
     */
    private static Campaign killUntilDone(Path events, Path crashedOutbox, Path state, Random random, int wanted)
            throws Exception {
        int kills = 0;
        int useful = 0;
        int runs = 0;
        long delay = 100;
        List<Long> workAtKill = new ArrayList<>();
        while (true) {
            runs++;
            Process child = start(events, crashedOutbox);
            BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String first = reader.readLine(); // "ready: …" once the runtime has started
            assertThat(first).as("run %d said nothing", runs).isNotNull().startsWith("ready:");
            if (useful < wanted && runs <= MAX_RUNS) {
                Thread.sleep(delay / 2 + random.nextInt((int) delay));
                if (child.isAlive()) {
                    child.destroyForcibly(); // SIGKILL
                    child.waitFor(30, TimeUnit.SECONDS);
                    kills++;
                    long work = work(state);
                    boolean progress = workAtKill.isEmpty() ? work > 0 : work > workAtKill.get(workAtKill.size() - 1);
                    useful += progress ? 1 : 0;
                    delay = progress ? Math.max(MIN_DELAY_MS, delay * 3 / 4) : Math.min(8_000, delay * 2);
                    workAtKill.add(work);
                    continue;
                }
            }
            String rest = reader.lines().collect(Collectors.joining("\n"));
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(rest).isZero();
            return new Campaign(kills, runs, useful, workAtKill);
        }
    }

    private static Process start(Path events, Path outbox) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), SiyuCli.class.getName(),
                "run", "--events", events.toString(), "--until", UNTIL, "--outbox", outbox.toString());
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        return builder.start();
    }

    private static List<String> keys(List<String> lines) {
        List<String> keys = new ArrayList<>();
        for (String line : lines) {
            JsonNode node = SiyuJson.readTree(line);
            keys.add(node.path("customerId").asText() + " " + node.path("key").asText());
        }
        return keys;
    }

    /** Events stored plus outbox entries delivered, read from a run's database while no run holds it. */
    private static long work(Path h2File) throws SQLException {
        if (!Files.exists(Path.of(h2File + ".mv.db"))) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + h2File.toAbsolutePath());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select (select count(*) from siyu_event)"
                     + " + (select count(*) from siyu_outbox where status = 'DELIVERED')")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if ("42S02".equals(e.getSQLState()) || "42S04".equals(e.getSQLState()) || "42104".equals(e.getSQLState())) {
                return 0; // killed before the schema was there
            }
            throw e;
        }
    }

    private static Map<String, String> states(Path h2File) throws SQLException {
        Map<String, String> states = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + h2File.toAbsolutePath());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id, state from siyu_customer")) {
            while (rs.next()) {
                states.put(rs.getString(1), rs.getString(2));
            }
        }
        assertThat(states).isNotEmpty();
        return states;
    }
}
