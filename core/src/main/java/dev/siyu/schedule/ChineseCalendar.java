package dev.siyu.schedule;

import com.nlf.calendar.Lunar;
import com.nlf.calendar.Solar;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Chinese lunisolar calendar for rule files: lunar dates and the 24 solar terms (二十四节气),
 * computed by the {@code cn.6tail:lunar} library (astronomical, any year 1900–2100; no date table
 * typed by hand).
 *
 * <p>Thread-safe; days already computed are kept (a few hundred bytes each).
 */
public final class ChineseCalendar {
    /** The library names the terms of the next year's start by code; these are their names. */
    private static final Map<String, String> TERM_CODES = Map.ofEntries(
            Map.entry("DONG_ZHI", "冬至"), Map.entry("XIAO_HAN", "小寒"), Map.entry("DA_HAN", "大寒"),
            Map.entry("LI_CHUN", "立春"), Map.entry("YU_SHUI", "雨水"), Map.entry("JING_ZHE", "惊蛰"),
            Map.entry("DA_XUE", "大雪"));

    /** What the library computes for a day; computing it is costly, so each day is computed once. */
    private record Day(int lunarMonth, int lunarDay, Optional<String> term) { }

    private static final Map<LocalDate, Day> DAYS = new ConcurrentHashMap<>();

    private ChineseCalendar() {
    }

    private static Day day(LocalDate date) {
        return DAYS.computeIfAbsent(date, d -> {
            Lunar lunar = Solar.fromYmd(d.getYear(), d.getMonthValue(), d.getDayOfMonth()).getLunar();
            String term = lunar.getJieQi();
            return new Day(lunar.getMonth(), lunar.getDay(),
                    term == null || term.isEmpty() ? Optional.empty() : Optional.of(TERM_CODES.getOrDefault(term, term)));
        });
    }

    /** {@code true} when {@code date} is lunar month {@code month}, day {@code day} (not a leap month). */
    public static boolean isLunarDate(LocalDate date, int month, int day) {
        Day d = day(date);
        return d.lunarMonth() == month && d.lunarDay() == day;
    }

    /**
     * The holiday codes of {@code date} in the pack's holiday table ({@code *.holidays.csv}, see
     * {@link Holidays}); the default playbook's are NEW_YEAR (1/1), SPRING_FESTIVAL (lunar 1/1),
     * LANTERN (lunar 1/15), WOMENS_DAY (3/8), LABOR_DAY (5/1), DRAGON_BOAT (lunar 5/5), QIXI (lunar
     * 7/7), TEACHERS_DAY (9/10), MID_AUTUMN (lunar 8/15), NATIONAL_DAY (10/1), DOUBLE_NINTH (lunar
     * 9/9), DOUBLE_11 (11/11), DOUBLE_12 (12/12), CHRISTMAS (12/25).
     */
    public static List<String> holidaysOn(LocalDate date) {
        return Holidays.current().on(date);
    }

    /** The holiday codes of {@code date} whose {@code customers} column includes {@code profile}. */
    public static List<String> holidaysOn(LocalDate date, dev.siyu.fact.Profile profile) {
        return Holidays.current().on(date, profile);
    }

    /** The Gregorian date of lunar {@code month}/{@code day} in lunar year {@code lunarYear}. */
    public static LocalDate fromLunar(int lunarYear, int month, int day) {
        Solar solar = Lunar.fromYmd(lunarYear, month, day).getSolar();
        return LocalDate.of(solar.getYear(), solar.getMonth(), solar.getDay());
    }

    private static final Map<LocalDate, LocalDate> NEXT_TERM = new ConcurrentHashMap<>();

    /**
     * The first day after {@code date} with a holiday of {@link #holidaysOn}; with a table that has
     * none, the day two years later (a time to look again).
     */
    public static LocalDate nextHolidayAfter(LocalDate date) {
        return Holidays.current().nextAfter(date).orElse(date.plusYears(2));
    }

    /** The first day after {@code date} on which a solar term begins. */
    public static LocalDate nextSolarTermAfter(LocalDate date) {
        return NEXT_TERM.computeIfAbsent(date, d -> {
            // 24 terms a year: one is found within a month
            LocalDate day = d.plusDays(1);
            while (day(day).term().isEmpty()) {
                day = day.plusDays(1);
            }
            return day;
        });
    }

    /** The solar term (its Chinese name, e.g. 立春) that begins on {@code date}, if any. */
    public static Optional<String> solarTermOn(LocalDate date) {
        return day(date).term();
    }
}
