package dev.siyu.schedule;

import dev.siyu.model.TaskKind;
import dev.siyu.schedule.ContactPolicy.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactPolicyTest {
    private static final ContactPolicy POLICY = ContactPolicy.DEFAULT;
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final OffsetDateTime NOW = at("2026-03-02T08:00");

    private static OffsetDateTime at(String local) {
        return OffsetDateTime.parse(local + ":00+08:00");
    }

    private static Optional<OffsetDateTime> place(TaskKind kind, String nominal, List<OffsetDateTime> placed) {
        return POLICY.place(new Request("k", kind, at(nominal)), SHANGHAI, NOW, placed, false);
    }

    @ParameterizedTest(name = "a follow-up nominally at {0} is due at {1}")
    @CsvSource({
            "2026-03-02T08:59, 2026-03-02T09:00",
            "2026-03-02T09:00, 2026-03-02T09:00",
            "2026-03-02T20:59, 2026-03-02T20:59",
            "2026-03-02T21:00, 2026-03-03T09:00",
            "2026-03-02T23:30, 2026-03-03T09:00",
            "2026-03-03T00:00, 2026-03-03T09:00"})
    void proactiveTasksAreDueOnlyWithinContactHours(String nominal, String expected) {
        assertThat(place(TaskKind.FOLLOW_UP, nominal, List.of())).contains(at(expected));
    }

    @ParameterizedTest(name = "a {0} at 23:40 stays at 23:40")
    @CsvSource({"GREETING", "ORDER_NOTICE"})
    void reactiveTasksIgnoreContactHoursAndCaps(TaskKind kind) {
        List<OffsetDateTime> busy = List.of(at("2026-03-02T10:00"), at("2026-03-01T10:00"), at("2026-02-28T10:00"));

        assertThat(place(kind, "2026-03-02T23:40", busy)).contains(at("2026-03-02T23:40"));
    }

    @Test
    void oneProactiveTaskPerLocalDayPushesTheNextToNineTheFollowingDay() {
        assertThat(place(TaskKind.CARE, "2026-03-05T15:00", List.of(at("2026-03-05T09:30"))))
                .contains(at("2026-03-06T09:00"));
    }

    @Test
    void threeInAnySevenConsecutiveDaysPushesTheFourthOutOfTheWindow() {
        List<OffsetDateTime> placed = List.of(at("2026-03-02T10:00"), at("2026-03-04T10:00"), at("2026-03-06T10:00"));

        // 3/3 .. 3/8 all share a 7-day window with the three placed ones; 3/9 is the first day
        // whose every window (3/3–3/9 … 3/9–3/15) holds at most two of them.
        assertThat(place(TaskKind.FOLLOW_UP, "2026-03-03T10:00", placed)).contains(at("2026-03-09T09:00"));
    }

    @Test
    void theSevenDayWindowRollsAndLooksBackAsWellAsForward() {
        List<OffsetDateTime> placed = List.of(at("2026-03-10T10:00"), at("2026-03-12T10:00"));

        assertThat(place(TaskKind.FOLLOW_UP, "2026-03-08T10:00", placed)).contains(at("2026-03-08T10:00"));
        assertThat(place(TaskKind.FOLLOW_UP, "2026-03-03T10:00", placed))
                .as("3/3–3/9 holds none of them").contains(at("2026-03-03T10:00"));
    }

    @Test
    void holidayAndSolarTermTasksThatDoNotFitTheirDayAreDropped() {
        List<OffsetDateTime> placed = List.of(at("2026-03-08T09:00"));

        assertThat(place(TaskKind.HOLIDAY, "2026-03-08T10:00", placed)).isEmpty();
        assertThat(place(TaskKind.SOLAR_TERM, "2026-03-08T09:00", placed)).isEmpty();
        assertThat(place(TaskKind.ACTIVATION, "2026-03-08T10:00", placed)).contains(at("2026-03-09T09:00"));
    }

    @Test
    void historyDoesNotMessageCustomers() {
        OffsetDateTime now = at("2026-03-10T12:00");

        assertThat(POLICY.place(new Request("k", TaskKind.ORDER_NOTICE, at("2026-03-09T11:59")), SHANGHAI, now,
                List.of(), false)).isEmpty();
        assertThat(POLICY.place(new Request("k", TaskKind.ORDER_NOTICE, at("2026-03-09T12:00")), SHANGHAI, now,
                List.of(), false)).contains(at("2026-03-09T12:00"));
    }

    @Test
    void doNotDisturbDropsProactiveTasksOnly() {
        assertThat(POLICY.place(new Request("k", TaskKind.FOLLOW_UP, at("2026-03-02T10:00")), SHANGHAI, NOW, List.of(), true))
                .isEmpty();
        assertThat(POLICY.place(new Request("k", TaskKind.GREETING, at("2026-03-02T10:00")), SHANGHAI, NOW, List.of(), true))
                .contains(at("2026-03-02T10:00"));
    }

    @Test
    void equalDueTimesArePlacedByKindThenByKey() {
        OffsetDateTime ten = at("2026-03-05T10:00");
        List<Request> requests = new ArrayList<>(List.of(
                new Request("z", TaskKind.SOLAR_TERM, ten), new Request("b", TaskKind.CARE, ten),
                new Request("a", TaskKind.CARE, ten), new Request("c", TaskKind.REPURCHASE, ten),
                new Request("d", TaskKind.FOLLOW_UP, ten), new Request("e", TaskKind.VIP, ten),
                new Request("f", TaskKind.HOLIDAY, ten), new Request("g", TaskKind.ACTIVATION, ten),
                new Request("h", TaskKind.REFERRAL, ten)));

        requests.sort(POLICY.placementOrder());

        assertThat(requests).extracting(Request::key).containsExactly("d", "e", "a", "b", "h", "c", "g", "f", "z");
    }

    @Test
    void dayArithmeticFollowsTheCustomersZoneAcrossDaylightSaving() {
        ZoneId newYork = ZoneId.of("America/New_York");
        // Sunday 8 March 2026, 02:00 local: clocks go forward. 08:30 EST on the 7th is 13:30Z.
        OffsetDateTime nominal = OffsetDateTime.parse("2026-03-07T08:30:00-05:00");

        Optional<OffsetDateTime> due = POLICY.place(new Request("k", TaskKind.FOLLOW_UP, nominal), newYork,
                OffsetDateTime.parse("2026-03-07T08:00:00-05:00"), List.of(OffsetDateTime.parse("2026-03-07T12:00:00-05:00")), false);

        assertThat(due).contains(OffsetDateTime.parse("2026-03-08T09:00:00-04:00"));
    }

    @Test
    void everyNumberIsConfigurable() {
        ContactPolicy night = POLICY.withContactHours(LocalTime.of(8, 0), LocalTime.of(22, 0)).withCaps(2, 4, 7)
                .withHistoryLimit(Duration.ofHours(1));
        List<OffsetDateTime> one = List.of(at("2026-03-05T09:00"));

        assertThat(night.place(new Request("k", TaskKind.CARE, at("2026-03-05T21:30")), SHANGHAI, NOW, one, false))
                .contains(at("2026-03-05T21:30"));
        assertThat(night.isHistory(at("2026-03-02T06:59"), NOW)).isTrue();
    }

    @Test
    void impossibleSettingsAreRefusedWithWhatWasGiven() {
        assertThatThrownBy(() -> POLICY.withContactHours(LocalTime.of(21, 0), LocalTime.of(9, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contact hours must start before they end, got 21:00–09:00");
        assertThatThrownBy(() -> POLICY.withCaps(2, 1, 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 a day, 1 in 7 days");
    }
}
