package dev.siyu.rules;

import dev.siyu.SiyuEngine;
import dev.siyu.pack.Diagnostic;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RulePackException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Restricted mode is an allow-list checked on the compiled code of each rule and function: what the
 * compiler resolved, however the source spells it. Each case here got past the earlier text check.
 */
class RestrictedModeEscapesTest {

    private static RulePackException refusal(Path dir, String consequence) throws IOException {
        Files.writeString(dir.resolve("escape.drl"), """
                package acme;
                import dev.siyu.fact.Profile;
                import dev.siyu.fact.Sweep;

                rule "acme: escape"
                when
                    Sweep( $p : profile )
                then
                    %s
                end
                """.formatted(consequence));
        return catchThrowableOfType(RulePackException.class, () -> SiyuEngine.builder().rules(RulePack.defaults()).rules(RulePack.directory(dir)).build());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a file through java.util.logging       | try { new java.util.logging.FileHandler(\"/tmp/siyu-escape.log\"); } catch (Exception e) { } | java.util.logging.FileHandler",
            "the engine's working state by a cast   | ((dev.siyu.internal.ProfileFact) $p).moveClockTo(null);                                       | dev.siyu.internal.ProfileFact",
            "a zip file                             | try { new java.util.zip.ZipFile(\"/etc/passwd\"); } catch (Exception e) { }                   | java.util.zip.ZipFile",
            "preferences on disk                    | java.util.prefs.Preferences.userRoot().put(\"k\", \"v\");                                     | java.util.prefs.Preferences",
            "a service loader                       | java.util.ServiceLoader.load(Runnable.class);                                                 | java.util.ServiceLoader",
            "the machine's clock                    | java.time.OffsetDateTime t = java.time.OffsetDateTime.now();                                  | java.time.OffsetDateTime.now",
            "randomness                             | double d = Math.random();                                                                     | java.lang.Math.random",
            "system properties                      | Integer i = Integer.getInteger(\"user.home\");                                                | java.lang.Integer.getInteger",
            "the default locale                     | java.util.Locale.setDefault(java.util.Locale.ROOT);                                           | java.util.Locale.setDefault",
            "reflection through a getter chain      | String n = $p.getZone().getClass().getName();                                                 | getClass",
            "the session through drools             | drools.getKieRuntime();                                                                       | getKieRuntime",
            "the engine internals by import-free FQN | dev.siyu.internal.RuleTracker t = new dev.siyu.internal.RuleTracker();                       | dev.siyu.internal.RuleTracker"})
    void anEscapeIsRefusedWithTheRuleAndItsLine(String what, String consequence, String named, @TempDir Path dir) throws IOException {
        RulePackException e = refusal(dir, consequence);

        assertThat(e).as(what).isNotNull();
        assertThat(e.diagnostics()).as(what).anySatisfy(d -> {
            assertThat(d.file()).isEqualTo(dir + "/escape.drl");
            assertThat(d.line()).isEqualTo(5);
            assertThat(d.message()).startsWith("restricted mode: rule 'acme: escape' uses").contains(named);
        });
    }

    @Test
    void aDecisionTablesCodeCells_areHeldToTheSameAllowList(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("escape.drl.csv"), """
                RuleSet,acme.table
                Import,dev.siyu.fact.Sweep
                RuleTable escape
                CONDITION,ACTION
                $s : Sweep,
                "customerId == ""$param\"\"","java.util.prefs.Preferences.userRoot().put(""$param"", ""v"");"
                Customer,Key
                c-1,k
                """);

        RulePackException e = catchThrowableOfType(RulePackException.class,
                () -> SiyuEngine.builder().rules(RulePack.defaults()).rules(RulePack.directory(dir)).build());

        assertThat(e).isNotNull();
        assertThat(e.diagnostics()).anySatisfy(d -> {
            assertThat(d.file()).isEqualTo(dir + "/escape.drl.csv");
            assertThat(d.message()).startsWith("restricted mode: ").contains("java.util.prefs.Preferences");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "while (true)        | while (true) { }",
            "do while            | do { } while ($p != null);",
            "a counted for       | for (int i = 0; i >= 0; i++) { }"})
    void aLoopThatMayNotEndIsRefused(String what, String consequence, @TempDir Path dir) throws IOException {
        RulePackException e = refusal(dir, consequence);

        assertThat(e).as(what).isNotNull();
        assertThat(e.diagnostics()).extracting(Diagnostic::message).anySatisfy(m ->
                assertThat(m).contains("restricted mode: rule 'acme: escape' has a loop that may not end"));
    }

    @Test
    void whatTheFactApiOffersIsAllowed(@TempDir Path dir) throws IOException {
        RulePackException e = refusal(dir, """
                java.util.List<String> tags = new java.util.ArrayList<>($p.getTags());
                for (String tag : tags) {
                    if (tag.toLowerCase(java.util.Locale.ROOT).startsWith("x")) {
                        $p.removeTag(tag);
                    }
                }
                java.time.OffsetDateTime later = $p.plusDays($p.getClock(), 3).plusHours(2);
                java.math.BigDecimal total = $p.spendSince(later.minusDays(30)).amount().add(java.math.BigDecimal.ONE);
                String joined = tags.stream().map(String::trim).collect(java.util.stream.Collectors.joining(","));
                insert(new StringBuilder(joined).append(total).append(drools.getRule().getName()).toString());
                """);

        assertThat(e).isNull();
    }
}
