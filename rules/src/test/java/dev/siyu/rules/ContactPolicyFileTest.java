package dev.siyu.rules;

import dev.siyu.Decision;
import dev.siyu.SiyuEngine;
import dev.siyu.action.Task;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;
import dev.siyu.pack.ContactPolicyFile;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RulePackException;
import dev.siyu.schedule.ContactPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Contact hours and caps live in a pack file an operations team layers; Java keeps only the mechanism. */
class ContactPolicyFileTest {
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-03-02T10:00:00+08:00");

    @Test
    void theDefaultPacksFileIsThePlaybooksPolicy() {
        assertThat(ContactPolicyFile.of(List.of(RulePack.defaults()))).isEqualTo(ContactPolicy.DEFAULT);
    }

    @Test
    void aLayeredFileChangesTheCapsAndKeepsTheRowsItLeavesOut(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("shop.contact-policy.csv"), "setting,value\nmax_per_day,2\nmax_per_window,5\n");
        Files.writeString(dir.resolve("empty.drl"), "package acme;\n");

        ContactPolicy policy = ContactPolicyFile.of(List.of(RulePack.defaults(), RulePack.directory(dir)));

        assertThat(policy).isEqualTo(ContactPolicy.DEFAULT.withCaps(2, 5, 7));
        assertThat(policy.contactStart()).isEqualTo(LocalTime.of(9, 0));
    }

    @Test
    void withTwoADayTwoProactiveTouchesShareADay(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("shop.contact-policy.csv"), "setting,value\nmax_per_day,2\nmax_per_window,5\n");
        Files.writeString(dir.resolve("empty.drl"), "package acme;\n");
        SiyuEngine standard = SiyuEngine.builder().build();
        SiyuEngine twoADay = SiyuEngine.builder().rules(RulePack.defaults()).rules(RulePack.directory(dir)).build();
        Customer customer = Customer.builder("c-1").addedAt(AT.minusDays(10)).build();
        List<Touchpoint> events = List.of(
                Touchpoint.of("q-1", "PRICE_INQUIRY", AT),
                Touchpoint.of("d-1", "DELIVERED", AT.plusMinutes(1)).with("orderId", "o-1"));

        Decision one = standard.evaluate(customer, events, AT.plusMinutes(2));
        Decision two = twoADay.evaluate(customer, events, AT.plusMinutes(2));

        assertThat(mostProactiveTasksOnOneDay(one)).isEqualTo(1);
        assertThat(mostProactiveTasksOnOneDay(two)).isEqualTo(2);
    }

    private static long mostProactiveTasksOnOneDay(Decision decision) {
        return decision.tasks().stream().filter(t -> t.kind().isProactive())
                .collect(java.util.stream.Collectors.groupingBy(t -> t.dueAt().toLocalDate(), java.util.stream.Collectors.counting()))
                .values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    @Test
    void aBadValueIsLocatedByFileRowAndColumn(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("shop.contact-policy.csv"),
                "setting,value\nmax_per_day,two\ncontact_hours,9-21\nkind_order,FOLLOW_UP CALL\nquiet_days,7\n");
        Files.writeString(dir.resolve("empty.drl"), "package acme;\n");

        RulePackException e = catchThrowableOfType(() -> SiyuEngine.builder().rules(RulePack.defaults())
                .rules(RulePack.directory(dir)).build(), RulePackException.class);

        String file = dir + "/shop.contact-policy.csv";
        assertThat(e.diagnostics()).extracting(Object::toString).containsExactlyInAnyOrder(
                file + ":2:2: setting 'max_per_day': expected a whole number of at least 1, got 'two'",
                file + ":3:2: setting 'contact_hours': expected HH:MM-HH:MM such as 09:00-21:00",
                file + ":4:2: setting 'kind_order': unknown task kind 'CALL' (known: GREETING FOLLOW_UP ORDER_NOTICE CARE "
                        + "REFERRAL REPURCHASE ACTIVATION HOLIDAY SOLAR_TERM VIP)",
                file + ":5:1: unknown setting 'quiet_days' (known: contact_hours, max_per_day, max_per_window, window_days, "
                        + "history_hours, drop_when_full, kind_order)");
    }

    @Test
    void aPolicyGivenInJavaReplacesThePacksFiles() {
        SiyuEngine engine = SiyuEngine.builder().contactPolicy(ContactPolicy.DEFAULT.withContactHours(LocalTime.of(11, 0),
                LocalTime.of(20, 0))).build();

        Decision decision = engine.evaluate(Customer.builder("c-1").build(),
                List.of(Touchpoint.of("q-1", "PRICE_INQUIRY", AT.minusHours(2))), AT.minusHours(2));

        assertThat(decision.tasks()).extracting(Task::dueAt).allSatisfy(due ->
                assertThat(due.toLocalTime()).isBetween(LocalTime.of(11, 0), LocalTime.of(20, 0)));
    }
}
