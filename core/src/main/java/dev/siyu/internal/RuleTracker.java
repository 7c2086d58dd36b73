package dev.siyu.internal;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/**
 * Knows which rule is firing, so that every change a rule makes is attributed to it without the
 * rule file naming itself; counts each customer's firings in a pass, so that a session of many
 * customers allows each the firings it would have alone.
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
    /** Firings allowed to one customer in one bounded run (a pass), 0: no limit. */
    private int limitPerCustomer;
    /** This pass's firings by customer id ({@code ""}: matches of no customer's facts); see {@link #add}. */
    private final java.util.Map<String, int[]> passFirings = new java.util.HashMap<>();
    private final int[] noCustomer = new int[1];
    /** The customer whose rules reached the limit in this pass, or {@code null}. */
    private String overLimit;

    public RuleTracker() {
        passFirings.put("", noCustomer);
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        current = event.getMatch().getRule().getName();
        firings++;
        if (limitPerCustomer > 0 && overLimit == null) {
            String customer = customerOf(event.getMatch());
            int[] count = passFirings.getOrDefault(customer, noCustomer);
            if (++count[0] >= limitPerCustomer) {
                overLimit = customer;
                session.halt(); // this customer would have been stopped alone too
            }
        }
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

    /**
     * Halts {@code kieSession} at the first firing after {@code deadline} (a {@link System#nanoTime()}
     * value), or when one customer's rules reach {@code limitPerCustomer} firings in this run (0: no
     * limit): see {@link #overtime()} and {@link #overLimit()}.
     * Matches of no customer's facts (reference facts only) count together, as they would in a
     * session of one customer.
     */
    public void bound(org.kie.api.runtime.KieSession kieSession, long deadline, int limitPerCustomer) {
        this.session = kieSession;
        this.deadlineNanos = deadline;
        this.overtime = false;
        this.limitPerCustomer = limitPerCustomer;
        for (int[] count : passFirings.values()) {
            count[0] = 0;
        }
        this.overLimit = null;
    }

    /** Counts the firings of {@code customerId}'s rules apart (made once per session: no allocation per firing). */
    public void add(String customerId) {
        passFirings.putIfAbsent(customerId, new int[1]);
    }

    /** The customer id ({@code ""}: no customer's facts) whose rules reached the limit in the last bounded run, or {@code null}. */
    public String overLimit() {
        return overLimit;
    }

    /**
     * The customer whose facts a match holds: of the facts that name one, the first pattern's, or
     * {@code ""}. Walks the match's tuple (last pattern first) instead of {@code getObjects()}, which
     * would allocate a list for every firing.
     */
    private static String customerOf(org.kie.api.runtime.rule.Match match) {
        if (!(match instanceof org.drools.core.rule.consequence.InternalMatch internal)) {
            return customerOf(match.getObjects());
        }
        String customer = null;
        for (org.drools.core.reteoo.TupleImpl t = internal.getTuple(); t != null; t = t.getParent()) {
            org.drools.core.common.InternalFactHandle handle = t.getFactHandle();
            String id = handle == null ? null : customerId(handle.getObject());
            if (id != null) {
                customer = id;
            }
        }
        return customer == null ? "" : customer;
    }

    private static String customerOf(java.util.List<Object> objects) {
        for (int i = 0; i < objects.size(); i++) {
            String id = customerId(objects.get(i));
            if (id != null) {
                return id;
            }
        }
        return "";
    }

    private static String customerId(Object fact) {
        if (fact instanceof dev.siyu.fact.Proposal p) {
            return p.getCustomerId();
        } else if (fact instanceof dev.siyu.fact.Profile p) {
            return p.getCustomerId();
        } else if (fact instanceof dev.siyu.fact.Event e) {
            return e.getCustomerId();
        } else if (fact instanceof dev.siyu.fact.Sweep s) {
            return s.getCustomerId();
        } else if (fact instanceof dev.siyu.fact.TierStanding t) {
            return t.getCustomerId();
        } else if (fact instanceof dev.siyu.fact.TierMet t) {
            return t.getCustomerId();
        } else if (fact == null) {
            return null;
        }
        return CUSTOMER_ID.get(fact.getClass()).apply(fact);
    }

    /**
     * A type declared in a rule file ({@code declare SopEntry customerId : String ... end}) names its
     * customer through a public {@code String getCustomerId()}; other facts name none.
     */
    private static final ClassValue<java.util.function.Function<Object, String>> CUSTOMER_ID = new ClassValue<>() {
        @Override
        protected java.util.function.Function<Object, String> computeValue(Class<?> type) {
            try {
                java.lang.reflect.Method getter = type.getMethod("getCustomerId");
                if (getter.getReturnType() == String.class && java.lang.reflect.Modifier.isPublic(type.getModifiers())) {
                    return fact -> {
                        try {
                            return (String) getter.invoke(fact);
                        } catch (ReflectiveOperationException e) {
                            return null;
                        }
                    };
                }
            } catch (NoSuchMethodException | SecurityException e) {
                // names no customer
            }
            return fact -> null;
        }
    };

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
