package dev.siyu.rules;

import dev.siyu.Decision;
import dev.siyu.SiyuEngine;
import dev.siyu.action.Task;
import dev.siyu.model.Customer;
import dev.siyu.model.Engagement;
import dev.siyu.model.Touchpoint;
import dev.siyu.pack.DeletedFriendPolicyFile;
import dev.siyu.pack.HolidaysFile;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RulePackException;
import dev.siyu.schedule.DeletedFriendPolicy;
import dev.siyu.schedule.Holidays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The holiday table and the deleted-friend policy are pack files an integrator layers; Java keeps the mechanisms. */
class PlaybookNumbersInPackFilesTest {

    private static SiyuEngine layered(Path dir) {
        return SiyuEngine.builder().rules(RulePack.defaults()).rules(RulePack.directory(dir)).build();
    }

    private static List<String> scripts(Decision decision) {
        return decision.tasks().stream().map(Task::script).toList();
    }

    @Test
    void theDefaultPacksHolidayFileIsThePlaybooksTable() {
        assertThat(HolidaysFile.of(List.of(RulePack.defaults()))).isEqualTo(Holidays.PLAYBOOK);
    }

    @Test
    void aLayeredHolidayFileSwitchesADefaultHolidayOffAndAddsOneForBuyersOnly(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("shop.holidays.csv"), """
                code,calendar,date,customers
                CHRISTMAS,solar,12-25,none
                SHOP_ANNIVERSARY,solar,06-18,buyers
                """);
        Files.writeString(dir.resolve("shop.zh-CN.scripts.json"), """
                {"locale": "zh-CN", "scripts": {"holiday.shop_anniversary": "{{name}}，店庆快乐，感谢您一直以来的支持"}}
                """);
        Files.writeString(dir.resolve("empty.drl"), "package acme;\n");
        SiyuEngine engine = layered(dir);
        SiyuEngine defaults = SiyuEngine.builder().build();
        OffsetDateTime christmas = OffsetDateTime.parse("2026-12-25T08:30:00+08:00");
        OffsetDateTime anniversary = OffsetDateTime.parse("2026-06-18T08:30:00+08:00");
        Customer buyer = Customer.builder("c-buyer").engagement(Engagement.CUSTOMER).build();
        Customer friend = Customer.of("c-friend");

        assertThat(scripts(defaults.evaluate(friend, List.of(), christmas))).contains("holiday.christmas");
        assertThat(scripts(engine.evaluate(friend, List.of(), christmas))).doesNotContain("holiday.christmas");
        assertThat(scripts(engine.evaluate(buyer, List.of(), anniversary))).contains("holiday.shop_anniversary");
        assertThat(scripts(engine.evaluate(friend, List.of(), anniversary))).doesNotContain("holiday.shop_anniversary");
        assertThat(scripts(defaults.evaluate(buyer, List.of(), anniversary))).doesNotContain("holiday.shop_anniversary");
    }

    @Test
    void aBadCellOfAHolidayFileIsLocatedByRowAndColumn(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("shop.holidays.csv"), """
                code,calendar,date,customers
                MOON_DAY,moon,13-40,some
                LEAP,solar,02-30,all
                """);
        Files.writeString(dir.resolve("empty.drl"), "package acme;\n");

        RulePackException e = catchThrowableOfType(RulePackException.class, () -> layered(dir));

        String file = dir + "/shop.holidays.csv";
        assertThat(e.diagnostics()).extracting(Object::toString).containsExactly(
                file + ":2:2: calendar must be solar or lunar, got 'moon'",
                file + ":2:3: date must be MM-DD, a day of the year such as 10-01, got '13-40'",
                file + ":2:4: customers must be all, buyers or none, got 'some'",
                file + ":3:3: date must be MM-DD, a day of the year such as 10-01, got '02-30'");
    }

    @Test
    void theDefaultPacksDeletedFriendFileIsThePlaybooksPolicy() {
        assertThat(DeletedFriendPolicyFile.of(List.of(RulePack.defaults()))).isEqualTo(DeletedFriendPolicy.DEFAULT);
    }

    @Test
    void aLayeredDeletedFriendPolicyLetsReactiveTasksThrough(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("shop.deleted-friend.csv"), "setting,value\nsuppress_tasks,proactive\n");
        Files.writeString(dir.resolve("empty.drl"), "package acme;\n");
        OffsetDateTime at = OffsetDateTime.parse("2026-03-02T10:00:00+08:00");
        List<Touchpoint> events = List.of(Touchpoint.of("d-1", "FRIEND_DELETED", at),
                Touchpoint.of("o-1", "ORDER_PAID", at.plusHours(1)).with("orderId", "o-1").with("amount", "99.00"));
        Customer customer = Customer.builder("c-1").addedAt(at.minusDays(3)).build();

        Decision standard = SiyuEngine.builder().build().evaluate(customer, events, at.plusHours(2));
        Decision lenient = layered(dir).evaluate(customer, events, at.plusHours(2));

        assertThat(scripts(standard)).as("nothing after deletion").doesNotContain("order.thanks");
        assertThat(scripts(lenient)).as("an order notice is reactive").contains("order.thanks");
        assertThat(lenient.tasks()).allSatisfy(t -> assertThat(t.kind().isProactive()).isFalse());
    }

    @Test
    void aBadDeletedFriendValueIsLocatedByRowAndColumn(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("shop.deleted-friend.csv"), "setting,value\nsuppress_tasks,some\nsuppress_alerts,yes\n");
        Files.writeString(dir.resolve("empty.drl"), "package acme;\n");

        RulePackException e = catchThrowableOfType(RulePackException.class, () -> layered(dir));

        String file = dir + "/shop.deleted-friend.csv";
        assertThat(e.diagnostics()).extracting(Object::toString).containsExactly(
                file + ":2:2: setting 'suppress_tasks': expected all, proactive or none, got 'some'",
                file + ":3:2: setting 'suppress_alerts': expected true or false, got 'yes'");
    }
}
