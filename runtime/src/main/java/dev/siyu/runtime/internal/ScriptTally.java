package dev.siyu.runtime.internal;

import dev.siyu.action.Action;
import dev.siyu.action.Task;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.EventTypes;
import dev.siyu.model.Touchpoint;
import dev.siyu.runtime.OutboxEntry;
import dev.siyu.runtime.OutboxStatus;
import dev.siyu.runtime.ScriptOutcome;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts {@link ScriptOutcome}s from the outbox's tasks and the customers' evaluated events. Every
 * count is per task key, so a feedback reported twice, or a task replaced by key, counts once.
 *
 * <p>Not thread-safe: one tally per report.
 */
public final class ScriptTally {
    /** Feedback types, as {@code SiyuRuntime} reports them. */
    private static final String TASK_SENT = "TASK_SENT";
    private static final String TASK_FAILED = "TASK_FAILED";
    private static final String TASK_DONE = "TASK_DONE";
    static final String DELIVERY_ERROR = "DELIVERY_ERROR";

    private record Touch(String key, String script, OffsetDateTime at) { }

    private final Duration window;
    private final Map<String, Task> tasks = new HashMap<>();                 // customer + key -> task
    private final Map<String, OutboxEntry> entries = new HashMap<>();
    private final Map<String, Set<String>> feedback = new HashMap<>();       // type -> customer + key
    private final Map<String, String> failureReasons = new HashMap<>();      // customer + key -> reason
    private final Map<String, List<OffsetDateTime>> orders = new HashMap<>(); // customer -> paid at

    public ScriptTally(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("attribution window must be positive, got " + window);
        }
        this.window = window;
    }

    private static String id(String customerId, String key) {
        return customerId + '\u0000' + key;
    }

    /** A task row of the outbox (alerts are ignored). */
    public void task(OutboxEntry entry) {
        if (!entry.kind().equals("TASK") || !(SiyuJson.read(entry.payload(), Action.class) instanceof Task task)) {
            return;
        }
        String id = id(entry.customerId(), entry.key());
        tasks.put(id, task);
        entries.put(id, entry);
    }

    /** An evaluated event of {@code customerId}. */
    public void event(String customerId, Touchpoint event) {
        switch (event.type()) {
            case TASK_SENT, TASK_DONE -> feedback.computeIfAbsent(event.type(), t -> new HashSet<>())
                    .add(id(customerId, event.attribute("taskKey").orElse("")));
            case TASK_FAILED -> {
                String id = id(customerId, event.attribute("taskKey").orElse(""));
                feedback.computeIfAbsent(TASK_FAILED, t -> new HashSet<>()).add(id);
                failureReasons.putIfAbsent(id, event.attribute("reason").filter(r -> !r.isBlank()).orElse("UNKNOWN"));
            }
            case EventTypes.ORDER_PAID -> orders.computeIfAbsent(customerId, c -> new ArrayList<>()).add(event.at());
            default -> { }
        }
    }

    /** The outcomes, one per script that had a task, sorted by script id. */
    public List<ScriptOutcome> outcomes() {
        Map<String, int[]> counts = new TreeMap<>(); // delivered, sent, failed, done, converted
        Map<String, Map<String, Integer>> failures = new HashMap<>();
        Map<String, List<Touch>> touches = new HashMap<>(); // customer -> delivered tasks
        for (Map.Entry<String, Task> e : tasks.entrySet()) {
            String id = e.getKey();
            Task task = e.getValue();
            OutboxEntry entry = entries.get(id);
            int[] c = counts.computeIfAbsent(task.script(), s -> new int[5]);
            boolean failedByHost = has(TASK_FAILED, id);
            if (entry.status() == OutboxStatus.DELIVERED) {
                c[0]++;
                if (!failedByHost) {
                    touches.computeIfAbsent(entry.customerId(), k -> new ArrayList<>()).add(new Touch(id, task.script(),
                            entry.deliveredAt().orElse(entry.dueAt())));
                }
            }
            if (has(TASK_SENT, id)) {
                c[1]++;
            }
            if (failedByHost || entry.status() == OutboxStatus.FAILED) {
                c[2]++;
                String reason = failedByHost ? failureReasons.get(id) : DELIVERY_ERROR;
                failures.computeIfAbsent(task.script(), s -> new TreeMap<>()).merge(reason, 1, Integer::sum);
            }
            if (has(TASK_DONE, id)) {
                c[3]++;
            }
        }
        for (Map.Entry<String, List<Touch>> e : touches.entrySet()) {
            List<Touch> byTime = new ArrayList<>(e.getValue());
            byTime.sort(Comparator.comparing(Touch::at, OffsetDateTime.timeLineOrder()).thenComparing(Touch::key));
            List<OffsetDateTime> paid = new ArrayList<>(orders.getOrDefault(e.getKey(), List.of()));
            paid.sort(OffsetDateTime.timeLineOrder());
            Set<String> converted = new HashSet<>();
            for (OffsetDateTime order : paid) {
                Touch last = null;
                for (Touch touch : byTime) {
                    if (touch.at().isAfter(order)) {
                        break;
                    }
                    last = touch;
                }
                if (last != null && !converted.contains(last.key())
                        && Duration.between(last.at(), order).compareTo(window) <= 0) {
                    converted.add(last.key());
                    counts.get(last.script())[4]++;
                }
            }
        }
        List<ScriptOutcome> outcomes = new ArrayList<>();
        counts.forEach((script, c) -> outcomes.add(new ScriptOutcome(script, c[0], c[1], c[2],
                failures.getOrDefault(script, Map.of()), c[3], c[4])));
        return List.copyOf(outcomes);
    }

    private boolean has(String type, String id) {
        return feedback.getOrDefault(type, Set.of()).contains(id);
    }
}
