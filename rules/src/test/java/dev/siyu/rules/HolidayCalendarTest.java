package dev.siyu.rules;

import dev.siyu.SiyuEngine;
import dev.siyu.action.Task;
import dev.siyu.model.Customer;
import dev.siyu.model.TaskKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every holiday of PLAYBOOK §8 in 2024–2030 falls on its published date: the default pack greets
 * on that day at 10:00 and not the day before.
 */
class HolidayCalendarTest {
    private static final SiyuEngine ENGINE = SiyuEngine.builder().build();

    /** Published dates of the lunar holidays (农历), 2024–2030. */
    private static final String[][] LUNAR = {
            {"SPRING_FESTIVAL", "2024-02-10", "2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26", "2029-02-13", "2030-02-03"},
            {"LANTERN", "2024-02-24", "2025-02-12", "2026-03-03", "2027-02-20", "2028-02-09", "2029-02-27", "2030-02-17"},
            {"DRAGON_BOAT", "2024-06-10", "2025-05-31", "2026-06-19", "2027-06-09", "2028-05-28", "2029-06-16", "2030-06-05"},
            {"QIXI", "2024-08-10", "2025-08-29", "2026-08-19", "2027-08-08", "2028-08-26", "2029-08-16", "2030-08-05"},
            {"MID_AUTUMN", "2024-09-17", "2025-10-06", "2026-09-25", "2027-09-15", "2028-10-03", "2029-09-22", "2030-09-12"},
            {"DOUBLE_NINTH", "2024-10-11", "2025-10-29", "2026-10-18", "2027-10-08", "2028-10-26", "2029-10-16", "2030-10-05"},
    };

    private static final String[][] FIXED = {
            {"NEW_YEAR", "01-01"}, {"WOMENS_DAY", "03-08"}, {"LABOR_DAY", "05-01"}, {"TEACHERS_DAY", "09-10"},
            {"NATIONAL_DAY", "10-01"}, {"DOUBLE_11", "11-11"}, {"DOUBLE_12", "12-12"}, {"CHRISTMAS", "12-25"},
    };

    static Stream<Arguments> publishedHolidays() {
        List<Arguments> days = new ArrayList<>();
        for (String[] holiday : LUNAR) {
            for (int i = 1; i < holiday.length; i++) {
                days.add(Arguments.of(holiday[0], LocalDate.parse(holiday[i])));
            }
        }
        for (String[] holiday : FIXED) {
            for (int year = 2024; year <= 2030; year++) {
                days.add(Arguments.of(holiday[0], LocalDate.parse(year + "-" + holiday[1])));
            }
        }
        return days.stream();
    }

    private static List<Task> holidayTasks(LocalDate day) {
        OffsetDateTime morning = day.atTime(8, 30).atOffset(ZoneOffset.ofHours(8));
        return ENGINE.evaluate(Customer.of("c-cal"), List.of(), morning).tasks().stream()
                .filter(t -> t.kind() == TaskKind.HOLIDAY).toList();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("publishedHolidays")
    void greetsOnThePublishedDateAtTenAndNotTheDayBefore(String code, LocalDate day) {
        List<Task> onTheDay = holidayTasks(day);
        List<Task> dayBefore = holidayTasks(day.minusDays(1));

        assertThat(onTheDay).extracting(Task::script).contains("holiday." + code.toLowerCase());
        assertThat(onTheDay).filteredOn(t -> t.script().equals("holiday." + code.toLowerCase()))
                .extracting(Task::dueAt).containsExactly(day.atTime(10, 0).atOffset(ZoneOffset.ofHours(8)));
        assertThat(dayBefore).extracting(Task::script).doesNotContain("holiday." + code.toLowerCase());
    }
}
