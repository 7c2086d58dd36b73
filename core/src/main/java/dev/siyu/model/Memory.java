package dev.siyu.model;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine remembers of a customer between evaluations (CONTRACT.md {@code memory}).
 * Hosts store it and hand it back unchanged; only the engine writes it.
 *
 * <ul>
 *   <li>{@code orders}: the order ledger inside the retention window; older paid orders are
 *       folded into {@code archivedOrders};</li>
 *   <li>{@code touchpoints}: first/last time and count per event type (inbound times);</li>
 *   <li>{@code followers}: the employees the customer is a friend of (follower id to the time the
 *       relationship started), kept from events with a {@code follower} attribute;</li>
 *   <li>{@code pendingTasks}: tasks not yet due, which later rules may cancel or replace;</li>
 *   <li>{@code sentTasks}: tasks that became due, for frequency caps;</li>
 *   <li>{@code watches}: responses the customer is owed, with their deadlines;</li>
 *   <li>{@code processedEvents}: event id to event time, so that duplicates change nothing;</li>
 *   <li>{@code marks}: once-only markers set by rules (an alert raised, a greeting sent), by key;</li>
 *   <li>{@code horizon}: ids and marks older than this were pruned; an unknown event at or
 *       before it is treated as already processed.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public record Memory(
        List<OrderRecord> orders,
        Optional<ArchivedOrders> archivedOrders,
        Map<String, TouchpointStats> touchpoints,
        Map<String, OffsetDateTime> followers,
        List<PendingTask> pendingTasks,
        List<SentTask> sentTasks,
        List<Watch> watches,
        Map<String, OffsetDateTime> processedEvents,
        Map<String, OffsetDateTime> marks,
        Optional<OffsetDateTime> horizon) {

    public static final Memory EMPTY = new Memory(null, null, null, null, null, null, null, null, null, null);

    public Memory {
        orders = orders == null ? List.of() : List.copyOf(orders);
        archivedOrders = archivedOrders == null ? Optional.empty() : archivedOrders;
        touchpoints = sorted(touchpoints);
        followers = sorted(followers);
        pendingTasks = pendingTasks == null ? List.of() : List.copyOf(pendingTasks);
        sentTasks = sentTasks == null ? List.of() : List.copyOf(sentTasks);
        watches = watches == null ? List.of() : List.copyOf(watches);
        processedEvents = sorted(processedEvents);
        marks = sorted(marks);
        horizon = horizon == null ? Optional.empty() : horizon;
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return SortedSnapshot.of(map); // a snapshot is kept, not copied
    }
}
