package dev.siyu.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.siyu.action.Task;
import dev.siyu.model.Customer;
import dev.siyu.model.Engagement;
import dev.siyu.model.Money;
import dev.siyu.model.OrderRecord;
import dev.siyu.model.PendingTask;
import dev.siyu.model.SentTask;
import dev.siyu.model.TaskKind;
import dev.siyu.model.Tier;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The report an operations manager reads first, over a period: the funnel (docs/playbook.md §12),
 * the same numbers for the previous period of equal length, work and SLA compliance per owner,
 * results per acquisition source, the funnel week by week, weekly cohorts of new friends and the
 * conversion between funnel steps. Everything but the per-owner SLA is computed from customer
 * states alone, from what they keep for good (see {@link Milestones}); the SLA comes from the
 * {@link Activity} of a run, and is absent without one.
 *
 * <p>Immutable and thread-safe.
 */
@JsonPropertyOrder({"from", "to", "funnel", "current", "previous", "owners", "sources", "weeks", "cohorts", "conversion"})
public record OperationsReport(
        LocalDate from,
        LocalDate to,
        Funnel funnel,
        Period current,
        Period previous,
        List<OwnerRow> owners,
        List<SourceRow> sources,
        List<WeekPoint> weeks,
        List<CohortRow> cohorts,
        List<Conversion> conversion) {

    /**
     * New friends, new buyers, orders and GMV of one period (orders and GMV from the ledger: orders
     * pruned past the retention are no longer in it).
     *
     * <p>Immutable and thread-safe.
     */
    public record Period(LocalDate from, LocalDate to, int newFriends, int newBuyers, int orders, Money gmv,
                         Money averageOrderValue) { }

    /**
     * One owner's customers, work and response times. The SLA fields are empty without the run's activity.
     *
     * <p>Immutable and thread-safe.
     */
    public record OwnerRow(String owner, int customers, int buyers, Money gmv, int tasks, Map<TaskKind, Integer> tasksByKind,
                           Optional<Integer> greetings, Optional<Integer> greetingsOverdue, Optional<BigDecimal> greetingSla,
                           Optional<Integer> repliesOwed, Optional<Integer> repliesOverdue, Optional<BigDecimal> replySla) { }

    /**
     * The results of one acquisition source.
     *
     * <p>Immutable and thread-safe.
     */
    public record SourceRow(String source, int friends, int conversing, int buyers, int repeat, int vip,
                            BigDecimal firstOrderRate, Money gmv) { }

    /**
     * The funnel at the end of a day: friends so far and how many of them reached each step.
     *
     * <p>Immutable and thread-safe.
     */
    public record WeekPoint(LocalDate day, int friends, int conversing, int quoted, int buyers, int repeat) { }

    /**
     * The friends added in one week of the period and what they had become by its end.
     *
     * <p>Immutable and thread-safe.
     */
    public record CohortRow(LocalDate week, int added, BigDecimal conversing, BigDecimal quoted, BigDecimal bought,
                            BigDecimal repeat) { }

    /**
     * From one funnel step to the next: how many made it.
     *
     * <p>Immutable and thread-safe.
     */
    public record Conversion(String from, String to, int fromCount, int toCount, BigDecimal rate) { }

    /** The report over {@code population} for {@code from}..{@code to} (inclusive), with the run's activity. */
    public static OperationsReport of(Collection<Customer> population, Activity activity, LocalDate from, LocalDate to,
                                      ZoneId zone) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("period ends " + to + " before it starts " + from);
        }
        Funnel funnel = Funnel.of(population, from, to, zone);
        long length = ChronoUnit.DAYS.between(from, to) + 1;
        LocalDate previousTo = from.minusDays(1);
        LocalDate previousFrom = from.minusDays(length);
        List<Customer> customers = List.copyOf(population);
        List<Milestones> milestones = customers.stream().map(Milestones::of).toList();
        return new OperationsReport(from, to, funnel,
                period(customers, milestones, from, to, zone),
                period(customers, milestones, previousFrom, previousTo, zone),
                owners(customers, activity, from, to, zone),
                sources(customers, from, to, zone),
                weeks(milestones, from, to, zone),
                cohorts(milestones, from, to, zone),
                conversion(funnel));
    }

    private static OffsetDateTime endOf(LocalDate day, ZoneId zone) {
        return day.plusDays(1).atStartOfDay(zone).toOffsetDateTime().minusNanos(1);
    }

    private static boolean within(OffsetDateTime time, LocalDate from, LocalDate to, ZoneId zone) {
        LocalDate day = time.atZoneSameInstant(zone).toLocalDate();
        return !day.isBefore(from) && !day.isAfter(to);
    }

    private static Period period(List<Customer> customers, List<Milestones> milestones, LocalDate from, LocalDate to,
                                 ZoneId zone) {
        int newFriends = 0;
        int newBuyers = 0;
        int orders = 0;
        Money gmv = Money.ZERO;
        for (int i = 0; i < customers.size(); i++) {
            Milestones m = milestones.get(i);
            if (m.added().filter(a -> within(a, from, to, zone)).isPresent()) {
                newFriends++;
            }
            if (m.firstOrder().filter(o -> within(o, from, to, zone)).isPresent()) {
                newBuyers++;
            }
            for (OrderRecord order : customers.get(i).memory().orders()) {
                if (order.isPaid() && within(order.at(), from, to, zone)) {
                    orders++;
                    gmv = gmv.plus(order.amount());
                }
            }
        }
        return new Period(from, to, newFriends, newBuyers, orders, money(gmv.amount()),
                orders == 0 ? money(BigDecimal.ZERO) : money(gmv.amount().divide(BigDecimal.valueOf(orders), 10, RoundingMode.HALF_EVEN)));
    }

    private static List<OwnerRow> owners(List<Customer> customers, Activity activity, LocalDate from, LocalDate to,
                                         ZoneId zone) {
        OffsetDateTime end = endOf(to, zone);
        Map<String, int[]> counts = new TreeMap<>(); // customers, buyers
        Map<String, Money> gmv = new TreeMap<>();
        Map<String, Map<TaskKind, Integer>> tasks = new TreeMap<>();
        for (Customer customer : customers) {
            if (!Milestones.of(customer).addedBy(end)) {
                continue;
            }
            String owner = customer.owner().orElse("(no owner)");
            int[] c = counts.computeIfAbsent(owner, o -> new int[2]);
            c[0]++;
            if (customer.engagement() == Engagement.CUSTOMER || customer.engagement() == Engagement.REPEAT) {
                c[1]++;
            }
            for (OrderRecord order : customer.memory().orders()) {
                if (order.isPaid() && within(order.at(), from, to, zone)) {
                    gmv.merge(owner, order.amount(), Money::plus);
                }
            }
            if (activity.isEmpty()) {
                // without the run's decisions: the tasks the states still remember
                for (SentTask task : customer.memory().sentTasks()) {
                    if (within(task.dueAt(), from, to, zone)) {
                        tasks.computeIfAbsent(owner, o -> new java.util.TreeMap<>()).merge(task.kind(), 1, Integer::sum);
                    }
                }
                for (PendingTask task : customer.memory().pendingTasks()) {
                    if (within(task.dueAt(), from, to, zone)) {
                        tasks.computeIfAbsent(owner, o -> new java.util.TreeMap<>()).merge(task.kind(), 1, Integer::sum);
                    }
                }
            }
        }
        Map<String, int[]> sla = new TreeMap<>(); // greetings, greetings overdue, replies owed, replies overdue
        if (!activity.isEmpty()) {
            for (Task task : activity.tasks()) {
                if (within(task.dueAt(), from, to, zone)) {
                    String owner = Activity.ownerOf(task);
                    tasks.computeIfAbsent(owner, o -> new java.util.TreeMap<>()).merge(task.kind(), 1, Integer::sum);
                    if (Activity.isGreeting(task)) {
                        sla.computeIfAbsent(owner, o -> new int[4])[0]++;
                    }
                }
            }
            for (Activity.Raised alert : activity.alerts()) {
                if (within(alert.at(), from, to, zone)) {
                    int[] s = sla.computeIfAbsent(alert.owner(), o -> new int[4]);
                    if (alert.code().equals("GREETING_OVERDUE")) {
                        s[1]++;
                    } else if (alert.code().equals("REPLY_OVERDUE")) {
                        s[3]++;
                    }
                }
            }
            for (Activity.Owed owed : activity.owed()) {
                if (within(owed.at(), from, to, zone)) {
                    sla.computeIfAbsent(owed.owner(), o -> new int[4])[2]++;
                }
            }
        }
        List<String> names = new ArrayList<>(new java.util.TreeSet<>(counts.keySet()));
        tasks.keySet().stream().filter(o -> !counts.containsKey(o)).forEach(names::add);
        List<OwnerRow> rows = new ArrayList<>();
        for (String owner : names) {
            int[] c = counts.getOrDefault(owner, new int[2]);
            Map<TaskKind, Integer> byKind = tasks.getOrDefault(owner, new java.util.TreeMap<>());
            int total = byKind.values().stream().mapToInt(Integer::intValue).sum();
            Optional<int[]> s = activity.isEmpty() ? Optional.empty() : Optional.of(sla.getOrDefault(owner, new int[4]));
            rows.add(new OwnerRow(owner, c[0], c[1], money(gmv.getOrDefault(owner, Money.ZERO).amount()), total,
                    Map.copyOf(byKind), s.map(v -> v[0]), s.map(v -> v[1]), s.flatMap(v -> compliance(v[1], v[0])),
                    s.filter(v -> activity.eventsSeen()).map(v -> v[2]), s.filter(v -> activity.eventsSeen()).map(v -> v[3]),
                    s.filter(v -> activity.eventsSeen()).flatMap(v -> compliance(v[3], v[2]))));
        }
        return List.copyOf(rows);
    }

    /** The share answered in time, or empty when nothing was due. */
    private static Optional<BigDecimal> compliance(int late, int due) {
        return due == 0 ? Optional.empty() : Optional.of(BigDecimal.valueOf(Math.max(due - late, 0))
                .divide(BigDecimal.valueOf(due), 4, RoundingMode.HALF_EVEN));
    }

    private static List<SourceRow> sources(List<Customer> customers, LocalDate from, LocalDate to, ZoneId zone) {
        OffsetDateTime end = endOf(to, zone);
        Map<String, int[]> counts = new TreeMap<>(); // friends, conversing+, buyers, repeat, vip
        Map<String, Money> gmv = new TreeMap<>();
        for (Customer customer : customers) {
            if (!Milestones.of(customer).addedBy(end)) {
                continue;
            }
            String source = customer.source().orElse("OTHER");
            int[] c = counts.computeIfAbsent(source, s -> new int[5]);
            c[0]++;
            Engagement e = customer.engagement();
            if (e != Engagement.SILENT) {
                c[1]++;
            }
            if (e == Engagement.CUSTOMER || e == Engagement.REPEAT) {
                c[2]++;
            }
            if (e == Engagement.REPEAT) {
                c[3]++;
            }
            if (!customer.tier().equals(Tier.REGULAR)) {
                c[4]++;
            }
            for (OrderRecord order : customer.memory().orders()) {
                if (order.isPaid() && within(order.at(), from, to, zone)) {
                    gmv.merge(source, order.amount(), Money::plus);
                }
            }
        }
        List<SourceRow> rows = new ArrayList<>();
        counts.forEach((source, c) -> rows.add(new SourceRow(source, c[0], c[1], c[2], c[3], c[4], rate(c[2], c[0]),
                money(gmv.getOrDefault(source, Money.ZERO).amount()))));
        rows.sort(java.util.Comparator.comparing(SourceRow::friends).reversed().thenComparing(SourceRow::source));
        return List.copyOf(rows);
    }

    private static List<WeekPoint> weeks(List<Milestones> milestones, LocalDate from, LocalDate to, ZoneId zone) {
        List<WeekPoint> points = new ArrayList<>();
        for (LocalDate day = from.plusDays(6); ; day = day.plusDays(7)) {
            LocalDate at = day.isAfter(to) ? to : day;
            OffsetDateTime end = endOf(at, zone);
            int[] steps = new int[5];
            for (Milestones m : milestones) {
                if (m.addedBy(end)) {
                    int step = m.stepAt(end);
                    for (int s = 0; s <= step; s++) {
                        steps[s]++;
                    }
                }
            }
            points.add(new WeekPoint(at, steps[0], steps[1], steps[2], steps[3], steps[4]));
            if (!at.isBefore(to)) {
                break;
            }
        }
        return List.copyOf(points);
    }

    private static List<CohortRow> cohorts(List<Milestones> milestones, LocalDate from, LocalDate to, ZoneId zone) {
        OffsetDateTime end = endOf(to, zone);
        List<CohortRow> rows = new ArrayList<>();
        for (LocalDate week = from; !week.isAfter(to); week = week.plusDays(7)) {
            LocalDate weekEnd = week.plusDays(6).isAfter(to) ? to : week.plusDays(6);
            int[] steps = new int[5];
            for (Milestones m : milestones) {
                LocalDate first = week;
                if (m.added().filter(a -> within(a, first, weekEnd, zone)).isPresent()) {
                    int step = m.stepAt(end);
                    for (int s = 0; s <= step; s++) {
                        steps[s]++;
                    }
                }
            }
            rows.add(new CohortRow(week, steps[0], rate(steps[1], steps[0]), rate(steps[2], steps[0]),
                    rate(steps[3], steps[0]), rate(steps[4], steps[0])));
        }
        return List.copyOf(rows);
    }

    private static List<Conversion> conversion(Funnel funnel) {
        List<Map.Entry<String, Integer>> steps = new ArrayList<>(funnel.steps().entrySet());
        List<Conversion> rows = new ArrayList<>();
        // friends → conversing → quoted → bought → bought again, and bought → VIP (members are buyers, not repeat buyers)
        for (int i = 1; i < steps.size(); i++) {
            var previous = steps.get(i == steps.size() - 1 ? i - 2 : i - 1);
            var next = steps.get(i);
            rows.add(new Conversion(previous.getKey(), next.getKey(), previous.getValue(), next.getValue(),
                    rate(next.getValue(), previous.getValue())));
        }
        return List.copyOf(rows);
    }

    static BigDecimal rate(int part, int whole) {
        return whole == 0 ? BigDecimal.ZERO.setScale(4)
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_EVEN);
    }

    static Money money(BigDecimal amount) {
        return Money.of(amount.setScale(2, RoundingMode.HALF_EVEN));
    }

    /** A whole number with thousands separators: 5,000. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Money with thousands separators: ¥109,416.00. */
    public static String yuan(Money money) {
        return String.format(Locale.ROOT, "¥%,.2f", money.amount());
    }

    /** A rate as a percentage with one decimal: 9.5%. */
    public static String percent(BigDecimal rate) {
        return rate.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_EVEN) + "%";
    }

    /** The report as text for terminals: the funnel, the comparison, owners and sources. */
    public String toText() {
        StringBuilder text = new StringBuilder(funnel.toText());
        text.append(String.format(Locale.ROOT, "%nCompared with %s .. %s:%n", previous.from(), previous.to()));
        text.append(String.format(Locale.ROOT, "  new friends %s (%s)   new buyers %s (%s)   orders %s (%s)   GMV %s (%s)%n",
                count(current.newFriends()), count(previous.newFriends()), count(current.newBuyers()),
                count(previous.newBuyers()), count(current.orders()), count(previous.orders()), yuan(current.gmv()),
                yuan(previous.gmv())));
        text.append("\nPer owner: customers, buyers, GMV, tasks, greeting SLA, reply SLA\n");
        for (OwnerRow row : owners) {
            text.append(String.format(Locale.ROOT, "  %-17s %7s %6s %13s %7s  %s  %s%n", row.owner(), count(row.customers()),
                    count(row.buyers()), yuan(row.gmv()), count(row.tasks()),
                    row.greetingSla().map(OperationsReport::percent).orElse("-"),
                    row.replySla().map(OperationsReport::percent).orElse("-")));
        }
        text.append("\nPer source: friends, buyers, first-order rate, GMV\n");
        for (SourceRow row : sources) {
            text.append(String.format(Locale.ROOT, "  %-13s %7s %6s %7s %13s%n", row.source(), count(row.friends()),
                    count(row.buyers()), percent(row.firstOrderRate()), yuan(row.gmv())));
        }
        return text.toString();
    }
}
