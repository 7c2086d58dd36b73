package dev.siyu.model;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * What the engine still knows of paid orders that left the retention window: how many paid,
 * unrefunded orders there were and when the first was paid. Keeps engagement levels right for
 * customers with years of history while the state stays small.
 *
 * <p>Immutable and thread-safe.
 */
public record ArchivedOrders(int paidCount, Optional<OffsetDateTime> firstPaidAt) {
    public static final ArchivedOrders NONE = new ArchivedOrders(0, Optional.empty());

    public ArchivedOrders {
        if (paidCount < 0) {
            throw new IllegalArgumentException("paidCount must be >= 0, got " + paidCount);
        }
        firstPaidAt = firstPaidAt == null ? Optional.empty() : firstPaidAt;
    }

    /** These archived orders plus {@code order}. */
    public ArchivedOrders plus(OrderRecord order) {
        if (!order.isPaid()) {
            return this;
        }
        OffsetDateTime first = firstPaidAt.filter(f -> !f.isAfter(order.at())).orElse(order.at());
        return new ArchivedOrders(paidCount + 1, Optional.of(first));
    }
}
