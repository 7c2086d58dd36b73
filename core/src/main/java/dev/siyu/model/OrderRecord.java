package dev.siyu.model;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * One paid order in the engine's ledger ({@link Memory#orders()}), refunded or not.
 *
 * <p>Immutable and thread-safe.
 */
public record OrderRecord(
        String orderId,
        String eventId,
        OffsetDateTime at,
        Money amount,
        Optional<String> channel,
        Optional<String> product,
        Optional<Integer> productCycleDays,
        Optional<String> productKind,
        Optional<OffsetDateTime> refundedAt) {

    /** The longest product cycle an order may give: ten years of days. */
    public static final int MAX_CYCLE_DAYS = 3650;

    public OrderRecord {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(amount, "amount");
        channel = channel == null ? Optional.empty() : channel;
        product = product == null ? Optional.empty() : product;
        productCycleDays = productCycleDays == null ? Optional.empty() : productCycleDays;
        productCycleDays.filter(days -> days < 1 || days > MAX_CYCLE_DAYS).ifPresent(days -> {
            throw new IllegalArgumentException("productCycleDays must be from 1 to " + MAX_CYCLE_DAYS + ", got " + days);
        });
        productKind = productKind == null ? Optional.empty() : productKind;
        refundedAt = refundedAt == null ? Optional.empty() : refundedAt;
    }

    /** {@code true} when the order is paid and was not refunded. */
    public boolean isPaid() {
        return refundedAt.isEmpty();
    }

    /** This order, refunded at {@code time}. */
    public OrderRecord refunded(OffsetDateTime time) {
        return new OrderRecord(orderId, eventId, at, amount, channel, product, productCycleDays,
                productKind, Optional.of(time));
    }
}
