package dev.siyu.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code siyu check} locates a bad value in each catalog and playbook-number file, and warns about undeclared event types. */
class CheckCatalogsTest {
    private record Run(int exitCode, String out) { }

    private static Run check(Path dir) {
        StringWriter out = new StringWriter();
        CommandLine commandLine = SiyuCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(new StringWriter(), true));
        int exitCode = commandLine.execute("check", dir.toString());
        return new Run(exitCode, out.toString());
    }

    @Test
    void aBadValueInEveryNewPackFileIsPrintedWithFileRowAndColumn(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.task-kinds.csv"), "kind,contact,rank,when_full\nCALL,sometimes,0,move\n");
        Files.writeString(dir.resolve("acme.tiers.csv"), "tier,rank,desk,welcome_script,window_days\n小B,five,b-desk,vip.welcome,90\n");
        Files.writeString(dir.resolve("acme.event-types.csv"), "type,inbound,required,optional\nCOUPON_REDEEMED,maybe,,\n");
        Files.writeString(dir.resolve("acme.holidays.csv"), "code,calendar,date,customers\nSHOP_DAY,solar,13-01,all\n");
        Files.writeString(dir.resolve("acme.deleted-friend.csv"), "setting,value\nsuppress_alerts,yes\n");
        Files.writeString(dir.resolve("empty.drl"), "package acme;\n");

        Run run = check(dir);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains(dir + "/acme.task-kinds.csv:2:2: contact must be proactive or reactive")
                .contains(dir + "/acme.tiers.csv:2:2: rank must be a whole number")
                .contains(dir + "/acme.event-types.csv:2:2: inbound must be yes or no")
                .contains(dir + "/acme.holidays.csv:2:3: date must be MM-DD")
                .contains(dir + "/acme.deleted-friend.csv:2:2: setting 'suppress_alerts': expected true or false");
    }

    @Test
    void aTypeNoCatalogDeclaresIsAWarningWithItsLocationAndADeclaredOneIsNot(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.event-types.csv"), "type,inbound,required,optional\nCOUPON_REDEEMED,yes,,\n");
        Files.writeString(dir.resolve("coupons.drl"), """
                package acme;
                import dev.siyu.fact.Event;
                rule "acme: coupons"
                when
                    $e : Event( type == "COUPON_REDEEMED" || type == "COUPON_USED" )
                then
                end
                """);

        Run run = check(dir);

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains(dir + "/coupons.drl:5:55: warning: event type 'COUPON_USED' is not declared")
                .doesNotContain("'COUPON_REDEEMED'").contains("; 1 warning");
    }
}
