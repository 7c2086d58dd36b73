package dev.siyu.internal;

import dev.siyu.Decision;
import dev.siyu.InputException;
import dev.siyu.SiyuException;
import dev.siyu.fact.Event;
import dev.siyu.fact.Sweep;
import dev.siyu.model.Customer;
import dev.siyu.model.EventTypes;
import dev.siyu.model.Money;
import dev.siyu.model.Touchpoint;
import dev.siyu.pack.TagCatalog;
import dev.siyu.schedule.ContactPolicy;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.rule.FactHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs one customer's evaluation on a Drools session: validates the input, applies new events
 * one at a time in time order (bookkeeping, then the rules), then the sweep at the evaluation
 * time, and returns the net change.
 *
 * <p>Stateless and thread-safe; each call uses its own session.
 */
public final class Evaluator {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

    /** Rule firings allowed per round before the evaluation is stopped as a rule loop. */
    static final int MAX_FIRINGS_PER_ROUND = 10_000;

    private final RuleBase ruleBase;
    private final ZoneId defaultZone;
    private final Set<String> inboundTypes;
    private final Duration retention;
    private final ContactPolicy policy;
    /** Sessions are reset and reused: creating one per evaluation costs more than the rules. */
    private final KieSessionsPool sessions;
    private final TagCatalog catalog;
    private final Scripts scripts;

    public Evaluator(RuleBase ruleBase, ZoneId defaultZone, Set<String> inboundTypes, Duration retention,
                     ContactPolicy policy, TagCatalog catalog, Scripts scripts) {
        this.scripts = scripts;
        this.policy = policy;
        this.sessions = ruleBase.kieBase().newKieSessionsPool(Runtime.getRuntime().availableProcessors());
        this.catalog = catalog;
        this.ruleBase = ruleBase;
        this.defaultZone = defaultZone;
        this.inboundTypes = Set.copyOf(inboundTypes);
        this.retention = retention;
    }

    public Decision evaluate(Customer customer, List<Touchpoint> events, OffsetDateTime now) {
        return evaluate(customer, events, now, null);
    }

    /** Evaluates with {@code trace} (may be null) listening to the session's agenda. */
    public Decision evaluate(Customer customer, List<Touchpoint> events, OffsetDateTime now, Trace trace) {
        Object result = run(List.of(new Item(customer, events, now)), trace).get(0);
        if (result instanceof SiyuException e) {
            throw e;
        }
        return (Decision) result;
    }

    /** One customer to evaluate. */
    public record Item(Customer customer, List<Touchpoint> events, OffsetDateTime now) { }

    /**
     * Evaluates many customers in one session (facts are keyed by customer), each exactly as
     * {@link #evaluate} would. Returns, in input order, a {@link Decision} or the
     * {@link SiyuException} that refused that customer; one customer's failure never changes
     * another's decision.
     */
    public List<Object> evaluateAll(List<Item> items) {
        try {
            return run(items, null);
        } catch (SiyuException e) {
            if (items.size() == 1) {
                return List.of(e);
            }
            // a rule failed for one of them: evaluate each alone to tell which
            List<Object> results = new ArrayList<>(items.size());
            for (Item item : items) {
                results.add(run(List.of(item), null).get(0));
            }
            return results;
        }
    }

    /** The working state of one customer in a batch. */
    private static final class Work {
        final int position;
        final Item item;
        final ProfileFact profile;
        final List<Touchpoint> fresh;
        final OffsetDateTime localNow;
        FactHandle handle;

        Work(int position, Item item, ProfileFact profile, List<Touchpoint> fresh, OffsetDateTime localNow) {
            this.position = position;
            this.item = item;
            this.profile = profile;
            this.fresh = fresh;
            this.localNow = localNow;
        }
    }

    private List<Object> run(List<Item> items, Trace trace) {
        long started = System.nanoTime();
        Object[] results = new Object[items.size()];
        RuleTracker tracker = new RuleTracker();
        List<Work> work = new ArrayList<>(items.size());
        int maxEvents = 0;
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            try {
                validate(item.customer(), item.events(), item.now());
            } catch (InputException e) {
                if (items.size() == 1) {
                    throw e;
                }
                results[i] = e;
                continue;
            }
            ZoneId zone = item.customer().zone().orElse(defaultZone);
            OffsetDateTime localNow = item.now().atZoneSameInstant(zone).toOffsetDateTime();
            ProfileFact profile = new ProfileFact(item.customer(), zone, inboundTypes, policy, catalog, scripts, tracker, localNow);
            Work w = new Work(i, item, profile, freshInTimeOrder(profile, item.events()), localNow);
            work.add(w);
            maxEvents = Math.max(maxEvents, w.fresh.size());
        }
        String who = work.size() == 1 ? "customer " + work.get(0).item.customer().id() : "one of " + work.size() + " customers";
        KieSession session = sessions.newKieSession();
        try {
            session.addEventListener(tracker);
            if (trace != null) {
                session.addEventListener(trace);
            }
            for (Work w : work) {
                w.handle = session.insert(w.profile);
            }
            fire(session, tracker, who);
            work.forEach(w -> w.profile.placeScheduled(w.localNow));
            List<FactHandle> events = new ArrayList<>();
            for (int round = 0; round < maxEvents; round++) {
                for (Work w : work) {
                    if (round < w.fresh.size()) {
                        Touchpoint touchpoint = w.fresh.get(round);
                        w.profile.apply(touchpoint);
                        session.update(w.handle, w.profile);
                        events.add(session.insert(new Event(w.profile, touchpoint)));
                    }
                }
                fire(session, tracker, who);
                events.forEach(session::delete);
                events.clear();
                for (Work w : work) {
                    if (round < w.fresh.size()) {
                        w.profile.placeScheduled(w.localNow); // as if each event had been evaluated as it came
                    }
                }
            }
            for (Work w : work) {
                w.profile.moveClockTo(w.localNow);
                session.update(w.handle, w.profile);
                session.insert(new Sweep(w.profile, w.localNow));
            }
            fire(session, tracker, who);
            work.forEach(w -> w.profile.placeScheduled(w.localNow));
        } finally {
            session.removeEventListener(tracker);
            if (trace != null) {
                session.removeEventListener(trace);
            }
            session.dispose(); // back to the pool, reset
        }
        for (Work w : work) {
            ProfileFact.Outcome outcome = w.profile.finish(w.localNow, retention);
            results[w.position] = new Decision(w.item.customer().id(), w.localNow, outcome.nextEvaluationAt(),
                    outcome.customer(), outcome.actions());
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} customers, {} rule firings in {} µs", work.size(), tracker.firings(),
                    (System.nanoTime() - started) / 1000);
        }
        return java.util.Arrays.asList(results);
    }

    private static void fire(KieSession session, RuleTracker tracker, String who) {
        int fired;
        try {
            fired = session.fireAllRules(MAX_FIRINGS_PER_ROUND);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SiyuException(who + ": rule '" + tracker.current() + "' failed: "
                    + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), e);
        }
        if (fired >= MAX_FIRINGS_PER_ROUND) {
            throw new SiyuException(who + ": rules did not settle after " + fired
                    + " firings; a rule probably changes what it matches on (last fired: '" + tracker.current() + "')");
        }
    }

    /** Refuses the whole input, before anything changes, when one event cannot be applied. */
    public static void validate(Customer customer, List<Touchpoint> events, OffsetDateTime now) {
        for (Touchpoint event : events) {
            if (event.at().isAfter(now)) {
                throw InputException.forEvent(customer.id(), event.id(), "event at " + event.at()
                        + " is later than the evaluation time " + now + "; refused, nothing was changed");
            }
            if (EventTypes.ORDER_PAID.equals(event.type())) {
                requireAttribute(customer, event, "orderId");
                String amount = requireAttribute(customer, event, "amount");
                try {
                    Money.of(amount);
                } catch (IllegalArgumentException e) {
                    throw InputException.forEvent(customer.id(), event.id(), "attribute 'amount' " + e.getMessage());
                }
                event.attribute("productCycleDays").ifPresent(days -> {
                    try {
                        if (Integer.parseInt(days.strip()) <= 0) {
                            throw new NumberFormatException();
                        }
                    } catch (NumberFormatException e) {
                        throw InputException.forEvent(customer.id(), event.id(),
                                "attribute 'productCycleDays' must be a positive whole number of days, got '" + days + "'");
                    }
                });
            }
        }
    }

    private static String requireAttribute(Customer customer, Touchpoint event, String name) {
        return event.attribute(name).filter(v -> !v.isBlank()).orElseThrow(() -> InputException.forEvent(
                customer.id(), event.id(), event.type() + " needs attribute '" + name + "'"));
    }

    /** New events only (duplicates by id ignored, the earliest kept), oldest first, ties by id. */
    public static List<Touchpoint> freshInTimeOrder(ProfileFact profile, List<Touchpoint> events) {
        List<Touchpoint> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(Touchpoint::at, OffsetDateTime.timeLineOrder()).thenComparing(Touchpoint::id));
        Set<String> seen = new HashSet<>();
        List<Touchpoint> fresh = new ArrayList<>();
        for (Touchpoint event : sorted) {
            if (seen.add(event.id()) && !profile.alreadyProcessed(event)) {
                fresh.add(event);
            }
        }
        return fresh;
    }
}
