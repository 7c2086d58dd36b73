package dev.siyu.schedule;

import dev.siyu.fact.Profile;
import dev.siyu.model.Engagement;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A holiday table: which holidays there are, on which solar or lunar date, for which customers. The
 * numbers are a pack file, {@code *.holidays.csv} ({@code dev.siyu.pack.HolidaysFile}); the dates of
 * lunar holidays come from {@link ChineseCalendar} ({@code cn.6tail:lunar}). During an evaluation
 * {@link ChineseCalendar#holidaysOn} answers from the table of the engine's packs; outside one, from
 * {@link #PLAYBOOK}, the default playbook's table ({@code default.holidays.csv} mirrors it).
 *
 * <p>Immutable and thread-safe; days already computed are kept.
 */
public final class Holidays {
    /** Which customers a holiday greets. */
    public enum Customers {
        /** Every customer (rules still leave out churned ones). */
        ALL,
        /** Buyers: engagement CUSTOMER or REPEAT. */
        BUYERS,
        /** Nobody: the holiday is switched off. */
        NONE
    }

    /** One holiday: its code, a solar or lunar month and day, and whom it greets. */
    public record Holiday(String code, boolean lunar, int month, int day, Customers customers) {
        public Holiday {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(customers, "customers");
        }
    }

    /** The holidays of PLAYBOOK §8, every customer. */
    public static final Holidays PLAYBOOK = new Holidays(List.of(
            new Holiday("NEW_YEAR", false, 1, 1, Customers.ALL),
            new Holiday("SPRING_FESTIVAL", true, 1, 1, Customers.ALL),
            new Holiday("LANTERN", true, 1, 15, Customers.ALL),
            new Holiday("WOMENS_DAY", false, 3, 8, Customers.ALL),
            new Holiday("LABOR_DAY", false, 5, 1, Customers.ALL),
            new Holiday("DRAGON_BOAT", true, 5, 5, Customers.ALL),
            new Holiday("QIXI", true, 7, 7, Customers.ALL),
            new Holiday("TEACHERS_DAY", false, 9, 10, Customers.ALL),
            new Holiday("MID_AUTUMN", true, 8, 15, Customers.ALL),
            new Holiday("NATIONAL_DAY", false, 10, 1, Customers.ALL),
            new Holiday("DOUBLE_NINTH", true, 9, 9, Customers.ALL),
            new Holiday("DOUBLE_11", false, 11, 11, Customers.ALL),
            new Holiday("DOUBLE_12", false, 12, 12, Customers.ALL),
            new Holiday("CHRISTMAS", false, 12, 25, Customers.ALL)));

    private static final ThreadLocal<Holidays> CURRENT = new ThreadLocal<>();

    private final List<Holiday> holidays;
    private final Map<LocalDate, List<Holiday>> days = new ConcurrentHashMap<>();
    private final Map<LocalDate, Optional<LocalDate>> next = new ConcurrentHashMap<>();

    /** A table of {@code holidays}, in the order given (the order codes come out in). */
    public Holidays(List<Holiday> holidays) {
        this.holidays = List.copyOf(holidays);
    }

    /** The holidays of the table. */
    public List<Holiday> all() {
        return holidays;
    }

    /** The codes of the holidays on {@code date} that greet anybody. */
    public List<String> on(LocalDate date) {
        return codes(date).anybody();
    }

    /** The codes of the holidays on {@code date} that greet {@code profile}. */
    public List<String> on(LocalDate date, Profile profile) {
        boolean buyer = profile.getEngagement() == Engagement.CUSTOMER || profile.getEngagement() == Engagement.REPEAT;
        return buyer ? codes(date).buyers() : codes(date).everyone();
    }

    /** The codes of one day: for anybody, for buyers, for every customer; worked out once per day. */
    private record Codes(List<String> anybody, List<String> buyers, List<String> everyone) { }

    private final Map<LocalDate, Codes> codes = new ConcurrentHashMap<>();

    private Codes codes(LocalDate date) {
        return codes.computeIfAbsent(date, d -> {
            List<Holiday> day = onDay(d);
            return new Codes(
                    day.stream().filter(h -> h.customers() != Customers.NONE).map(Holiday::code).toList(),
                    day.stream().filter(h -> h.customers() == Customers.ALL || h.customers() == Customers.BUYERS)
                            .map(Holiday::code).toList(),
                    day.stream().filter(h -> h.customers() == Customers.ALL).map(Holiday::code).toList());
        });
    }

    /** The first day after {@code date} with a holiday that greets anybody (within two years), if any. */
    public Optional<LocalDate> nextAfter(LocalDate date) {
        return next.computeIfAbsent(date, d -> {
            for (LocalDate day = d.plusDays(1); !day.isAfter(d.plusYears(2)); day = day.plusDays(1)) {
                if (!on(day).isEmpty()) {
                    return Optional.of(day);
                }
            }
            return Optional.empty();
        });
    }

    private List<Holiday> onDay(LocalDate date) {
        return days.computeIfAbsent(date, d -> {
            List<Holiday> found = new ArrayList<>();
            for (Holiday h : holidays) {
                boolean matches = h.lunar() ? ChineseCalendar.isLunarDate(d, h.month(), h.day())
                        : d.getMonthValue() == h.month() && d.getDayOfMonth() == h.day();
                if (matches) {
                    found.add(h);
                }
            }
            return List.copyOf(found);
        });
    }

    /** The table {@link ChineseCalendar} answers from on this thread: the bound one, or {@link #PLAYBOOK}. */
    static Holidays current() {
        Holidays bound = CURRENT.get();
        return bound == null ? PLAYBOOK : bound;
    }

    /**
     * Runs {@code work} with {@link ChineseCalendar#holidaysOn} answering from {@code table} on this
     * thread (the engine does this around the rules of an evaluation).
     */
    public static <T> T during(Holidays table, Supplier<T> work) {
        Holidays before = CURRENT.get();
        CURRENT.set(Objects.requireNonNull(table, "table"));
        try {
            return work.get();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Holidays other && holidays.equals(other.holidays);
    }

    @Override
    public int hashCode() {
        return holidays.hashCode();
    }

    @Override
    public String toString() {
        return "Holidays" + holidays.stream().map(Holiday::code).toList();
    }
}
