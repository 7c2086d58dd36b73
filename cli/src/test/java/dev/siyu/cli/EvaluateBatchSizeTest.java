package dev.siyu.cli;

import dev.siyu.EvaluationRequest;
import dev.siyu.demo.ShopGenerator;
import dev.siyu.json.SiyuJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code siyu evaluate}: the output does not depend on how many customers share a rule session; bad bytes refuse one line. */
class EvaluateBatchSizeTest {
    private static final String NOW = "2026-09-01T00:00:00+08:00";

    @TempDir
    static Path dir;
    private static Path shop;

    private record Run(int exitCode, String out, String err) { }

    @BeforeAll
    static void tenThousandCustomers() throws IOException {
        List<EvaluationRequest> requests = new ShopGenerator(7, 10_000, LocalDate.of(2026, 8, 1), 31).generate();
        shop = dir.resolve("shop.ndjson");
        Files.writeString(shop, requests.stream().map(SiyuJson::write).collect(Collectors.joining("\n", "", "\n")));
    }

    private static Run evaluate(Path in, String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = SiyuCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] args = new String[3 + more.length];
        args[0] = "evaluate";
        args[1] = "--in=" + in;
        args[2] = "--now=" + NOW;
        System.arraycopy(more, 0, args, 3, more.length);
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void tenThousandCustomersGiveTheSameOutputWithOneTwoAHundredOrAThousandPerSession() {
        Run one = evaluate(shop, "--batch-size", "1");
        Run two = evaluate(shop, "--batch-size", "2");
        Run hundred = evaluate(shop, "--batch-size", "100");
        Run thousand = evaluate(shop, "--batch-size", "1000");

        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.out().lines().count()).isEqualTo(10_000);
        assertThat(two.out()).isEqualTo(one.out());
        assertThat(hundred.out()).isEqualTo(one.out());
        assertThat(thousand.out()).isEqualTo(one.out());
    }

    @Test
    void theOutputAndTheReportedLinesDoNotDependOnThreadsOrBatchSize() throws IOException {
        // good lines with bad ones between them, across many chunks: bad JSON, an unknown field, bad
        // bytes, blank lines, an event later than the evaluation time (refused by the engine), CRLF
        List<String> good = Files.readAllLines(shop).subList(0, 1_500);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < good.size(); i++) {
            bytes.write(good.get(i).getBytes(StandardCharsets.UTF_8));
            bytes.write(i % 2 == 0 ? "\n".getBytes(StandardCharsets.UTF_8) : "\r\n".getBytes(StandardCharsets.UTF_8));
            switch (i % 97) {
                case 3 -> bytes.write("{\"customer\": {\"id\": \"x\"}, \"events\": [\n".getBytes(StandardCharsets.UTF_8));
                case 20 -> bytes.write("{\"customer\": {\"id\": \"x\", \"nick\": 1}, \"events\": []}\n".getBytes(StandardCharsets.UTF_8));
                case 41 -> bytes.write(new byte[] {'{', (byte) 0xE4, (byte) 0xB8, '}', '\n'});
                case 60 -> bytes.write("\n   \n".getBytes(StandardCharsets.UTF_8));
                case 77 -> bytes.write(("{\"customer\": {\"id\": \"late\"}, \"events\": [{\"id\": \"e\", \"type\": \"MESSAGE_RECEIVED\", "
                        + "\"at\": \"2027-01-01T00:00:00+08:00\"}]}\n").getBytes(StandardCharsets.UTF_8));
                default -> { }
            }
        }
        Path in = dir.resolve("mixed.ndjson");
        Files.write(in, bytes.toByteArray());

        Run reference = evaluate(in, "--threads", "1", "--batch-size", "1");
        assertThat(reference.exitCode()).isEqualTo(1);
        assertThat(reference.out().lines().count()).isEqualTo(1_500);
        long failed = reference.err().lines().filter(line -> line.startsWith("line ")).count();
        assertThat(failed).isEqualTo(16 + 16 + 16 + 15);
        assertThat(reference.err()).contains("evaluated 1500 customers, " + failed + " lines failed");
        // every refusal names its line, in line order
        List<Integer> numbers = reference.err().lines().filter(line -> line.startsWith("line "))
                .map(line -> Integer.parseInt(line.substring(5, line.indexOf(':')))).toList();
        assertThat(numbers).isSorted().doesNotHaveDuplicates();
        for (String[] settings : List.of(new String[] {"1", "100"}, new String[] {"2", "7"}, new String[] {"2", "100"},
                new String[] {"3", "1000"}, new String[] {"8", "33"})) {
            Run run = evaluate(in, "--threads", settings[0], "--batch-size", settings[1]);
            assertThat(run.out()).as("threads %s, batch size %s", settings[0], settings[1]).isEqualTo(reference.out());
            assertThat(run.err()).as("threads %s, batch size %s", settings[0], settings[1]).isEqualTo(reference.err());
            assertThat(run.exitCode()).isEqualTo(1);
        }
    }

    @Test
    void theOutputFileHoldsTheSameBytesAsStandardOutput() {
        Path file = dir.resolve("out.ndjson");
        Run toFile = evaluate(shop, "--out", file.toString(), "--threads", "2");
        Run toStdout = evaluate(shop, "--threads", "1");

        assertThat(toFile.exitCode()).isZero();
        assertThat(file).hasBinaryContent(toStdout.out().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void threadsBelowOneAreRefused() {
        Run run = evaluate(shop, "--threads", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--threads must be at least 1");
    }

    @Test
    void aBatchSizeBelowOneIsRefused() {
        Run run = evaluate(shop, "--batch-size", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--batch-size must be at least 1");
    }

    @Test
    void aLineWithInvalidUtf8IsRefusedAloneAndTheOthersAreDecided() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("{\"customer\": {\"id\": \"c-1\"}, \"events\": []}\n".getBytes(StandardCharsets.UTF_8));
        bytes.write("{\"customer\": {\"id\": \"c-2\", \"name\": \"".getBytes(StandardCharsets.UTF_8));
        bytes.write(new byte[] {(byte) 0xC3, (byte) 0x28});
        bytes.write("\"}, \"events\": []}\n".getBytes(StandardCharsets.UTF_8));
        bytes.write("{\"customer\": {\"id\": \"c-3\"}, \"events\": []}\n".getBytes(StandardCharsets.UTF_8));
        Path in = dir.resolve("bad-bytes.ndjson");
        Files.write(in, bytes.toByteArray());

        Run run = evaluate(in);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().lines()).hasSize(2).allSatisfy(line -> assertThat(line).doesNotContain("c-2"));
        assertThat(run.err()).contains("line 2: not valid UTF-8").contains("evaluated 2 customers, 1 lines failed");
    }

    @Test
    void aByteOrderMarkBeforeTheFirstLineIsSkipped() throws IOException {
        Path in = dir.resolve("bom.ndjson");
        Files.write(in, ("\uFEFF{\"customer\": {\"id\": \"c-1\"}, \"events\": []}\r\n").getBytes(StandardCharsets.UTF_8));

        Run run = evaluate(in);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("{\"customerId\":\"c-1\"");
    }
}
