package dev.siyu.internal;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/**
 * Knows which rule is firing, so that every change a rule makes is attributed to it without the
 * rule file naming itself.
 *
 * <p>Not thread-safe: one per session.
 */
public final class RuleTracker extends DefaultAgendaEventListener {
    /** The attribution of changes made outside any rule. */
    public static final String ENGINE = "engine";

    /** How many of the latest rule names a loop error reports. */
    private static final int RECENT = 5;

    private String current;
    private long firings;
    private final java.util.ArrayDeque<String> recent = new java.util.ArrayDeque<>(RECENT);
    private long deadlineNanos;
    private boolean overtime;
    private org.kie.api.runtime.KieSession session;

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        current = event.getMatch().getRule().getName();
        firings++;
        recent.remove(current);
        if (recent.size() == RECENT) {
            recent.removeFirst();
        }
        recent.addLast(current);
        if (session != null && (firings & 63) == 0 && System.nanoTime() - deadlineNanos > 0) {
            overtime = true;
            session.halt(); // between two firings: the evaluation is over its time bound
        }
    }

    /** Halts {@code kieSession} at the first firing after {@code deadline} (a {@link System#nanoTime()} value). */
    public void bound(org.kie.api.runtime.KieSession kieSession, long deadline) {
        this.session = kieSession;
        this.deadlineNanos = deadline;
        this.overtime = false;
    }

    /** {@code true} when the last bounded run was halted for its time bound. */
    public boolean overtime() {
        return overtime;
    }

    /** The latest rules that fired, most recent last, each once. */
    public java.util.List<String> recent() {
        return java.util.List.copyOf(recent);
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        current = null;
    }

    /** Attributes what follows to {@code rule}, for code that decides outside Drools (the plain-Java baseline). */
    public void enter(String rule) {
        current = rule;
    }

    /** Ends {@link #enter}. */
    public void leave() {
        current = null;
    }

    /** The rule firing now, or {@link #ENGINE}. */
    public String current() {
        return current == null ? ENGINE : current;
    }

    public long firings() {
        return firings;
    }
}
