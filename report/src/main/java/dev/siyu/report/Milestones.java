package dev.siyu.report;

import dev.siyu.model.ArchivedOrders;
import dev.siyu.model.Customer;
import dev.siyu.model.EventTypes;
import dev.siyu.model.OrderRecord;
import dev.siyu.model.TouchpointStats;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * When a customer reached each step of the funnel, from what the state keeps for good: the first
 * time of each event type ({@code memory.touchpoints}, never pruned), the order ledger and the
 * archived orders (count and first paid time of orders pruned past the retention). So the funnel
 * at any earlier time, a cohort's progress or the previous period can be told from today's states.
 * Refunds are not replayed: a customer who bought and was refunded counts as having bought then.
 *
 * <p>Immutable and thread-safe.
 */
public record Milestones(
        Optional<OffsetDateTime> added,
        Optional<OffsetDateTime> conversing,
        Optional<OffsetDateTime> quoted,
        Optional<OffsetDateTime> firstOrder,
        Optional<OffsetDateTime> secondOrder) {

    /** The milestones of one customer state. */
    public static Milestones of(Customer customer) {
        Map<String, TouchpointStats> seen = customer.memory().touchpoints();
        Optional<OffsetDateTime> added = customer.addedAt().or(() -> first(seen, EventTypes.FRIEND_ADDED));
        List<OffsetDateTime> paid = new ArrayList<>();
        ArchivedOrders archived = customer.memory().archivedOrders().orElse(ArchivedOrders.NONE);
        archived.firstPaidAt().ifPresent(first -> {
            for (int i = 0; i < archived.paidCount(); i++) {
                paid.add(first); // pruned orders keep only the first time: the others are no later than the ledger
            }
        });
        customer.memory().orders().stream().map(OrderRecord::at).forEach(paid::add);
        paid.sort(Comparator.naturalOrder());
        Optional<OffsetDateTime> firstOrder = paid.isEmpty() ? Optional.empty() : Optional.of(paid.get(0));
        Optional<OffsetDateTime> secondOrder = paid.size() < 2 ? Optional.empty() : Optional.of(paid.get(1));
        Optional<OffsetDateTime> quoted = earliest(first(seen, EventTypes.PRICE_INQUIRY), first(seen, EventTypes.QUOTE_SENT),
                firstOrder);
        Optional<OffsetDateTime> conversing = earliest(first(seen, EventTypes.MESSAGE_RECEIVED),
                first(seen, EventTypes.OBJECTION), quoted);
        return new Milestones(added, conversing, quoted, firstOrder, secondOrder);
    }

    /** {@code true} when the customer was a friend at {@code time} (a customer without a date always was). */
    public boolean addedBy(OffsetDateTime time) {
        return added.map(a -> !a.isAfter(time)).orElse(true);
    }

    /** The funnel step reached by {@code time}: 0 friend, 1 conversing, 2 quoted, 3 bought, 4 bought again. */
    public int stepAt(OffsetDateTime time) {
        if (reached(secondOrder, time)) {
            return 4;
        }
        if (reached(firstOrder, time)) {
            return 3;
        }
        if (reached(quoted, time)) {
            return 2;
        }
        return reached(conversing, time) ? 1 : 0;
    }

    private static boolean reached(Optional<OffsetDateTime> milestone, OffsetDateTime time) {
        return milestone.map(m -> !m.isAfter(time)).orElse(false);
    }

    private static Optional<OffsetDateTime> first(Map<String, TouchpointStats> seen, String type) {
        return Optional.ofNullable(seen.get(type)).map(TouchpointStats::first);
    }

    private static Optional<OffsetDateTime> earliest(Optional<OffsetDateTime> a, Optional<OffsetDateTime> b,
                                                     Optional<OffsetDateTime> c) {
        return Stream.of(a, b, c).flatMap(Optional::stream).min(Comparator.naturalOrder());
    }
}
