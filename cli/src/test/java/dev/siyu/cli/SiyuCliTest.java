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

class SiyuCliTest {
    private static final Path SCENARIOS = Path.of("..", "rules", "src", "test", "resources", "scenarios");

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

    @Test
    void testRunsScenarioFilesAndClosesWithTheCounts() {
        Run run = run("test", SCENARIOS.toString());

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out().strip().lines().reduce((a, b) -> b)).hasValueSatisfying(last ->
                assertThat(last).matches("\\d+ passed, 0 failed"));
    }

    @Test
    void testReportsEachFailedExpectationWithScenarioStepExpectedAndActual(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("wrong.json"), """
                {"name": "a message makes a quoted customer (wrong on purpose)",
                 "customer": {"id": "c-1"},
                 "steps": [{"now": "2026-03-02T10:00:00+08:00",
                            "events": [{"id": "e1", "type": "MESSAGE_RECEIVED", "at": "2026-03-02T09:00:00+08:00"}],
                            "expect": {"engagement": "QUOTED",
                                       "actions": [{"type": "ENGAGEMENT_CHANGED", "to": "QUOTED"}]}}]}
                """);
        Files.writeString(dir.resolve("right.json"), """
                {"name": "a message makes a conversing customer",
                 "customer": {"id": "c-1"},
                 "steps": [{"now": "2026-03-02T10:00:00+08:00",
                            "events": [{"id": "e1", "type": "MESSAGE_RECEIVED", "at": "2026-03-02T09:00:00+08:00"}],
                            "expect": {"engagement": "CONVERSING"}}]}
                """);

        Run run = run("test", dir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("FAIL " + dir.resolve("wrong.json")
                + ": 'a message makes a quoted customer (wrong on purpose)' step 1: expected engagement QUOTED but was CONVERSING");
        assertThat(lines.get(1)).startsWith("FAIL " + dir.resolve("wrong.json")
                + ": 'a message makes a quoted customer (wrong on purpose)' step 1: "
                + "expected action {\"type\":\"ENGAGEMENT_CHANGED\",\"to\":\"QUOTED\"} but no such action; "
                + "the step produced [{\"type\":\"ENGAGEMENT_CHANGED\",\"from\":\"SILENT\",\"to\":\"CONVERSING\"}, ");
        assertThat(lines.get(2)).isEqualTo("1 passed, 1 failed");
    }

    @Test
    void testReportsAnUnreadableScenarioFileWithItsJsonPath(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("typo.json"), """
                {"name": "typo", "customer": {"id": "c-1"},
                 "steps": [{"now": "2026-03-02T10:00:00+08:00", "expect": {"engagment": "QUOTED"}}]}
                """);

        Run run = run("test", dir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("unreadable scenario: unknown field 'engagment'").contains("$.steps[0].expect")
                .contains("0 passed, 1 failed");
    }

    @Test
    void checkAcceptsAGoodRuleDirectory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("extra.drl"), """
                package acme;
                import dev.siyu.fact.Profile;
                import dev.siyu.proposal.TagProposal;
                rule "acme: vip customers from stores get a tag"
                when
                    Profile( $id : customerId, source == "STORE" )
                then
                    insert(TagProposal.add($id, "acme/channel/store"));
                end
                """);
        Files.writeString(dir.resolve("acme.tags.csv"), """
                category,group,exclusive,description
                acme,channel,true,Where the customer shops
                """);

        Run run = run("check", dir.toString());

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).startsWith("ok: ");
    }

    @Test
    void checkAcceptsARuleCallingADeprecatedMutatorWithAWarningAtItsLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("extra.drl"), """
                package acme;
                import dev.siyu.fact.Profile;
                rule "acme: vip customers from stores get a tag"
                when
                    $p : Profile( source == "STORE" )
                then
                    $p.addTag("acme/channel/store");
                end
                """);
        Files.writeString(dir.resolve("acme.tags.csv"), """
                category,group,exclusive,description
                acme,channel,true,Where the customer shops
                """);

        Run run = run("check", dir.toString());

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("extra.drl:7:8: warning: rule 'acme: vip customers from stores get a tag' calls the"
                + " deprecated Profile.addTag").contains("use insert(TagProposal.add($id, tag))").contains("; 1 warning");
    }

    @Test
    void checkPrintsEveryErrorWithFileAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.drl"), """
                package acme;
                import dev.siyu.fact.Profile;
                rule "misspelled"
                when
                    $p : Profile( sorce == "STORE" )
                then
                end
                """);
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/b.drl"), """
                package acme.b;
                rule "unclosed"
                when
                    eval(
                then
                end
                """);

        Run run = run("check", dir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith(dir + "/a.drl:5:").contains("sorce");
        assertThat(lines.get(1)).startsWith(dir + "/sub/b.drl:6:").contains("mismatched input 'end'");
        assertThat(lines.get(2)).isEqualTo("2 errors");
    }

    @Test
    void checkRefusesATagGroupMissingFromTheCatalogNamingFileAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tags.drl"), """
                package acme;
                import dev.siyu.fact.Profile;
                rule "acme: tag store customers"
                when
                    $p : Profile( source == "STORE" )
                then
                    $p.addTag("acme/channel/store");
                end
                """);

        Run run = run("check", dir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith(dir + "/tags.drl:7:8: rule 'acme: tag store customers' uses tag group "
                + "'acme/channel', which is not in the tag catalog");
    }

    @Test
    void evaluateWritesOneDecisionPerGoodLineAndReportsBadLinesByNumber(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in.ndjson");
        Path out = dir.resolve("out.ndjson");
        Files.writeString(in, """
                {"customer": {"id": "c-1"}, "events": [{"id": "e1", "type": "PRICE_INQUIRY", "at": "2026-03-02T10:00:00+08:00"}]}
                {"customer": {"id": "c-2", "nmae": "typo"}, "events": []}

                {"customer": {"id": "c-3"}, "events": [{"id": "e1", "type": "MESSAGE_RECEIVED", "at": "2026-03-03T10:00:00+08:00"}]}
                not json
                {"customer": {"id": "c-4"}, "events": []}
                """);

        Run run = run("evaluate", "--in", in.toString(), "--out", out.toString(), "--now", "2026-03-02T12:00:00+08:00");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(Files.readAllLines(out)).hasSize(2)
                .satisfies(lines -> assertThat(lines.get(0)).startsWith("{\"customerId\":\"c-1\""))
                .satisfies(lines -> assertThat(lines.get(1)).startsWith("{\"customerId\":\"c-4\""));
        assertThat(run.err().lines().toList()).containsExactly(
                "line 2: unknown field 'nmae' (known: addedAt, attributes, engagement, id, memory, name, owner, source, "
                        + "stage, tags, tier, zone) at $.customer (line 1, column 43)",
                "line 4: customer c-3, event e1: event at 2026-03-03T10:00+08:00 is later than the evaluation time "
                        + "2026-03-02T12:00+08:00; refused, nothing was changed",
                "line 5: malformed JSON: Unrecognized token …: was expecting (JSON String, Number, Array, Object or "
                        + "token 'null', 'true' or 'false') (line 1, column 1)",
                "evaluated 2 customers, 3 lines failed");
    }

    @Test
    void evaluateOfGoodInputExitsZeroAndIsDeterministic(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in.ndjson");
        Files.writeString(in, """
                {"customer": {"id": "c-1", "source": "AD"}, "events": [{"id": "e1", "type": "MESSAGE_RECEIVED", "at": "2026-03-02T10:00:00+08:00"}]}
                """);

        Run first = run("evaluate", "--in", in.toString(), "--now", "2026-03-02T12:00:00+08:00");
        Run second = run("evaluate", "--in", in.toString(), "--now", "2026-03-02T12:00:00+08:00");

        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).isEqualTo(second.out()).contains("\"engagement\":\"CONVERSING\"");
    }

    @Test
    void evaluateExplainGivesEachActionsRuleAndFacts(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in.ndjson");
        Files.writeString(in, """
                {"customer": {"id": "c-1"}, "events": [{"id": "e1", "type": "PRICE_INQUIRY", "at": "2026-03-02T10:00:00+08:00"}]}
                """);

        Run run = run("evaluate", "--in", in.toString(), "--now", "2026-03-02T10:30:00+08:00", "--explain");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("{\"decision\":{\"customerId\":\"c-1\"")
                .contains("\"rule\":\"SOP cadence/day3 (default.sop.csv:10)\"")
                .contains("\"rule\":\"sla: an unanswered customer raises an alert\","
                        + "\"facts\":[\"evaluation of customer c-1 at 2026-03-02T10:30+08:00\"")
                .contains("{\"rule\":\"tier: upgrade straight to the highest tier whose criteria are met\",\"matched\":0");
    }

    @Test
    void demoReplaysTheSampleShopAndWritesTheReport(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("report.html");
        Path state = dir.resolve("state.ndjson");

        Run run = run("demo", "--report", report.toString(), "--state", state.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Replayed 2026-08-01 .. 2026-10-29: 5,000 customers")
                .contains("Today 2026-10-29 — tasks per owner:").contains("Funnel 2026-08-01 .. 2026-10-29")
                .contains("Tier moves: {REGULAR → VIP=").contains("Alerts:").contains("Report written to");
        assertThat(Files.readString(report)).contains("<svg class=\"chart\" id=\"funnel-chart\"");
        assertThat(Files.readAllLines(state)).hasSize(5_000);
        assertThat(Files.readString(state)).as("owners are called by name (the sample pack's owner catalog)")
                .doesNotContain("小雅眼镜的sales-0").containsPattern("我是小雅眼镜的(小美|阿杰|婷婷|小林|思思)");

        Run text = run("report", "--in", state.toString(), "--from", "2026-08-01", "--to", "2026-10-29");
        Run again = run("report", "--in", state.toString(), "--from", "2026-08-01", "--to", "2026-10-29");

        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).isEqualTo(again.out());
        assertThat(run.out()).contains(text.out().lines().filter(l -> l.contains("GMV")).findFirst().orElseThrow());
    }

    @Test
    void simulateShowsOneCustomersTimelineFromTheDayTheyWereAdded(@TempDir Path dir) throws IOException {
        Path shop = dir.resolve("shop.ndjson");
        Files.writeString(shop, """
                {"customer": {"id": "c-0", "addedAt": "2026-02-01T09:00:00+08:00"}, "events": [{"id": "e1", "type": "FRIEND_ADDED", "at": "2026-02-01T09:00:00+08:00"}]}
                {"customer": {"id": "c-1", "name": "张女士", "source": "AD", "addedAt": "2026-03-02T09:50:00+08:00"}, "events": [{"id": "e1", "type": "PRICE_INQUIRY", "at": "2026-03-02T10:00:00+08:00"}]}
                """);

        Run run = run("simulate", "--in", shop.toString(), "--customer", "c-1", "--days", "10");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Customer c-1, added 2026-03-02: timeline 2026-03-02 .. 2026-03-11 "
                + "(events as they came, a sweep each morning at 08:30)");
        assertThat(lines.get(1)).isEqualTo("  2026-03-02T10:00  EVENT PRICE_INQUIRY e1");
        assertThat(run.out()).contains("2026-03-05T10:00  TASK FOLLOW_UP followup.day3  张女士，")
                .contains("2026-03-09T10:00  TASK FOLLOW_UP followup.day7");
        List<String> times = lines.stream().filter(l -> l.startsWith("  20")).map(l -> l.substring(2, 18)).toList();
        assertThat(times).isSorted().allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo("2026-03-02T09:50"));
    }
}
