package dev.siyu.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.siyu.model.Customer;
import dev.siyu.model.Engagement;
import dev.siyu.model.Money;
import dev.siyu.model.OrderRecord;
import dev.siyu.model.SentTask;
import dev.siyu.model.Stage;
import dev.siyu.model.TaskKind;
import dev.siyu.model.Tier;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The funnel of docs/playbook.md §12 over a population of customer states: counts per engagement level,
 * stage and tier; first-order rate (CUSTOMER + REPEAT over all), repeat rate (REPEAT over
 * purchasers), VIP rate ((VIP + KEY_ACCOUNT) over purchasers); GMV and average order value over
 * paid, unrefunded orders in the customers' ledgers; output per customer (单粉产出) per month and per
 * year over the period from {@code from} to {@code to}. Only customers added by the end of the period
 * count. Rates have four decimals, money two.
 *
 * <p>Immutable and thread-safe.
 */
@JsonPropertyOrder({"from", "to", "customers", "engagement", "stage", "tier", "purchasers", "firstOrderRate",
        "repeatRate", "vipRate", "orders", "gmv", "averageOrderValue", "outputPerCustomerPerMonth",
        "outputPerCustomerPerYear", "gmvByMonth", "tasksByDay"})
public record Funnel(
        LocalDate from,
        LocalDate to,
        int customers,
        Map<Engagement, Integer> engagement,
        Map<Stage, Integer> stage,
        Map<Tier, Integer> tier,
        int purchasers,
        BigDecimal firstOrderRate,
        BigDecimal repeatRate,
        BigDecimal vipRate,
        int orders,
        Money gmv,
        Money averageOrderValue,
        Money outputPerCustomerPerMonth,
        Money outputPerCustomerPerYear,
        Map<YearMonth, Money> gmvByMonth,
        Map<LocalDate, Map<TaskKind, Integer>> tasksByDay) {

    /** Days in a month, for output per customer per month. */
    private static final BigDecimal DAYS_PER_MONTH = new BigDecimal("30");

    /** The funnel of {@code population} over the period {@code from}..{@code to} (both inclusive). */
    public static Funnel of(Collection<Customer> population, LocalDate from, LocalDate to, ZoneId zone) {
        Map<Engagement, Integer> engagement = new EnumMap<>(Engagement.class);
        Map<Stage, Integer> stage = new EnumMap<>(Stage.class);
        Map<Tier, Integer> tier = new TreeMap<>();
        for (Engagement e : Engagement.values()) {
            engagement.put(e, 0);
        }
        for (Stage s : Stage.values()) {
            stage.put(s, 0);
        }
        for (Tier t : Tier.values()) {
            tier.put(t, 0);
        }
        Map<YearMonth, Money> gmvByMonth = new TreeMap<>();
        Map<LocalDate, Map<TaskKind, Integer>> tasksByDay = new TreeMap<>();
        Money gmv = Money.ZERO;
        int orders = 0;
        // Friends count from the day they were added: the funnel of August knows nobody added in September.
        List<Customer> friends = population.stream().filter(c -> c.addedAt()
                .map(t -> !t.atZoneSameInstant(zone).toLocalDate().isAfter(to)).orElse(true)).toList();
        for (Customer customer : friends) {
            engagement.merge(customer.engagement(), 1, Integer::sum);
            stage.merge(customer.stage(), 1, Integer::sum);
            tier.merge(customer.tier(), 1, Integer::sum);
            for (OrderRecord order : customer.memory().orders()) {
                LocalDate day = order.at().atZoneSameInstant(zone).toLocalDate();
                if (order.isPaid() && !day.isBefore(from) && !day.isAfter(to)) {
                    gmv = gmv.plus(order.amount());
                    orders++;
                    gmvByMonth.merge(YearMonth.from(day), order.amount(), Money::plus);
                }
            }
            for (SentTask task : customer.memory().sentTasks()) {
                count(tasksByDay, task.dueAt(), task.kind(), from, to, zone);
            }
            customer.memory().pendingTasks().forEach(t -> count(tasksByDay, t.dueAt(), t.kind(), from, to, zone));
        }
        int total = friends.size();
        int purchasers = engagement.get(Engagement.CUSTOMER) + engagement.get(Engagement.REPEAT);
        int vip = tier.get(Tier.VIP) + tier.get(Tier.KEY_ACCOUNT);
        BigDecimal days = BigDecimal.valueOf(ChronoUnit.DAYS.between(from, to) + 1);
        BigDecimal months = days.divide(DAYS_PER_MONTH, 6, RoundingMode.HALF_EVEN);
        Money perMonth = total == 0 ? Money.ZERO : money(gmv.amount()
                .divide(BigDecimal.valueOf(total), 10, RoundingMode.HALF_EVEN)
                .divide(months, 10, RoundingMode.HALF_EVEN));
        return new Funnel(from, to, total, engagement, stage, tier, purchasers, rate(purchasers, total),
                rate(engagement.get(Engagement.REPEAT), purchasers), rate(vip, purchasers), orders, money(gmv.amount()),
                orders == 0 ? money(BigDecimal.ZERO) : money(gmv.amount().divide(BigDecimal.valueOf(orders), 10, RoundingMode.HALF_EVEN)),
                perMonth, money(perMonth.amount().multiply(BigDecimal.valueOf(12))), gmvByMonth, tasksByDay);
    }

    private static void count(Map<LocalDate, Map<TaskKind, Integer>> tasksByDay, OffsetDateTime due, TaskKind kind,
                              LocalDate from, LocalDate to, ZoneId zone) {
        LocalDate day = due.atZoneSameInstant(zone).toLocalDate();
        if (!day.isBefore(from) && !day.isAfter(to)) {
            tasksByDay.computeIfAbsent(day, d -> new TreeMap<>()).merge(kind, 1, Integer::sum);
        }
    }

    private static BigDecimal rate(int part, int whole) {
        return whole == 0 ? BigDecimal.ZERO.setScale(4)
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_EVEN);
    }

    private static Money money(BigDecimal amount) {
        return Money.of(amount.setScale(2, RoundingMode.HALF_EVEN));
    }

    /** The funnel's steps, from all customers to VIP, for the funnel chart. */
    public Map<String, Integer> steps() {
        Map<String, Integer> steps = new LinkedHashMap<>();
        steps.put("friends 好友", customers);
        steps.put("conversing+ 沟通", customers - engagement.get(Engagement.SILENT));
        steps.put("quoted+ 报价", customers - engagement.get(Engagement.SILENT) - engagement.get(Engagement.CONVERSING));
        steps.put("buyers 成交", purchasers);
        steps.put("repeat 复购", engagement.get(Engagement.REPEAT));
        steps.put("VIP 会员", tier.get(Tier.VIP) + tier.get(Tier.KEY_ACCOUNT));
        return steps;
    }

    /** The funnel as text, for terminals. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append("Funnel ").append(from).append(" .. ").append(to).append(" (docs/playbook.md §12)\n");
        steps().forEach((step, n) -> text.append(String.format(java.util.Locale.ROOT, "  %-18s %7s  %s%n", step,
                OperationsReport.count(n), percent(n))));
        text.append("  engagement  ").append(engagement).append('\n');
        text.append("  stage       ").append(stage).append('\n');
        text.append("  tier        ").append(tier).append('\n');
        text.append(String.format("  first-order rate %s   repeat rate %s   VIP rate %s%n",
                pct(firstOrderRate), pct(repeatRate), pct(vipRate)));
        text.append(String.format(java.util.Locale.ROOT, "  GMV %s over %s orders, average order %s%n",
                OperationsReport.yuan(gmv), OperationsReport.count(orders), OperationsReport.yuan(averageOrderValue)));
        text.append(String.format(java.util.Locale.ROOT, "  output per customer (单粉产出) %s a month, %s a year%n",
                OperationsReport.yuan(outputPerCustomerPerMonth), OperationsReport.yuan(outputPerCustomerPerYear)));
        return text.toString();
    }

    private String percent(int n) {
        return customers == 0 ? "" : pct(rate(n, customers));
    }

    /** A rate as a percentage with one decimal. */
    public static String pct(BigDecimal rate) {
        return rate.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_EVEN) + "%";
    }

    /** Total tasks per kind over the period. */
    public Map<TaskKind, Integer> tasksByKind() {
        Map<TaskKind, Integer> totals = new TreeMap<>();
        tasksByDay.values().forEach(day -> day.forEach((kind, n) -> totals.merge(kind, n, Integer::sum)));
        return totals;
    }

    /** Every task counted, for summaries. */
    public int taskCount() {
        return tasksByKind().values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Days in the period. */
    public List<LocalDate> days() {
        return from.datesUntil(to.plusDays(1)).toList();
    }
}
