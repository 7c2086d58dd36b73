package dev.siyu.internal;

import dev.siyu.error.InputException;
import dev.siyu.error.SiyuException;
import dev.siyu.fact.Event;
import dev.siyu.fact.Sweep;
import dev.siyu.model.Customer;
import dev.siyu.model.EventTypes;
import dev.siyu.model.Money;
import dev.siyu.model.OrderRecord;
import dev.siyu.model.Touchpoint;
import dev.siyu.pack.ActionCatalog;
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
import java.util.Optional;
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

    /**
     * Rule firings allowed to one customer in one pass of a round before the evaluation is stopped
     * as a rule loop; counted by customer, so that a session of many customers allows each as many.
     */
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
    private final Duration timeBound;
    /** Facts every session holds, for every customer: the SOP steps. */
    private final List<?> referenceFacts;
    private final ActionCatalog actions;
    private final InputChecks inputChecks;
    private final dev.siyu.fact.Tiers tiers;
    private final dev.siyu.schedule.DeletedFriendPolicy deletedFriend;
    private final dev.siyu.schedule.Holidays holidays;
    /** {@code true} when a package of the rule base declares the global {@code tiers}. */
    private final boolean tiersGlobal;

    public Evaluator(RuleBase ruleBase, ZoneId defaultZone, Set<String> inboundTypes, Duration retention,
                     ContactPolicy policy, TagCatalog catalog, Scripts scripts, Duration timeBound) {
        this(ruleBase, defaultZone, inboundTypes, retention, policy, catalog, scripts, timeBound,
                PackCatalogs.of(List.of()), List.of(), ActionCatalog.empty());
    }

    /**
     * An evaluator that also checks input against the packs' catalogs ({@code catalogs}), holds
     * {@code referenceFacts} (the SOP steps) in every session and accepts the custom actions of
     * {@code actions}.
     */
    public Evaluator(RuleBase ruleBase, ZoneId defaultZone, Set<String> inboundTypes, Duration retention,
                     ContactPolicy policy, TagCatalog catalog, Scripts scripts, Duration timeBound, PackCatalogs catalogs,
                     List<?> referenceFacts, ActionCatalog actions) {
        this.referenceFacts = List.copyOf(referenceFacts);
        this.inputChecks = new InputChecks(catalogs.taskKinds(), catalogs.tiers(), catalogs.eventTypes());
        this.tiers = catalogs.tiers();
        this.deletedFriend = catalogs.deletedFriend();
        this.holidays = catalogs.holidays();
        this.tiersGlobal = ruleBase.kieBase().getKiePackages().stream().flatMap(p -> p.getGlobalVariables().stream())
                .anyMatch(g -> g.getName().equals(PackCatalogs.TIERS_GLOBAL)
                        && g.getType().equals(dev.siyu.fact.Tiers.class.getName()));
        this.timeBound = timeBound;
        this.actions = actions;
        this.scripts = scripts;
        this.policy = policy;
        this.sessions = ruleBase.kieBase().newKieSessionsPool(Runtime.getRuntime().availableProcessors());
        this.catalog = catalog;
        this.ruleBase = ruleBase;
        this.defaultZone = defaultZone;
        this.inboundTypes = Set.copyOf(inboundTypes);
        this.retention = retention;
    }

    public Evaluation evaluate(Customer customer, List<Touchpoint> events, OffsetDateTime now) {
        return evaluate(customer, events, now, null);
    }

    /** Evaluates with {@code trace} (may be null) listening to the session's agenda. */
    public Evaluation evaluate(Customer customer, List<Touchpoint> events, OffsetDateTime now, Trace trace) {
        Item item = new Item(customer, events, now);
        Result result;
        try {
            result = run(List.of(item), trace).get(0);
        } catch (RuntimeException e) {
            throw refusal(item, e);
        }
        if (result instanceof Refused refused) {
            throw refused.cause();
        }
        return ((Decided) result).value();
    }

    /** One customer to evaluate. */
    public record Item(Customer customer, List<Touchpoint> events, OffsetDateTime now) { }

    /**
     * What became of one customer: {@link Decided} with its decision, or {@link Refused} with the
     * error that refused it.
     */
    public sealed interface Result permits Decided, Refused {
        /** The decision, when the customer was decided. */
        default Optional<Evaluation> decision() {
            return this instanceof Decided d ? Optional.of(d.value()) : Optional.empty();
        }

        /** The error, when the customer was refused. */
        default Optional<SiyuException> error() {
            return this instanceof Refused r ? Optional.of(r.cause()) : Optional.empty();
        }

        static Result of(Evaluation decision) {
            return new Decided(decision);
        }

        static Result of(SiyuException error) {
            return new Refused(error);
        }
    }

    /** A customer decided. */
    public record Decided(Evaluation value) implements Result {
        public Decided {
            java.util.Objects.requireNonNull(value, "value");
        }
    }

    /** A customer refused: the input, a rule, or the time bound. */
    public record Refused(SiyuException cause) implements Result {
        public Refused {
            java.util.Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * Evaluates many customers in one session (facts are keyed by customer), each exactly as
     * {@link #evaluate} would. Returns, in input order, each customer's {@link Result}: its
     * decision, or the error that refused it; one customer's failure never changes another's
     * decision.
     */
    public List<Result> evaluateAll(List<Item> items) {
        try {
            return run(items, null);
        } catch (RuntimeException e) {
            if (items.size() == 1) {
                return List.of(Result.of(refusal(items.get(0), e)));
            }
            // a rule failed for one of them: evaluate each alone to tell which
            List<Result> results = new ArrayList<>(items.size());
            for (Item item : items) {
                try {
                    results.add(run(List.of(item), null).get(0));
                } catch (RuntimeException alone) {
                    results.add(Result.of(refusal(item, alone)));
                }
            }
            return results;
        }
    }

    /** What refuses one customer: the engine's own error, or any other failure named by customer id. */
    private static SiyuException refusal(Item item, RuntimeException e) {
        if (e instanceof SiyuException siyu) {
            return siyu;
        }
        LOG.debug("customer {}: evaluation failed", item.customer().id(), e);
        return new SiyuException("customer " + item.customer().id() + ": evaluation failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    }

    /** The working state of one customer in a batch. */
    private static final class Work {
        final int position;
        final Item item;
        final ProfileFact profile;
        final List<Touchpoint> fresh;
        final OffsetDateTime localNow;
        FactHandle handle;
        /** Something new for this customer in the current round (its event, the sweep). */
        boolean inRound;
        /** {@link ProfileFact#mutations()} when the customer was last resolved. */
        int resolvedMutations;

        Work(int position, Item item, ProfileFact profile, List<Touchpoint> fresh, OffsetDateTime localNow) {
            this.position = position;
            this.item = item;
            this.profile = profile;
            this.fresh = fresh;
            this.localNow = localNow;
        }
    }

    /** Runs the items with the pack's holiday table answering {@code ChineseCalendar.holidaysOn}. */
    private List<Result> run(List<Item> items, Trace trace) {
        return dev.siyu.schedule.Holidays.during(holidays, () -> runBound(items, trace));
    }

    private List<Result> runBound(List<Item> items, Trace trace) {
        long started = System.nanoTime();
        Result[] results = new Result[items.size()];
        RuleTracker tracker = new RuleTracker();
        List<Work> work = new ArrayList<>(items.size());
        int maxEvents = 0;
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            try {
                validate(item.customer(), item.events(), item.now());
                inputChecks.check(item.customer(), item.events());
            } catch (InputException e) {
                if (items.size() == 1) {
                    throw e;
                }
                results[i] = Result.of(e);
                continue;
            }
            ZoneId zone = item.customer().zone().orElse(defaultZone);
            OffsetDateTime localNow = item.now().atZoneSameInstant(zone).toOffsetDateTime();
            ProfileFact profile = new ProfileFact(item.customer(), zone, inboundTypes, policy, deletedFriend, catalog, scripts,
                    tracker, localNow);
            Work w = new Work(i, item, profile, freshInTimeOrder(profile, item.events()), localNow);
            work.add(w);
            maxEvents = Math.max(maxEvents, w.fresh.size());
        }
        String who = work.size() == 1 ? "customer " + work.get(0).item.customer().id() : "one of " + work.size() + " customers";
        KieSession session = sessions.newKieSession();
        ProposalListener proposals = new ProposalListener(actions);
        try {
            if (tiersGlobal) {
                session.setGlobal(PackCatalogs.TIERS_GLOBAL, tiers);
            }
            session.addEventListener(tracker);
            session.addEventListener(proposals);
            if (trace != null) {
                session.addEventListener(trace);
            }
            referenceFacts.forEach(session::insert);
            for (Work w : work) {
                proposals.add(w.profile);
                tracker.add(w.profile.getCustomerId());
                w.handle = session.insert(w.profile);
            }
            work.forEach(w -> w.inRound = true);
            round(session, tracker, proposals, work, who, false);
            List<FactHandle> events = new ArrayList<>();
            for (int round = 0; round < maxEvents; round++) {
                for (Work w : work) {
                    w.inRound = round < w.fresh.size();
                    if (w.inRound) {
                        Touchpoint touchpoint = w.fresh.get(round);
                        w.profile.apply(touchpoint);
                        session.update(w.handle, w.profile);
                        events.add(session.insert(new Event(w.profile, touchpoint)));
                    }
                }
                // as if each event had been evaluated as it came: the round's tasks are placed at its end
                round(session, tracker, proposals, work, who, false);
                events.forEach(session::delete);
                events.clear();
            }
            // No rule has fired yet (and no trace records the propagation): a customer without new
            // events is exactly as inserted, at the evaluation time; re-propagating it would change nothing.
            boolean untouched = tracker.firings() == 0 && trace == null;
            for (Work w : work) {
                w.inRound = true;
                if (!untouched || !w.fresh.isEmpty()) {
                    w.profile.moveClockTo(w.localNow);
                    session.update(w.handle, w.profile);
                }
                session.insert(new Sweep(w.profile, w.localNow));
            }
            // the last round: its proposals go with the session's reset, not deleted one by one
            round(session, tracker, proposals, work, who, true);
        } finally {
            session.removeEventListener(tracker);
            session.removeEventListener(proposals);
            if (trace != null) {
                session.removeEventListener(trace);
            }
            session.dispose(); // back to the pool, reset
        }
        for (Work w : work) {
            ProfileFact.Outcome outcome = w.profile.finish(w.localNow, retention);
            results[w.position] = Result.of(new Evaluation(w.item.customer().id(), w.localNow, outcome.nextEvaluationAt(),
                    outcome.customer(), outcome.actions()));
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} customers, {} rule firings in {} µs", work.size(), tracker.firings(),
                    (System.nanoTime() - started) / 1000);
        }
        return List.of(results);
    }

    /**
     * One round: the rules fire, the {@link Resolver} resolves the state each pass (updating a
     * customer's fact once when it changed) until a pass changes nothing, then settles the round's
     * effects and deletes its proposals: for the customers with something new in the round
     * ({@code Work.inRound}) and any other that has proposals. The {@code last} round of a session
     * leaves its proposals in the session: no rule fires after it, and the session's reset drops
     * them all at once (deleting each would propagate its retraction through the network for nothing).
     */
    private void round(KieSession session, RuleTracker tracker, ProposalListener proposals, List<Work> work, String who,
                       boolean last) {
        List<Work> changed = new ArrayList<>();
        long deadline = System.nanoTime() + timeBound.toNanos(); // for the round, all its passes
        for (int pass = 1; ; pass++) {
            proposals.pass(pass);
            fire(session, tracker, who, timeBound, deadline);
            changed.clear();
            java.util.Set<String> fighting = pass == Resolver.MAX_PASSES ? new java.util.TreeSet<>() : null;
            for (Work w : work) {
                // after the first pass, a customer whose proposals and profile are as they were at its
                // last resolve would resolve the same: nothing to change
                if (pass > 1 && !proposals.touched(w.profile.getCustomerId()) && w.profile.mutations() == w.resolvedMutations) {
                    continue;
                }
                w.resolvedMutations = w.profile.mutations();
                List<String> before = pass == Resolver.MAX_PASSES ? w.profile.levelRules() : List.of();
                if (Resolver.resolveState(w.profile, proposals.live(w.profile.getCustomerId()), tiers)) {
                    changed.add(w);
                    List<String> after = w.profile.levelRules();
                    for (int i = 0; i < before.size(); i++) {
                        if (!before.get(i).equals(after.get(i))) {
                            fighting.add("'" + before.get(i) + "'");
                            fighting.add("'" + after.get(i) + "'");
                        }
                    }
                }
            }
            proposals.clearTouched();
            if (changed.isEmpty()) {
                break;
            }
            if (pass == Resolver.MAX_PASSES) {
                String whom = changed.size() == 1 || who.startsWith("customer ") ? who : "one of " + changed.size() + " customers";
                throw new SiyuException(whom + ": rules did not settle after " + pass + " passes of one round: the customer's"
                        + " state kept changing; a rule probably changes what it matches on"
                        + (fighting == null || fighting.isEmpty() ? "" : " (set against each other: " + String.join(", ", fighting) + ")")
                        + " (last fired: " + lastFired(tracker) + ")");
            }
            for (Work w : changed) {
                session.update(w.handle, w.profile);
            }
        }
        for (Work w : work) {
            java.util.Collection<ProposalListener.Entry> live = proposals.live(w.profile.getCustomerId());
            if (w.inRound || !live.isEmpty()) {
                Resolver.settleRound(w.profile, live, w.localNow, actions);
            }
            w.profile.commitRound();
        }
        if (!last) {
            proposals.deleteAll(session);
        }
    }

    private static void fire(KieSession session, RuleTracker tracker, String who, Duration timeBound, long deadline) {
        // each customer of the session may fire as often as alone: the limit is counted by customer
        tracker.bound(session, deadline, MAX_FIRINGS_PER_ROUND);
        try {
            session.fireAllRules();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SiyuException(who + ": rule '" + tracker.current() + "' failed: "
                    + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), e);
        }
        if (tracker.overtime()) {
            throw new SiyuException(who + ": the rules ran longer than the evaluation time bound of " + timeBound.toMillis()
                    + " ms for one event round and were stopped (last fired: " + lastFired(tracker) + ")");
        }
        if (tracker.overLimit() != null) {
            throw new SiyuException(who + ": rules did not settle after " + MAX_FIRINGS_PER_ROUND
                    + " firings for one event; a rule probably changes what it matches on (last fired: " + lastFired(tracker) + ")");
        }
    }

    private static String lastFired(RuleTracker tracker) {
        return tracker.recent().stream().map(name -> "'" + name + "'").collect(java.util.stream.Collectors.joining(", "));
    }

    private static final java.util.regex.Pattern CYCLE_DAYS = java.util.regex.Pattern.compile("[0-9]{1,4}");

    /**
     * Refuses the whole input, before anything changes, when one event cannot be applied: an event
     * later than {@code now}, an order without what it needs, or an attribute the fact API parses
     * ({@code amount}, {@code productCycleDays}) that does not parse, on any event type; and a
     * state whose {@code memory.horizon} is later than {@code now}. Messages name the customer,
     * the event and the attribute, never the value.
     */
    public static void validate(Customer customer, List<Touchpoint> events, OffsetDateTime now) {
        Optional<OffsetDateTime> horizon = customer.memory().horizon();
        if (horizon.isPresent() && horizon.get().isAfter(now)) {
            throw InputException.forCustomer(customer.id(), "memory.horizon " + horizon.get() + " is later than the evaluation time "
                    + now + "; the state was not written by this engine at or before that time");
        }
        for (int i = 0; i < events.size(); i++) { // indexed: no iterator per customer
            Touchpoint event = events.get(i);
            if (event.at().isAfter(now)) {
                throw InputException.forEvent(customer.id(), event.id(), "event at " + event.at()
                        + " is later than the evaluation time " + now + "; refused, nothing was changed");
            }
            if (EventTypes.ORDER_PAID.equals(event.type())) {
                requireAttribute(customer, event, "orderId");
                requireAttribute(customer, event, "amount");
            }
            event.attribute("amount").filter(amount -> !amount.isBlank()).ifPresent(amount -> {
                try {
                    Money.of(amount);
                } catch (IllegalArgumentException e) {
                    throw InputException.forEvent(customer.id(), event.id(), "attribute 'amount' " + e.getMessage());
                }
            });
            event.attribute("productCycleDays").ifPresent(days -> {
                String digits = days.strip();
                int cycle = CYCLE_DAYS.matcher(digits).matches() ? Integer.parseInt(digits) : 0; // at most 4 digits
                if (cycle < 1 || cycle > OrderRecord.MAX_CYCLE_DAYS) {
                    throw InputException.forEvent(customer.id(), event.id(),
                            "attribute 'productCycleDays' must be a whole number of days from 1 to " + OrderRecord.MAX_CYCLE_DAYS
                                    + " (got a text of " + days.length() + " characters)");
                }
            });
        }
    }

    private static String requireAttribute(Customer customer, Touchpoint event, String name) {
        return event.attribute(name).filter(v -> !v.isBlank()).orElseThrow(() -> InputException.forEvent(
                customer.id(), event.id(), event.type() + " needs attribute '" + name + "'"));
    }

    /** New events only (duplicates by id ignored, the earliest kept), oldest first, ties by id. */
    public static List<Touchpoint> freshInTimeOrder(ProfileFact profile, List<Touchpoint> events) {
        if (events.isEmpty()) {
            return List.of();
        }
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
