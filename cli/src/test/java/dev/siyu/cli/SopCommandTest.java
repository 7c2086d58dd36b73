package dev.siyu.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code siyu sop list} and {@code siyu check} on an operations team's SOP table (the weekly rhythm of docs/writing-rules.md). */
class SopCommandTest {
    private static final Path WEEKLY = Path.of("..", "examples", "src", "test", "resources", "writing-rules", "weekly-rhythm",
            "rules");

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

    private static Path copyOfTheWeeklyRhythm(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(WEEKLY)) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        return dir;
    }

    @Test
    void sopList_printsEveryStepOfTheEffectivePacks_oneLineEach() {
        Run run = run("sop", "list", "--rules", WEEKLY.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(15).contains(
                "cadence/day3: event:PRICE_INQUIRY|QUOTE_SENT, day 3 -> FOLLOW_UP followup.day3; everyone; ends on ORDER_PAID; "
                        + "restarts on PRICE_INQUIRY QUOTE_SENT; re-entry always; params product; key cadence/{anchor}/{step} "
                        + "[default.sop.csv:10]",
                "activation/silent: event:FRIEND_ADDED, day 3 -> ACTIVATION activation.silent; engagement SILENT; ends on INBOUND; "
                        + "re-entry always; key activation/silent/{anchor} [default.sop.csv:25]")
                .endsWith(
                "weekly/tue: weekday:TUESDAY, at 20:00 -> CARE weekly.content; stage GROWTH|INTRODUCTION|MATURITY; re-entry always [weekly.sop.csv:4]",
                "weekly/thu: weekday:THURSDAY, at 20:00 -> CARE weekly.welfare; stage GROWTH|INTRODUCTION|MATURITY; re-entry always [weekly.sop.csv:5]",
                "weekly/fri: weekday:FRIDAY, at 20:00 -> CARE weekly.event; stage GROWTH|INTRODUCTION|MATURITY; re-entry always [weekly.sop.csv:6]",
                "14 steps in 4 SOPs");
    }

    @Test
    void check_acceptsTheTable_andNamesFileRowAndColumnOfAnEditThatBreaksIt(@TempDir Path dir) throws IOException {
        Path rules = copyOfTheWeeklyRhythm(dir);
        Run good = run("check", rules.toString());
        Path table = rules.resolve("weekly.sop.csv");
        Files.writeString(table, Files.readString(table).replace("weekday:周二,at 20:00", "weekday:周二,day three"));

        Run bad = run("check", rules.toString());

        assertThat(good.exitCode()).as(good.out()).isZero();
        assertThat(good.out()).startsWith("ok: ");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.out().lines()).containsExactly(
                rules + "/weekly.sop.csv:4:5: column 'offset': cannot read 'day three': expected +2h, +30min, +1h30min, "
                        + "day 3, day 1 at 10:00 or at 10:00",
                "1 error");
    }

    @Test
    void check_namesAScriptTheCatalogsDoNotHave(@TempDir Path dir) throws IOException {
        Path rules = copyOfTheWeeklyRhythm(dir);
        Path table = rules.resolve("weekly.sop.csv");
        Files.writeString(table, Files.readString(table).replace("care,weekly.welfare", "care,weekly.welfair"));

        Run run = run("check", rules.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains(rules + "/weekly.sop.csv:5:7: column 'script': unknown script 'weekly.welfair'");
    }
}
