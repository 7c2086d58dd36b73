package dev.siyu.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Help on every command, whole descriptions, exit codes, and no stack trace for a user's error. */
class SiyuCliUsageTest {
    private static final Path README = Path.of("..", "README.md");

    private record Run(int exitCode, String out, String err) { }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = SiyuCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    static Stream<String> commands() {
        return SiyuCli.commandLine().getSubcommands().keySet().stream().filter(name -> !name.equals("help"));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandHasHelpThatExitsZero(String command) {
        Run help = run(command, "--help");

        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(help.out()).startsWith("Usage: siyu " + command).contains("Exit codes:");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpCommandPrintsTheSameAsTheHelpOption(String command) {
        Run help = run("help", command);

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).isEqualTo(run(command, "--help").out());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void theCommandListShowsEveryDescriptionWhole(String command) {
        String description = String.join(" ", SiyuCli.commandLine().getSubcommands().get(command).getCommandSpec()
                .usageMessage().description());

        String list = run("--help").out().replaceAll("\\s+", " ");

        assertThat(description).endsWith(".");
        assertThat(list).contains(command + " " + description.replaceAll("\\s+", " "));
    }

    @Test
    void versionComesFromTheBuild() throws IOException {
        Matcher version = Pattern.compile("<version>([^<]+)</version>").matcher(Files.readString(Path.of("pom.xml")));
        assertThat(version.find()).isTrue();

        Run run = run("--version");

        assertThat(run.out().strip()).isEqualTo("siyu " + version.group(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"simulate", "report", "evaluate"})
    void aMissingFileIsOneLineNamingTheFileAndWhatWasExpected(String command) {
        Run run = run(command, "--in", "no-such-file.ndjson");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().findFirst()).hasValueSatisfying(line -> assertThat(line)
                .startsWith("siyu: no such file: no-such-file.ndjson (--in expects ").contains("NDJSON"));
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"simulate", "report"})
    void aPeriodEndingBeforeItStartsIsAUsageError(String command, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("file.ndjson");
        Files.writeString(file, command.equals("simulate")
                ? "{\"customer\": {\"id\": \"c-1\"}, \"events\": []}\n" : "{\"id\": \"c-1\"}\n");

        Run run = run(command, "--in", file.toString(), "--from", "2026-08-31", "--to", "2026-08-01");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("siyu: --to 2026-08-01 is before --from 2026-08-31").doesNotContain("\tat ");
    }

    @Test
    void reportOnAShopFileSaysAStateFileWasExpected(@TempDir Path dir) throws IOException {
        Path shop = dir.resolve("shop.ndjson");
        Files.writeString(shop, "{\"customer\": {\"id\": \"c-1\"}, \"events\": []}\n".repeat(50));

        Run run = run("report", "--in", shop.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).hasSize(2).first().asString()
                .contains("holds evaluation requests").contains("--in expects a state file");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void simulateOnAStateFileSaysAShopFileWasExpected(@TempDir Path dir) throws IOException {
        Path state = dir.resolve("state.ndjson");
        Files.writeString(state, "{\"id\": \"c-1\"}\n");

        Run run = run("simulate", "--in", state.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("holds customer states").contains("--in expects a shop file");
    }

    @Test
    void evaluateOnAStateFileSaysWhatWasExpected(@TempDir Path dir) throws IOException {
        Path state = dir.resolve("state.ndjson");
        Files.writeString(state, "{\"id\": \"c-1\"}\n".repeat(5_000));

        Run run = run("evaluate", "--in", state.toString(), "--now", "2026-03-02T12:00:00+08:00");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).hasSize(2);
    }

    @Test
    void anUnwritableOutputIsOneLine(@TempDir Path dir) {
        Run run = run("generate", "--out", dir.resolve("no-such-dir").resolve("shop.ndjson").toString(),
                "--customers", "3", "--days", "2");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).hasSize(1).first().asString().startsWith("siyu: ");
    }

    @Test
    void theFunnelOfAPeriodCountsOnlyFriendsAddedByItsEnd(@TempDir Path dir) throws IOException {
        Path shop = dir.resolve("shop.ndjson");
        Files.writeString(shop, """
                {"customer": {"id": "c-1", "addedAt": "2026-08-05T10:00:00+08:00"}, "events": [{"id": "e1", "type": "FRIEND_ADDED", "at": "2026-08-05T10:00:00+08:00"}, {"id": "e2", "type": "ORDER_PAID", "at": "2026-08-06T10:00:00+08:00", "attributes": {"orderId": "o1", "amount": "100.00"}}]}
                {"customer": {"id": "c-2", "addedAt": "2026-09-10T10:00:00+08:00"}, "events": [{"id": "e1", "type": "FRIEND_ADDED", "at": "2026-09-10T10:00:00+08:00"}]}
                """);

        Run run = run("simulate", "--in", shop.toString(), "--from", "2026-08-01", "--to", "2026-08-31");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("friends 好友 +1 +100\\.0%").containsPattern("buyers 成交 +1 +100\\.0%");
    }

    @Test
    void checkWarnsAboutEventTypesAndSourcesThatAreLikelyTypos(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.drl"), """
                package acme;

                import dev.siyu.fact.Event;
                import dev.siyu.fact.Profile;

                rule "acme: store friends get a note"
                when
                    $e : Event( type == "FRIEND_ADD", $id : customerId, $p : profile )
                    Profile( customerId == $id, source == "store" )
                then
                end
                """);

        Run run = run("check", dir.toString());

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains(dir + "/acme.drl:8:26: warning: event type 'FRIEND_ADD' is not a known one; "
                + "did you mean 'FRIEND_ADDED'?").contains(dir + "/acme.drl:9:44: warning: source 'store' is not a known "
                + "one; did you mean 'STORE'?").contains("; 2 warnings");
    }

    @Test
    void evaluateCountsLikelyTyposAsWarnings(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in.ndjson");
        Files.writeString(in, """
                {"customer": {"id": "c-1", "source": "store"}, "events": [{"id": "e1", "type": "friend_added", "at": "2026-03-02T10:00:00+08:00"}]}
                {"customer": {"id": "c-2", "source": "STORE"}, "events": [{"id": "e1", "type": "friend_added", "at": "2026-03-02T10:00:00+08:00"}]}
                {"customer": {"id": "c-3"}, "events": [{"id": "e1", "type": "WEBINAR_JOINED", "at": "2026-03-02T10:00:00+08:00"}]}
                """);

        Run run = run("evaluate", "--in", in.toString(), "--now", "2026-03-02T12:00:00+08:00");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err().lines().toList()).containsExactly(
                "warning: event type 'friend_added' in 2 places is not a known one; did you mean 'FRIEND_ADDED'?",
                "warning: source 'store' in 1 place is not a known one; did you mean 'STORE'?",
                "evaluated 3 customers, 0 lines failed, 3 warnings");
    }

    /** Every siyu command of the README parses as written (.ci/run also runs them from the clone's root). */
    @Test
    void everyReadmeCommandParses() throws IOException {
        Matcher command = Pattern.compile("java -jar cli/target/siyu\\.jar ([^`#|\\n]*)").matcher(Files.readString(README));
        int n = 0;
        while (command.find()) {
            List<String> args = List.of(command.group(1).strip().split("\\s+"));
            CommandLine.ParseResult parsed = SiyuCli.commandLine().parseArgs(args.toArray(String[]::new));
            assertThat(parsed.errors()).as(command.group()).isEmpty();
            for (String arg : args) {
                if (arg.startsWith("examples/") || arg.startsWith("rules/")) {
                    assertThat(Path.of("..").resolve(arg)).as("a file the README uses ships: " + arg).exists();
                }
            }
            n++;
        }
        assertThat(n).isGreaterThanOrEqualTo(8);
    }
}
