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

    private String current;
    private long firings;

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        current = event.getMatch().getRule().getName();
        firings++;
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
