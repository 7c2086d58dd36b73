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
    private final TagCatalog catalog;
    private final Scripts scripts;

    public Evaluator(RuleBase ruleBase, ZoneId defaultZone, Set<String> inboundTypes, Duration retention,
                     ContactPolicy policy, TagCatalog catalog, Scripts scripts) {
        this.scripts = scripts;
        this.policy = policy;
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
        long started = System.nanoTime();
        ZoneId zone = customer.zone().orElse(defaultZone);
        OffsetDateTime localNow = now.atZoneSameInstant(zone).toOffsetDateTime();
        validate(customer, events, now);

        RuleTracker tracker = new RuleTracker();
        ProfileFact profile = new ProfileFact(customer, zone, inboundTypes, policy, catalog, scripts, tracker, localNow);
        List<Touchpoint> fresh = freshInTimeOrder(profile, events);
        if (fresh.isEmpty() && !events.isEmpty()) {
            LOG.debug("customer {}: all {} events already processed", customer.id(), events.size());
        }

        KieSession session = ruleBase.kieBase().newKieSession();
        try {
            session.addEventListener(tracker);
            if (trace != null) {
                session.addEventListener(trace);
            }
            FactHandle profileHandle = session.insert(profile);
            fire(session, tracker, customer.id());
            profile.placeScheduled(localNow);
            for (Touchpoint touchpoint : fresh) {
                profile.apply(touchpoint);
                session.update(profileHandle, profile);
                FactHandle eventHandle = session.insert(new Event(profile, touchpoint));
                fire(session, tracker, customer.id());
                session.delete(eventHandle);
                profile.placeScheduled(localNow); // as if each event had been evaluated as it came
            }
            profile.moveClockTo(localNow);
            session.update(profileHandle, profile);
            session.insert(new Sweep(profile, localNow));
            fire(session, tracker, customer.id());
            profile.placeScheduled(localNow);
        } finally {
            session.dispose();
        }
        ProfileFact.Outcome outcome = profile.finish(localNow, retention);
        if (LOG.isDebugEnabled()) {
            LOG.debug("customer {}: {} new events, {} rule firings, {} actions in {} µs", customer.id(), fresh.size(),
                    tracker.firings(), outcome.actions().size(), (System.nanoTime() - started) / 1000);
        }
        return new Decision(customer.id(), localNow, outcome.customer(), outcome.actions());
    }

    private static void fire(KieSession session, RuleTracker tracker, String customerId) {
        int fired;
        try {
            fired = session.fireAllRules(MAX_FIRINGS_PER_ROUND);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SiyuException("customer " + customerId + ": rule '" + tracker.current() + "' failed: "
                    + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), e);
        }
        if (fired >= MAX_FIRINGS_PER_ROUND) {
            throw new SiyuException("customer " + customerId + ": rules did not settle after " + fired
                    + " firings; a rule probably changes what it matches on (last fired: '" + tracker.current() + "')");
        }
    }

    /** Refuses the whole input, before anything changes, when one event cannot be applied. */
    private static void validate(Customer customer, List<Touchpoint> events, OffsetDateTime now) {
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
    private static List<Touchpoint> freshInTimeOrder(ProfileFact profile, List<Touchpoint> events) {
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
