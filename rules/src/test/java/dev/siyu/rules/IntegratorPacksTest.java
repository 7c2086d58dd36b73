package dev.siyu.rules;

import dev.siyu.SiyuEngine;
import dev.siyu.action.Task;
import dev.siyu.model.Customer;
import dev.siyu.model.TaskKind;
import dev.siyu.model.Tier;
import dev.siyu.model.Touchpoint;
import dev.siyu.pack.Diagnostic;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RulePackException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An integrator's directory layered on the default playbook: overrides, switches, restricted mode. */
class IntegratorPacksTest {
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-06-10T12:00:00+08:00");

    private static String defaultFile(String path) {
        return RulePack.defaults().resources().stream().filter(r -> r.path().equals(path)).findFirst()
                .map(r -> new String(r.content(), StandardCharsets.UTF_8)).orElseThrow();
    }

    private static SiyuEngine layered(Path dir) {
        return SiyuEngine.builder().rules(RulePack.defaults()).rules(RulePack.directory(dir)).build();
    }

    private static Customer buyer(String id) {
        return Customer.builder(id).owner("sales-01").build();
    }

    private static List<Touchpoint> order(String amount) {
        return List.of(Touchpoint.of("e1", "ORDER_PAID", NOW.minusDays(2)).with("orderId", "o1").with("amount", amount));
    }

    @Test
    void aLayerReplacesTheVipTableByNameAndOverridesOneScript(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vip-criteria.drl.csv"), defaultFile("vip-criteria.drl.csv")
                .replace("VIP,999.00,,,spend of 999.00 in the window", "VIP,2000.00,,,spend of 2000.00 in the window"));
        Files.writeString(dir.resolve("acme.zh-CN.scripts.json"), """
                {"locale": "zh-CN", "scripts": {"vip.welcome": "{{name}}，欢迎加入ACME会员！"}}
                """);
        SiyuEngine engine = layered(dir);

        var below = engine.evaluate(buyer("c-1"), order("1500.00"), NOW);
        var above = engine.evaluate(buyer("c-2"), order("2500.00"), NOW);

        assertThat(below.customer().tier()).isEqualTo(Tier.REGULAR);
        assertThat(above.customer().tier()).isEqualTo(Tier.VIP);
        assertThat(above.tasks()).filteredOn(t -> t.kind() == TaskKind.VIP).extracting(Task::text)
                .containsExactly(java.util.Optional.of("亲，欢迎加入ACME会员！"));
        assertThat(SiyuEngine.builder().build().evaluate(buyer("c-1"), order("1500.00"), NOW).customer().tier())
                .as("the default table still says ¥999").isEqualTo(Tier.VIP);
    }

    /** The default table with its VIP rows replaced by one row that combines two conditions. */
    private static String combinedVipRow() {
        String table = defaultFile("vip-criteria.drl.csv");
        String kept = table.lines().filter(line -> !line.startsWith("VIP,")).collect(java.util.stream.Collectors.joining("\n"));
        return kept + "\nVIP,500.00,2,,2 paid orders and a spend of 500.00\n";
    }

    private static List<Touchpoint> orders(String... amounts) {
        List<Touchpoint> events = new java.util.ArrayList<>();
        for (int i = 0; i < amounts.length; i++) {
            String id = "o" + (i + 1);
            events.add(Touchpoint.of(id, "ORDER_PAID", NOW.minusDays(10 - i)).with("orderId", id).with("amount", amounts[i]));
        }
        return events;
    }

    @Test
    void aRowThatCombinesTwoOrdersAndASpendOf500NeedsBoth(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vip-criteria.drl.csv"), combinedVipRow());
        SiyuEngine engine = layered(dir);

        var both = engine.evaluate(buyer("c-both"), orders("300.00", "250.00"), NOW);
        var onlyTwoOrders = engine.evaluate(buyer("c-orders"), orders("100.00", "100.00"), NOW);
        var onlySpend = engine.evaluate(buyer("c-spend"), orders("900.00"), NOW);

        assertThat(both.customer().tier()).as("2 orders and ¥550").isEqualTo(Tier.VIP);
        assertThat(both.customer().owner()).contains("vip-desk");
        assertThat(both.tasks()).filteredOn(t -> t.kind() == TaskKind.VIP).extracting(Task::script).containsExactly("vip.welcome");
        assertThat(onlyTwoOrders.customer().tier()).as("2 orders but ¥200").isEqualTo(Tier.REGULAR);
        assertThat(onlySpend.customer().tier()).as("¥900 but 1 order: the default's ¥999 row is gone").isEqualTo(Tier.REGULAR);
        assertThat(SiyuEngine.builder().build().evaluate(buyer("c-orders"), orders("100.00", "100.00"), NOW).customer().tier())
                .as("the default table needs 3 orders").isEqualTo(Tier.REGULAR);
    }

    @Test
    void aCustomerMeetingRowsOfTwoTiersGoesStraightToTheHigherOneWithOneWelcome(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vip-criteria.drl.csv"), combinedVipRow());

        var decision = layered(dir).evaluate(buyer("c-big"), orders("6000.00", "5000.00"), NOW);

        assertThat(decision.customer().tier()).isEqualTo(Tier.KEY_ACCOUNT);
        assertThat(decision.customer().owner()).contains("key-account-desk");
        assertThat(decision.tasks()).filteredOn(t -> t.kind() == TaskKind.VIP).extracting(Task::script)
                .containsExactly("key_account.welcome");
    }

    @Test
    void aTierTableInTheLayoutBeforeConditionColumnsIsRefusedAtItsCodeRow(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vip-criteria.drl.csv"), """
                RuleSet,dev.siyu.rules.tiers.table,,,,
                Import,dev.siyu.fact.TierCriterion,,,,
                Variables,dev.siyu.fact.Tiers tiers,,,,
                RuleTable vip-criteria,,,,,
                ACTION,ACTION,ACTION,ACTION,ACTION,ACTION
                ,,,,,
                "TierCriterion.Builder row = TierCriterion.forTier(""$param"", drools.getRule().getName(), tiers);","row.minSpend(""$param"");","row.minOrders(""$param"");","row.membershipKind(""$param"");","row.desk(""$param"");","insert(row.welcomeScript(""$param""));"
                Tier,Spend,Orders,Kind,Desk,Welcome script
                VIP,999.00,3,MEMBERSHIP,vip-desk,vip.welcome
                """);

        assertThatThrownBy(() -> layered(dir))
                .isInstanceOf(RulePackException.class)
                .satisfies(e -> assertThat(((RulePackException) e).diagnostics()).singleElement().satisfies(d -> {
                    assertThat(d.file()).isEqualTo(dir + "/vip-criteria.drl.csv");
                    assertThat(d.line()).isEqualTo(7);
                    assertThat(d.column()).isEqualTo(1);
                    assertThat(d.message()).contains("layout before CONDITION columns");
                }));
    }

    @Test
    void aDefaultRuleIsSwitchedOffByName(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(RulePack.DISABLED_RULES), """
                # no holiday greetings in this shop
                care: a holiday greeting at 10:00 on the day
                """);
        OffsetDateTime nationalDay = OffsetDateTime.parse("2026-10-01T08:30:00+08:00");

        var decision = layered(dir).evaluate(Customer.of("c-1"), List.of(), nationalDay);
        var withDefaults = SiyuEngine.builder().build().evaluate(Customer.of("c-1"), List.of(), nationalDay);

        assertThat(withDefaults.tasks()).extracting(Task::script).contains("holiday.national_day");
        assertThat(decision.tasks()).extracting(Task::script).doesNotContain("holiday.national_day");
        assertThat(layered(dir).ruleNames()).doesNotContain("care: a holiday greeting at 10:00 on the day");
    }

    @Test
    void switchingOffAnUnknownRuleIsAnErrorWithFileAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(RulePack.DISABLED_RULES), "\ncare: holiday greetings\n");

        assertThatThrownBy(() -> layered(dir))
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining(dir + "/disabled-rules.txt:2:1: no rule named 'care: holiday greetings' to switch off");
    }

    @Test
    void aRuleWithTheNameOfADefaultRuleIsReportedAsShadowing(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("mine.drl"), """
                package dev.siyu.rules.care;
                import dev.siyu.fact.Sweep;

                rule "care: a holiday greeting at 10:00 on the day"
                when
                    Sweep( )
                then
                end
                """);

        assertThatThrownBy(() -> layered(dir))
                .isInstanceOf(RulePackException.class)
                .satisfies(e -> assertThat(((RulePackException) e).diagnostics()).anySatisfy(d -> {
                    assertThat(d.file()).isEqualTo(dir + "/mine.drl");
                    assertThat(d.line()).isEqualTo(4);
                    assertThat(d.message()).contains("shadows the rule of the same name in dev/siyu/rules/care.drl:");
                }));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "the system                 | System.exit(0);                                                  | System",
            "the runtime                | Runtime.getRuntime().gc();                                       | Runtime",
            "threads                    | new Thread(() -> {}).start();                                    | Thread",
            "reflection                 | $p.getClass().getDeclaredMethods();                              | getClass",
            "class loading              | Object o = Class.forName(\"java.lang.String\");                  | Class",
            "processes                  | new ProcessBuilder(\"ls\").start();                                | ProcessBuilder",
            "files                      | java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/x\")); | java.nio",
            "the engine's internals     | drools.getKieRuntime().halt();                                   | getKieRuntime"})
    void restrictedModeRefusesWithFileAndLine(String what, String code, String refused, @TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.drl"), """
                package acme;
                import dev.siyu.fact.Profile;

                rule "acme: bad"
                when
                    $p : Profile( )
                then
                    %s
                end
                """.formatted(code));

        assertThatThrownBy(() -> layered(dir))
                .isInstanceOf(RulePackException.class)
                .satisfies(e -> assertThat(((RulePackException) e).diagnostics()).anySatisfy(d -> {
                    assertThat(d.file()).isEqualTo(dir + "/bad.drl");
                    assertThat(d.line()).isEqualTo(8);
                    assertThat(d.message()).startsWith("restricted mode: rule 'acme: bad' uses").contains(refused);
                }));
    }

    @ParameterizedTest(name = "import {0}")
    @CsvSource({"java.io.File", "java.util.concurrent.Executors", "java.lang.reflect.Method", "org.kie.api.runtime.KieSession"})
    void restrictedModeRefusesImportsOutsideTheModel(String target, @TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("imports.drl"), """
                package acme;
                import dev.siyu.fact.Profile;
                import %s;
                """.formatted(target));

        assertThatThrownBy(() -> layered(dir))
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining(dir + "/imports.drl:3:1: restricted mode: import of '" + target + "' is not allowed");
    }

    @Test
    void aConditionIsCheckedToo(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("cond.drl"), """
                package acme;
                import dev.siyu.fact.Profile;

                rule "acme: peeks"
                when
                    $p : Profile( eval(System.getenv("HOME") != null) )
                then
                end
                """);

        assertThatThrownBy(() -> layered(dir))
                .isInstanceOf(RulePackException.class)
                .satisfies(e -> assertThat(((RulePackException) e).diagnostics()).extracting(Diagnostic::line).contains(6));
    }

    @Test
    void aTrustedPackMayUseWhatRestrictedModeRefuses(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("trusted.drl"), """
                package acme;
                import dev.siyu.fact.Profile;

                rule "acme: logs to the console"
                when
                    $p : Profile( )
                then
                    System.out.print("");
                end
                """);

        SiyuEngine engine = SiyuEngine.builder().rules(RulePack.defaults()).rules(RulePack.directory(dir).trusted()).build();

        assertThat(engine.ruleNames()).contains("acme: logs to the console");
    }
}
