package dev.siyu.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunCommandTest {
    private record Run(int exitCode, String out, String err) { }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = SiyuCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return new Run(commandLine.execute(args), out.toString(), err.toString());
    }

    @Test
    void runDeliversTasksAtTheirTimes_andRunAgainWritesNothingTwice(@TempDir Path dir) throws IOException {
        Path events = dir.resolve("events.ndjson");
        Files.writeString(events, """
                {"customer":{"id":"c-1","owner":"sales-01"},"events":[{"id":"e1","type":"FRIEND_ADDED","at":"2026-04-14T10:00:00+08:00","channel":"WECOM"}]}
                {"customer":{"id":"c-2"},"events":[{"id":"e1","type":"PRICE_INQUIRY","at":"2026-04-14T11:00:00+08:00","channel":"WECOM"}]}
                """);
        Path outbox = dir.resolve("outbox.ndjson");

        Run first = run("run", "--events", events.toString(), "--until", "2026-04-16T00:00:00+08:00", "--outbox", outbox.toString());
        List<String> lines = Files.readAllLines(outbox);
        Run second = run("run", "--events", events.toString(), "--until", "2026-04-16T00:00:00+08:00", "--outbox", outbox.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("2 events stored");
        // the script report: c-2's same-day touch delivered, no feedback reported, no order
        assertThat(first.out()).contains("per script: delivered, reported sent, failed, done, converted")
                .containsPattern("followup\\.same_day +1 +0 +0 +0 +0\n");
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"key\":\"c-1/greeting/e1\"").contains("\"customerId\":\"c-1\""))
                .anySatisfy(line -> assertThat(line).contains("\"key\":\"c-2/cadence/e1/same_day\""))
                .anySatisfy(line -> assertThat(line).contains("\"code\":\"GREETING_OVERDUE\""));
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("0 events stored, 2 already stored").contains("0 lines written");
        assertThat(Files.readAllLines(outbox)).isEqualTo(lines);
    }

    @Test
    void aBadLineInTheEventFile_isReportedWithFileAndLine_andNothingRuns(@TempDir Path dir) throws IOException {
        Path events = dir.resolve("events.ndjson");
        Files.writeString(events, """
                {"customer":{"id":"c-1"},"events":[]}
                {"customer":{"id":"c-2"},"events":[{"id":"e1","type":"FRIEND_ADDED"}]}
                """);

        Run run = run("run", "--events", events.toString(), "--until", "2026-04-16T00:00:00+08:00",
                "--outbox", dir.resolve("outbox.ndjson").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("events.ndjson").contains("2");
        assertThat(dir.resolve("outbox.ndjson")).doesNotExist();
    }
}
