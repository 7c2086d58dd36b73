package dev.siyu.internal;

import dev.siyu.action.CancelTask;
import dev.siyu.action.Task;
import dev.siyu.model.PendingTask;
import dev.siyu.model.SentTask;
import dev.siyu.model.TaskKind;
import dev.siyu.schedule.ContactPolicy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * The tasks of one customer during one evaluation: the pending ones, the log of those that became
 * due ({@code sentTasks}), the tasks scheduled but not yet placed, and what the evaluation changed
 * (tasks placed, tasks cancelled). The contact policy places a round's tasks among those that hold
 * a place. Copy on write for the sent-task log.
 *
 * <p>Not thread-safe: owned by one evaluation.
 */
final class TaskBook {
    private static final Comparator<Task> DUE_ORDER =
            Comparator.comparing(Task::dueAt, OffsetDateTime.timeLineOrder()).thenComparing(Task::key);
    private static final Comparator<PendingTask> PENDING_ORDER =
            Comparator.comparing(PendingTask::dueAt, OffsetDateTime.timeLineOrder()).thenComparing(PendingTask::key);
    private static final Comparator<SentTask> SENT_ORDER =
            Comparator.comparing(SentTask::dueAt, OffsetDateTime.timeLineOrder()).thenComparing(SentTask::key);

    /** Renders a placed task's text; the profile's owner and the customer's locale. */
    interface Renderer {
        Optional<String> render(Task nominal, Map<String, String> values);
    }

    private final ContactPolicy policy;
    private List<SentTask> sentTasks;
    private boolean sentOwned;
    /** Keys of {@link #sentTasks}, made on the first schedule. */
    private Set<String> sentKeys;
    private final Map<String, PendingTask> initialPending;
    private final Map<String, PendingTask> pending = new LinkedHashMap<>();
    private List<Task> unplaced = List.of();
    private Map<String, Map<String, String>> taskValues = Map.of();
    private Map<String, Task> scheduled = Map.of();
    private Map<String, CancelTask> cancelled = Map.of();

    TaskBook(ContactPolicy policy, List<PendingTask> pendingTasks, List<SentTask> sentTasks, OffsetDateTime clock) {
        this.policy = policy;
        this.sentTasks = sentTasks;
        for (PendingTask task : pendingTasks) {
            if (task.isPendingAt(clock)) {
                pending.put(task.key(), task);
            } else {
                // Due by the evaluation time: the host's already, whatever late event comes now.
                ownSent().add(new SentTask(task.key(), task.kind(), task.dueAt()));
            }
        }
        this.initialPending = pending.isEmpty() ? Map.of() : new HashMap<>(pending);
    }

    private List<SentTask> ownSent() {
        if (!sentOwned) {
            sentTasks = new ArrayList<>(sentTasks);
            sentOwned = true;
        }
        return sentTasks;
    }

    private boolean wasSent(String key) {
        if (sentKeys == null) {
            sentKeys = new HashSet<>();
            sentTasks.forEach(t -> sentKeys.add(t.key()));
        }
        return sentKeys.contains(key);
    }

    /**
     * Schedules a task, to be placed by {@link #placeScheduled}; never again once a task with its key
     * was due.
     */
    void schedule(Task nominal, Map<String, String> values) {
        if (wasSent(nominal.key())) {
            return; // once due, a task is the host's
        }
        if (unplaced.isEmpty()) {
            unplaced = new ArrayList<>();
        } else {
            unplaced.removeIf(t -> t.key().equals(nominal.key()));
        }
        unplaced.add(nominal);
        if (taskValues.isEmpty()) {
            taskValues = new HashMap<>();
        }
        taskValues.put(nominal.key(), values);
    }

    /**
     * Places the tasks scheduled since the last call (one event's rules, or the sweep's) under the
     * contact policy, in placement order, among the tasks already placed; then records them.
     */
    void placeScheduled(OffsetDateTime now, java.time.ZoneId zone, boolean doNotDisturb, Renderer renderer,
                        java.util.function.UnaryOperator<OffsetDateTime> local) {
        if (unplaced.isEmpty()) {
            return;
        }
        List<Task> batch = new ArrayList<>(unplaced);
        unplaced.clear();
        Map<String, Task> byKey = new HashMap<>();
        batch.forEach(t -> byKey.put(t.key(), t));
        List<ContactPolicy.Request> requests = batch.stream()
                .map(t -> new ContactPolicy.Request(t.key(), t.kind(), t.dueAt()))
                .sorted(policy.placementOrder()).toList();
        for (ContactPolicy.Request request : requests) {
            List<OffsetDateTime> placed = placedProactive(request.key());
            Optional<OffsetDateTime> due = policy.place(request, zone, now, placed, doNotDisturb);
            if (due.isPresent()) {
                Task nominal = byKey.get(request.key());
                Optional<String> text = renderer.render(nominal, taskValues.getOrDefault(nominal.key(), Map.of()));
                record(new Task(nominal.key(), nominal.kind(), nominal.script(), local.apply(due.get()), nominal.owner(),
                        nominal.channel(), text, nominal.rule()));
            }
        }
    }

    /** Due times of the proactive tasks that hold a place: pending (but {@code exceptKey}) and sent. */
    private List<OffsetDateTime> placedProactive(String exceptKey) {
        List<OffsetDateTime> placed = new ArrayList<>();
        for (PendingTask t : pending.values()) {
            if (policy.isProactive(t.kind()) && !t.key().equals(exceptKey)) {
                placed.add(t.dueAt());
            }
        }
        for (SentTask t : sentTasks) {
            if (policy.isProactive(t.kind())) {
                placed.add(t.dueAt());
            }
        }
        return placed;
    }

    private void record(Task task) {
        String key = task.key();
        PendingTask original = initialPending.get(key);
        if (original != null && cancelled.containsKey(key) && sameTask(original, task)) {
            cancelled.remove(key); // cancelled and put back as it was: no net change
            unschedule(key);
            pending.put(key, original);
            return;
        }
        PendingTask existing = pending.get(key);
        if (existing != null && sameTask(existing, task)) {
            return;
        }
        pending.put(key, new PendingTask(key, task.kind(), task.script(), task.dueAt(), task.owner(), task.channel(),
                task.text(), task.rule()));
        if (scheduled.isEmpty()) {
            scheduled = new LinkedHashMap<>();
        }
        scheduled.put(key, task);
    }

    private void unschedule(String key) {
        if (!scheduled.isEmpty()) {
            scheduled.remove(key);
        }
    }

    private static boolean sameTask(PendingTask a, Task b) {
        return a.kind().equals(b.kind()) && a.script().equals(b.script()) && a.dueAt().isEqual(b.dueAt())
                && a.owner().equals(b.owner()) && a.text().equals(b.text());
    }

    /** Cancels the task with {@code key} if it is pending at {@code clock} (or scheduled in this round). */
    void cancel(String key, String reason, String rule, OffsetDateTime clock) {
        if (!unplaced.isEmpty()) {
            unplaced.removeIf(t -> t.key().equals(key));
        }
        PendingTask task = pending.get(key);
        if (task == null || !task.isPendingAt(clock)) {
            return;
        }
        pending.remove(key);
        unschedule(key);
        if (initialPending.containsKey(key)) {
            if (cancelled.isEmpty()) {
                cancelled = new TreeMap<>();
            }
            cancelled.put(key, new CancelTask(key, reason, rule));
        }
    }

    /** Cancels every task, scheduled in this round or pending, whose key and kind {@code which} selects. */
    void cancelWhere(BiPredicate<String, TaskKind> which, String reason, String rule, OffsetDateTime clock) {
        List<String> keys = new ArrayList<>();
        unplaced.stream().filter(t -> which.test(t.key(), t.kind())).forEach(t -> keys.add(t.key()));
        pending.values().stream().filter(t -> which.test(t.key(), t.kind())).forEach(t -> keys.add(t.key()));
        keys.forEach(key -> cancel(key, reason, rule, clock));
    }

    boolean isProactive(TaskKind kind) {
        return policy.isProactive(kind);
    }

    Set<String> pendingKeys(OffsetDateTime clock) {
        Set<String> keys = new TreeSet<>();
        for (PendingTask t : pending.values()) {
            if (t.isPendingAt(clock)) {
                keys.add(t.key());
            }
        }
        return keys;
    }

    /** The cancels of tasks the evaluation started with, by key. */
    Collection<CancelTask> cancelled() {
        return cancelled.values();
    }

    /** The tasks placed by the evaluation (not those put back as they were), by due time then key. */
    List<Task> scheduled() {
        if (scheduled.isEmpty()) {
            return List.of();
        }
        List<Task> tasks = new ArrayList<>(scheduled.values());
        tasks.sort(DUE_ORDER);
        return tasks;
    }

    /**
     * Ends the evaluation at {@code now}: the tasks due by then move to the log (the host's from here
     * on); returns those still pending, by due time then key.
     */
    List<PendingTask> stillPendingAt(OffsetDateTime now) {
        List<PendingTask> stillPending = new ArrayList<>(pending.size());
        for (PendingTask task : pending.values()) {
            if (task.isPendingAt(now)) {
                stillPending.add(task);
            } else {
                ownSent().add(new SentTask(task.key(), task.kind(), task.dueAt()));
            }
        }
        stillPending.sort(PENDING_ORDER);
        return stillPending;
    }

    /** The log of due tasks with those due before {@code cutoff} pruned, by due time then key. */
    List<SentTask> sentTasks(OffsetDateTime cutoff) {
        for (SentTask t : sentTasks) {
            if (t.dueAt().isBefore(cutoff)) {
                ownSent().removeIf(s -> s.dueAt().isBefore(cutoff));
                break;
            }
        }
        if (!WorkingState.isSorted(sentTasks, SENT_ORDER)) {
            ownSent().sort(SENT_ORDER);
        }
        return sentTasks;
    }
}
