package dev.siyu.pack;

import dev.siyu.schedule.Holidays;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.time.MonthDay;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The holiday table as pack files, {@code *.holidays.csv} (节日, PLAYBOOK §8): header
 * {@code code,calendar,date,customers} (more columns, e.g. a description, are allowed), one holiday a
 * row:
 *
 * <ul>
 *   <li>{@code code}: what rules and scripts get ({@code SPRING_FESTIVAL}; the script is
 *       {@code holiday.<code in lower case>});</li>
 *   <li>{@code calendar}: {@code solar} (Gregorian) or {@code lunar} (农历, computed by {@code cn.6tail:lunar});</li>
 *   <li>{@code date}: {@code MM-DD}, e.g. {@code 01-15};</li>
 *   <li>{@code customers}: {@code all}, {@code buyers} (CUSTOMER and REPEAT) or {@code none} (switched off).</li>
 * </ul>
 *
 * Files layer per row: a later pack's row for a code replaces the earlier one (set {@code customers}
 * to {@code none} to switch a default holiday off). Every bad cell is reported with file, row and column.
 *
 * <p>Stateless and thread-safe.
 */
public final class HolidaysFile {
    /** How the file's name ends. */
    public static final String SUFFIX = ".holidays.csv";

    private static final List<String> HEADER = List.of("code", "calendar", "date", "customers");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern DATE = Pattern.compile("([0-9]{2})-([0-9]{2})");

    private HolidaysFile() {
    }

    /**
     * The holidays of the packs' files in layer order, or {@link Holidays#PLAYBOOK} when no pack has one.
     *
     * @throws RulePackException listing every bad cell as file:row:column
     */
    public static Holidays of(List<RulePack> packs) {
        Map<String, Holidays.Holiday> holidays = new LinkedHashMap<>();
        List<Diagnostic> problems = new ArrayList<>();
        boolean[] any = {false};
        PackCsv.readAll(packs, SUFFIX, "unreadable holiday table: ", problems, (file, parser) -> {
            any[0] = true;
            read(file, parser, holidays, problems);
        });
        if (!problems.isEmpty()) {
            throw new RulePackException("holiday table", problems);
        }
        return any[0] ? new Holidays(List.copyOf(holidays.values())) : Holidays.PLAYBOOK;
    }

    private static void read(String file, CSVParser parser, Map<String, Holidays.Holiday> holidays, List<Diagnostic> problems) {
        boolean header = true;
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (CSVRecord record : parser) {
            int line = (int) parser.getCurrentLineNumber();
            if (header) {
                header = false;
                List<String> names = record.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
                if (names.size() < HEADER.size() || !names.subList(0, HEADER.size()).equals(HEADER)) {
                    problems.add(new Diagnostic(file, line, 1, "expected the header " + String.join(",", HEADER)
                            + " (more columns may follow), got " + String.join(",", record.toList())));
                    return;
                }
                continue;
            }
            if (record.size() < HEADER.size()) {
                problems.add(new Diagnostic(file, line, 1, "expected " + HEADER.size() + " columns ("
                        + String.join(",", HEADER) + "), got " + record.size()));
                continue;
            }
            int before = problems.size();
            String code = record.get(0);
            if (!CODE.matcher(code).matches()) {
                problems.add(new Diagnostic(file, line, 1, "code '" + code
                        + "' must be upper-case letters, digits and _, starting with a letter (at most 64)"));
            } else if (seen.putIfAbsent(code, line) != null) {
                problems.add(new Diagnostic(file, line, 1, "holiday '" + code + "' is already listed on line " + seen.get(code)));
            }
            String calendar = record.get(1).toLowerCase(Locale.ROOT);
            boolean lunar = calendar.equals("lunar");
            if (!lunar && !calendar.equals("solar")) {
                problems.add(new Diagnostic(file, line, 2, "calendar must be solar or lunar, got '" + record.get(1) + "'"));
            }
            int month = 0;
            int day = 0;
            Matcher date = DATE.matcher(record.get(2));
            if (date.matches()) {
                month = Integer.parseInt(date.group(1));
                day = Integer.parseInt(date.group(2));
            }
            if (!validDate(lunar, month, day)) {
                problems.add(new Diagnostic(file, line, 3, "date must be MM-DD, a " + (lunar ? "lunar month 01-12 and day 01-30"
                        : "day of the year such as 10-01") + ", got '" + record.get(2) + "'"));
            }
            Holidays.Customers customers = null;
            for (Holidays.Customers c : Holidays.Customers.values()) {
                if (c.name().toLowerCase(Locale.ROOT).equals(record.get(3).toLowerCase(Locale.ROOT))) {
                    customers = c;
                }
            }
            if (customers == null) {
                problems.add(new Diagnostic(file, line, 4, "customers must be all, buyers or none, got '" + record.get(3) + "'"));
            }
            if (problems.size() == before) {
                holidays.put(code, new Holidays.Holiday(code, lunar, month, day, customers));
            }
        }
    }

    private static boolean validDate(boolean lunar, int month, int day) {
        if (lunar) {
            return month >= 1 && month <= 12 && day >= 1 && day <= 30;
        }
        try {
            MonthDay.of(month, day);
            return true;
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }

}
