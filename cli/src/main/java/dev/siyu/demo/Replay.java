package dev.siyu.demo;

import dev.siyu.Decision;
import dev.siyu.EvaluationRequest;
import dev.siyu.SiyuEngine;
import dev.siyu.action.Action;
import dev.siyu.action.Alert;
import dev.siyu.action.CancelTask;
import dev.siyu.action.Task;
import dev.siyu.action.TierChanged;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;
import dev.siyu.report.Activity;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Replays a shop day by day on a virtual clock, as a host would run Siyu: every event is evaluated
 * when it comes, and every customer is swept each morning at 08:30 (holidays, dormancy, alerts).
 * Customers are evaluated in parallel; each customer's evaluations stay in time order.
 *
 * <p>Not thread-safe: one replay at a time.
 */
public final class Replay {
    /** The daily sweep's local time. */
    static final LocalTime SWEEP = LocalTime.of(8, 30);

    private final SiyuEngine engine;
    private final List<EvaluationRequest> shop;
    private final LocalDate from;
    private final LocalDate to;
    private final ZoneId zone;

    public Replay(SiyuEngine engine, List<EvaluationRequest> shop, LocalDate from, LocalDate to, ZoneId zone) {
        this.engine = engine;
        this.shop = shop;
        this.from = from;
        this.to = to;
        this.zone = zone;
    }

    /** What the replay produced. */
    public record Result(List<Customer> customers, long evaluations, long events, Map<String, Long> tierMoves,
                         Map<String, Long> alerts, List<Task> lastDayTasks, long failures, Activity activity) { }

    public Result run(Progress progress) {
        int n = shop.size();
        Customer[] states = new Customer[n];
        List<Map<LocalDate, List<Touchpoint>>> eventsByDay = new ArrayList<>(n);
        LocalDate[] firstDay = new LocalDate[n];
        for (int i = 0; i < n; i++) {
            EvaluationRequest request = shop.get(i);
            states[i] = request.customer();
            Map<LocalDate, List<Touchpoint>> byDay = new TreeMap<>();
            for (Touchpoint event : request.events()) {
                byDay.computeIfAbsent(event.at().atZoneSameInstant(zone).toLocalDate(), d -> new ArrayList<>()).add(event);
            }
            eventsByDay.add(byDay);
            firstDay[i] = request.customer().addedAt().map(t -> t.atZoneSameInstant(zone).toLocalDate())
                    .orElse(byDay.isEmpty() ? from : ((TreeMap<LocalDate, List<Touchpoint>>) byDay).firstKey());
        }
        Activity activity = new Activity();
        AtomicLong evaluations = new AtomicLong();
        AtomicLong events = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        Map<String, Long> tierMoves = new ConcurrentHashMap<>();
        Map<String, Long> alerts = new ConcurrentHashMap<>();
        Map<String, Task> lastDay = new ConcurrentHashMap<>();
        List<LocalDate> days = from.datesUntil(to.plusDays(1)).toList();
        for (int d = 0; d < days.size(); d++) {
            LocalDate day = days.get(d);
            boolean last = day.equals(to);
            OffsetDateTime sweep = day.atTime(SWEEP).atZone(zone).toOffsetDateTime();
            IntStream.range(0, n).parallel().forEach(i -> {
                if (day.isBefore(firstDay[i])) {
                    return;
                }
                List<Touchpoint> today = eventsByDay.get(i).getOrDefault(day, List.of());
                Customer state = states[i];
                boolean swept = false;
                for (Touchpoint event : today) {
                    if (!swept && !event.at().isBefore(sweep)) {
                        state = evaluate(state, List.of(), sweep, evaluations, failures, tierMoves, alerts, last, lastDay, activity);
                        swept = true;
                    }
                    state = evaluate(state, List.of(event), event.at(), evaluations, failures, tierMoves, alerts, last, lastDay,
                            activity);
                    events.incrementAndGet();
                }
                if (!swept) {
                    state = evaluate(state, List.of(), sweep, evaluations, failures, tierMoves, alerts, last, lastDay, activity);
                }
                states[i] = state;
            });
            progress.update(d + 1);
        }
        List<Task> lastDayTasks = new ArrayList<>(lastDay.values());
        lastDayTasks.sort(Comparator.comparing(Task::owner, Comparator.comparing(o -> o.orElse("")))
                .thenComparing(Task::dueAt).thenComparing(Task::key));
        return new Result(List.of(states), evaluations.get(), events.get(), new TreeMap<>(tierMoves),
                new TreeMap<>(alerts), lastDayTasks, failures.get(), activity);
    }

    private Customer evaluate(Customer state, List<Touchpoint> events, OffsetDateTime at, AtomicLong evaluations,
                              AtomicLong failures, Map<String, Long> tierMoves, Map<String, Long> alerts,
                              boolean last, Map<String, Task> lastDay, Activity activity) {
        Decision decision;
        try {
            decision = engine.evaluate(state, events, at);
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            return state;
        }
        evaluations.incrementAndGet();
        activity.record(events, decision);
        for (Action action : decision.actions()) {
            if (action instanceof TierChanged moved) {
                tierMoves.merge(moved.from() + " → " + moved.to(), 1L, Long::sum);
            } else if (action instanceof Alert alert) {
                alerts.merge(alert.code(), 1L, Long::sum);
            } else if (last && action instanceof Task task && task.dueAt().atZoneSameInstant(zone).toLocalDate().equals(to)) {
                lastDay.put(task.key(), task);
            } else if (last && action instanceof CancelTask cancel) {
                lastDay.remove(cancel.key());
            }
        }
        return decision.customer();
    }

    /** Customers ids whose names may be shown, by id. */
    static Map<String, String> names(List<Customer> customers) {
        Map<String, String> names = new TreeMap<>();
        customers.forEach(c -> names.put(c.id(), c.name().orElse("")));
        return names;
    }
}
