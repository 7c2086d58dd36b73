package dev.siyu.internal;

import dev.siyu.model.ArchivedOrders;
import dev.siyu.model.EventTypes;
import dev.siyu.model.Memory;
import dev.siyu.model.Money;
import dev.siyu.model.OrderRecord;
import dev.siyu.model.Touchpoint;
import dev.siyu.model.TouchpointStats;
import dev.siyu.model.Watch;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The engine's bookkeeping of one customer during one evaluation: the clock, the order ledger,
 * touchpoint stats, followers, processed event ids, marks and watches, from the customer's
 * {@link Memory}. Copy on write: each part is the memory's own (immutable) value until the
 * evaluation changes it, so that a customer the evaluation leaves unchanged costs no copy, and
 * {@link #memory} hands unchanged parts back as they came.
 *
 * <p>Not thread-safe: owned by one evaluation.
 */
final class WorkingState {
    private static final Comparator<OrderRecord> ORDER_TIME =
            Comparator.comparing(OrderRecord::at, OffsetDateTime.timeLineOrder()).thenComparing(OrderRecord::eventId);
    private static final Comparator<Watch> WATCH_ORDER = Comparator.comparing(Watch::deadline, OffsetDateTime.timeLineOrder())
            .thenComparing(Watch::code).thenComparing(Watch::eventId);
    private static final String FOLLOWER = "follower";

    private final Memory memory;
    private final ZoneId zone;
    private final ZoneRules rules;
    private final Set<String> inboundTypes;
    private OffsetDateTime clock;

    // each: the memory's value until changed, then this evaluation's own copy (owned = true)
    private List<OrderRecord> orders;
    private boolean ordersOwned;
    private ArchivedOrders archived;
    private Map<String, TouchpointStats> touchpoints;
    private boolean touchpointsOwned;
    private Map<String, OffsetDateTime> followers;
    private boolean followersOwned;
    private Map<String, OffsetDateTime> processed;
    private boolean processedOwned;
    private Map<String, OffsetDateTime> marks;
    private boolean marksOwned;
    private List<Watch> watches;
    private boolean watchesOwned;
    private Optional<OffsetDateTime> horizon;
    /** {@link #lastInbound}, computed on the first read after the touchpoints last changed. */
    private OffsetDateTime lastInbound;
    private boolean lastInboundKnown;

    WorkingState(Memory memory, ZoneId zone, Set<String> inboundTypes, OffsetDateTime clock) {
        this.memory = memory;
        this.zone = zone;
        this.rules = zone.getRules();
        this.inboundTypes = inboundTypes;
        this.clock = local(clock);
        this.orders = memory.orders();
        if (!isSorted(orders, ORDER_TIME)) {
            ownOrders().sort(ORDER_TIME);
        }
        this.archived = memory.archivedOrders().orElse(ArchivedOrders.NONE);
        this.touchpoints = memory.touchpoints();
        this.followers = memory.followers();
        this.processed = memory.processedEvents();
        this.marks = memory.marks();
        this.watches = memory.watches();
        this.horizon = memory.horizon();
    }

    static <T> boolean isSorted(List<T> list, Comparator<? super T> order) {
        for (int i = 1; i < list.size(); i++) {
            if (order.compare(list.get(i - 1), list.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code time} in the customer's zone (itself when it already has the zone's offset). */
    OffsetDateTime local(OffsetDateTime time) {
        if (time.getOffset().equals(rules.getOffset(time.toInstant()))) {
            return time;
        }
        return time.atZoneSameInstant(zone).toOffsetDateTime();
    }

    ZoneId zone() {
        return zone;
    }

    OffsetDateTime clock() {
        return clock;
    }

    void moveClockTo(OffsetDateTime time) {
        clock = local(time);
    }

    private List<OrderRecord> ownOrders() {
        if (!ordersOwned) {
            orders = new ArrayList<>(orders);
            ordersOwned = true;
        }
        return orders;
    }

    private Map<String, TouchpointStats> ownTouchpoints() {
        lastInboundKnown = false; // the caller changes them
        if (!touchpointsOwned) {
            touchpoints = new TreeMap<>(touchpoints);
            touchpointsOwned = true;
        }
        return touchpoints;
    }

    private Map<String, OffsetDateTime> ownFollowers() {
        if (!followersOwned) {
            followers = new TreeMap<>(followers);
            followersOwned = true;
        }
        return followers;
    }

    private Map<String, OffsetDateTime> ownProcessed() {
        if (!processedOwned) {
            processed = new TreeMap<>(processed);
            processedOwned = true;
        }
        return processed;
    }

    private Map<String, OffsetDateTime> ownMarks() {
        if (!marksOwned) {
            marks = new TreeMap<>(marks);
            marksOwned = true;
        }
        return marks;
    }

    private List<Watch> ownWatches() {
        if (!watchesOwned) {
            watches = new ArrayList<>(watches);
            watchesOwned = true;
        }
        return watches;
    }

    // ---- events ----

    /** {@code true} when the event id was already processed, or is too old to tell (at or before the horizon). */
    boolean alreadyProcessed(Touchpoint event) {
        return processed.containsKey(event.id()) || horizon.isPresent() && !event.at().isAfter(horizon.get());
    }

    /**
     * Applies the engine's bookkeeping for one new event and moves the clock to its time;
     * {@code owner} is the current owner (a handover without takeover makes them a follower).
     */
    void apply(Touchpoint event, Optional<String> owner) {
        OffsetDateTime at = local(event.at());
        clock = at;
        ownProcessed().put(event.id(), at);
        ownTouchpoints().merge(event.type(), TouchpointStats.once(at), (old, one) -> old.plus(at));
        applyFollowers(event, at, owner);
        switch (event.type()) {
            case EventTypes.ORDER_PAID -> {
                String orderId = event.attribute("orderId").orElseThrow();
                if (orders.stream().noneMatch(o -> o.orderId().equals(orderId))) {
                    List<OrderRecord> own = ownOrders();
                    own.add(new OrderRecord(orderId, event.id(), at,
                            Money.of(event.attribute("amount").orElseThrow()), event.channel(),
                            event.attribute("product"),
                            event.attribute("productCycleDays").map(d -> Integer.valueOf(d.strip())),
                            event.attribute("productKind"), Optional.empty()));
                    own.sort(ORDER_TIME);
                }
            }
            case EventTypes.ORDER_REFUNDED -> event.attribute("orderId").ifPresent(orderId -> {
                for (int i = 0; i < orders.size(); i++) {
                    OrderRecord order = orders.get(i);
                    if (order.orderId().equals(orderId) && order.isPaid()) {
                        ownOrders().set(i, order.refunded(at));
                    }
                }
            });
            default -> { }
        }
    }

    /**
     * The follower bookkeeping (docs/contract.md, Followers): an event with a {@code follower}
     * attribute adds (FRIEND_ADDED) or ends (FRIEND_DELETED, FRIEND_REMOVED, FOLLOWER_HANDED_OVER)
     * that employee's relationship; a handover's {@code takeover}, or else the owner when the owner is
     * not the one handed over, becomes a follower; a FRIEND_DELETED without follower ends them all.
     */
    private void applyFollowers(Touchpoint event, OffsetDateTime at, Optional<String> owner) {
        Optional<String> follower = event.attribute(FOLLOWER).map(String::strip).filter(f -> !f.isEmpty());
        switch (event.type()) {
            case EventTypes.FRIEND_ADDED -> follower.ifPresent(f -> {
                if (!followers.containsKey(f)) {
                    ownFollowers().put(f, at);
                }
            });
            case EventTypes.FRIEND_DELETED -> {
                if (follower.isPresent()) {
                    if (followers.containsKey(follower.get())) {
                        ownFollowers().remove(follower.get());
                    }
                } else if (!followers.isEmpty()) {
                    ownFollowers().clear();
                }
            }
            case EventTypes.FRIEND_REMOVED -> follower.ifPresent(f -> {
                if (followers.containsKey(f)) {
                    ownFollowers().remove(f);
                }
            });
            case EventTypes.FOLLOWER_HANDED_OVER -> follower.ifPresent(f -> {
                ownFollowers().remove(f);
                event.attribute("takeover").map(String::strip).filter(t -> !t.isEmpty())
                        .or(() -> owner.filter(o -> !o.isEmpty() && !o.equals(f)))
                        .ifPresent(t -> ownFollowers().putIfAbsent(t, at));
            });
            default -> { }
        }
    }

    // ---- reads ----

    List<OrderRecord> orders() {
        return orders;
    }

    ArchivedOrders archived() {
        return archived;
    }

    // indexed loops over the order list: rules read these several times per customer, and an
    // iterator over an immutable list is an allocation each time

    int paidOrderCount() {
        int paid = archived.paidCount();
        for (int i = 0; i < orders.size(); i++) {
            if (orders.get(i).isPaid()) {
                paid++;
            }
        }
        return paid;
    }

    int refundedOrderCount() {
        int refunded = 0;
        for (int i = 0; i < orders.size(); i++) {
            if (!orders.get(i).isPaid()) {
                refunded++;
            }
        }
        return refunded;
    }

    Money spendSince(OffsetDateTime since) {
        Money spend = Money.ZERO;
        for (int i = 0; i < orders.size(); i++) {
            OrderRecord o = orders.get(i);
            if (o.isPaid() && o.at().isAfter(since) && !o.at().isAfter(clock)) {
                spend = spend.plus(o.amount());
            }
        }
        return spend;
    }

    String productOf(String orderId) {
        for (OrderRecord o : orders) {
            if (o.orderId().equals(orderId)) {
                return o.product().orElse("");
            }
        }
        return "";
    }

    TouchpointStats touchpoint(String type) {
        return touchpoints.get(type);
    }

    /** The latest inbound event's time (not yet in the customer's zone), or {@code null}. */
    OffsetDateTime lastInbound() {
        if (!lastInboundKnown) {
            lastInbound = latestInbound();
            lastInboundKnown = true;
        }
        return lastInbound;
    }

    private OffsetDateTime latestInbound() {
        OffsetDateTime last = null;
        for (Map.Entry<String, TouchpointStats> e : touchpoints.entrySet()) {
            if (inboundTypes.contains(e.getKey())) {
                OffsetDateTime at = e.getValue().last();
                if (last == null || at.isAfter(last)) {
                    last = at;
                }
            }
        }
        return last;
    }

    boolean isInbound(String type) {
        return inboundTypes.contains(type);
    }

    Map<String, OffsetDateTime> followers() {
        return followers;
    }

    // ---- marks ----

    boolean mark(String key) {
        if (marks.containsKey(key)) {
            return false;
        }
        ownMarks().put(key, clock);
        return true;
    }

    void markAgain(String key) {
        ownMarks().put(key, clock);
    }

    boolean isMarked(String key) {
        return marks.containsKey(key);
    }

    Optional<OffsetDateTime> markedAt(String key) {
        return Optional.ofNullable(marks.get(key));
    }

    // ---- watches ----

    List<Watch> watches() {
        return watches;
    }

    void openWatch(String code, String eventId, OffsetDateTime at, OffsetDateTime deadline) {
        List<Watch> own = ownWatches();
        own.removeIf(w -> w.code().equals(code) && w.eventId().equals(eventId));
        own.add(new Watch(code, eventId, local(at), local(deadline)));
        own.sort(WATCH_ORDER);
    }

    void answer(String code, OffsetDateTime replyAt) {
        if (watches.stream().anyMatch(w -> w.code().equals(code) && w.answeredBy(replyAt))) {
            ownWatches().removeIf(w -> w.code().equals(code) && w.answeredBy(replyAt));
        }
    }

    void close(String code, String eventId) {
        if (watches.stream().anyMatch(w -> w.code().equals(code) && w.eventId().equals(eventId))) {
            ownWatches().removeIf(w -> w.code().equals(code) && w.eventId().equals(eventId));
        }
    }

    List<Watch> overdueWatches(OffsetDateTime now) {
        if (watches.isEmpty()) {
            return List.of();
        }
        return watches.stream().filter(w -> !w.deadline().isAfter(now)).toList();
    }

    // ---- the next memory ----

    private boolean anyOrderBefore(OffsetDateTime cutoff) {
        for (int i = 0; i < orders.size(); i++) {
            if (orders.get(i).at().isBefore(cutoff)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyBefore(Map<String, OffsetDateTime> times, OffsetDateTime cutoff) {
        for (OffsetDateTime at : times.values()) {
            if (at.isBefore(cutoff)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyWatchBefore(OffsetDateTime cutoff) {
        for (int i = 0; i < watches.size(); i++) {
            if (watches.get(i).deadline().isBefore(cutoff)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The memory after the evaluation, with what is older than {@code cutoff} pruned: orders folded
     * into the archive, ids, marks, sent tasks and watches dropped, the horizon moved. Parts the
     * evaluation did not change are the memory's own.
     */
    Memory memory(OffsetDateTime cutoff, List<dev.siyu.model.PendingTask> stillPending, List<dev.siyu.model.SentTask> sentTasks) {
        List<OrderRecord> kept = orders;
        if (anyOrderBefore(cutoff)) {
            kept = new ArrayList<>();
            for (OrderRecord order : orders) {
                if (order.at().isBefore(cutoff)) {
                    archived = archived.plus(order);
                } else {
                    kept.add(order);
                }
            }
        }
        boolean pruned = false;
        if (anyBefore(processed, cutoff)) {
            pruned = ownProcessed().values().removeIf(at -> at.isBefore(cutoff));
        }
        if (anyBefore(marks, cutoff)) {
            pruned |= ownMarks().values().removeIf(at -> at.isBefore(cutoff));
        }
        if (anyWatchBefore(cutoff)) {
            ownWatches().removeIf(w -> w.deadline().isBefore(cutoff));
        }
        if (pruned && horizon.map(h -> h.isBefore(cutoff)).orElse(true)) {
            horizon = Optional.of(cutoff);
        }
        Optional<ArchivedOrders> archive = archived.paidCount() == 0 && archived.firstPaidAt().isEmpty() ? Optional.empty()
                : archived.equals(memory.archivedOrders().orElse(null)) ? memory.archivedOrders() : Optional.of(archived);
        return new Memory(kept, archive, touchpoints, followers, stillPending, sentTasks, watches, processed, marks, horizon);
    }
}
