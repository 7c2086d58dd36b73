package dev.siyu.report;

import dev.siyu.Decision;
import dev.siyu.action.Action;
import dev.siyu.action.Alert;
import dev.siyu.action.CancelTask;
import dev.siyu.action.Task;
import dev.siyu.model.EventTypes;
import dev.siyu.model.TaskKind;
import dev.siyu.model.Touchpoint;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the owners were asked to do and how fast they answered, collected from the decisions of a
 * run (and the events evaluated): tasks by owner and kind (a task replaced by key counts once, a
 * cancelled one not at all), the alerts raised, and the inbound messages and inquiries that were
 * owed an answer. Customer states do not keep this (answered watches leave the state), so the
 * per-owner SLA needs the decisions: {@code siyu demo} and {@code simulate} collect them as they
 * replay, {@code siyu report} reads them from a decisions file.
 *
 * <p>Thread-safe: evaluations of different customers may be recorded concurrently.
 */
public final class Activity {
    /** One alert: its code, the owner of the customer, when it was raised. */
    record Raised(String owner, String code, OffsetDateTime at) { }

    /** One inbound event owed an answer, by owner. */
    record Owed(String owner, OffsetDateTime at) { }

    private static final String NO_OWNER = "(no owner)";

    private final Map<String, Task> tasks = new HashMap<>();
    private final List<Raised> alerts = new ArrayList<>();
    private final List<Owed> owed = new ArrayList<>();
    private boolean recorded;
    private boolean eventsSeen;

    /** Records a decision whose events are not known (a decisions file): no reply SLA then. */
    public synchronized void record(Decision decision) {
        record(List.of(), decision);
        eventsSeen = false;
    }

    /** Records the events of one evaluation and the decision it gave. */
    public synchronized void record(List<Touchpoint> events, Decision decision) {
        recorded = true;
        eventsSeen = true;
        String owner = decision.customer().owner().orElse(NO_OWNER);
        for (Touchpoint event : events) {
            if (event.type().equals(EventTypes.MESSAGE_RECEIVED) || event.type().equals(EventTypes.PRICE_INQUIRY)) {
                owed.add(new Owed(owner, event.at()));
            }
        }
        for (Action action : decision.actions()) {
            if (action instanceof Task task) {
                tasks.put(task.key(), task);
            } else if (action instanceof CancelTask cancel) {
                tasks.remove(cancel.key());
            } else if (action instanceof Alert alert) {
                alerts.add(new Raised(owner, alert.code(), decision.evaluatedAt()));
            }
        }
    }

    /** {@code true} once anything was recorded: the report then has the per-owner SLA. */
    public synchronized boolean isEmpty() {
        return !recorded;
    }

    /** {@code true} when the evaluated events were recorded too: the report then has the reply SLA. */
    public synchronized boolean eventsSeen() {
        return eventsSeen;
    }

    synchronized List<Task> tasks() {
        return List.copyOf(tasks.values());
    }

    synchronized List<Raised> alerts() {
        return List.copyOf(alerts);
    }

    synchronized List<Owed> owed() {
        return List.copyOf(owed);
    }

    static String ownerOf(Task task) {
        return task.owner().orElse(NO_OWNER);
    }

    static boolean isGreeting(Task task) {
        return task.kind() == TaskKind.GREETING;
    }
}
