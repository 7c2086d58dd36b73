package dev.siyu.benchmarks;

import dev.siyu.EvaluationRequest;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic histories with exactly {@code n} events per customer, for measuring how cost grows with
 * events: a new friend, then a cycle of ten (our message, the customer's message, our answer, a price
 * inquiry, a quote, a paid order, shipped, delivered, a message, our answer), spread evenly over the
 * 90 days before {@link #END}. Customer {@code i} always gets the same history.
 */
final class Histories {
    /** The end of every history: the first import happens here. */
    static final OffsetDateTime END = OffsetDateTime.parse("2026-10-30T08:30:00+08:00");
    private static final OffsetDateTime START = END.minusDays(90);
    private static final String[] SOURCES = {"PACKAGE_CARD", "STORE", "COMMUNITY", "AD", "REFERRAL"};
    private static final String[] CYCLE = {"MESSAGE_SENT", "MESSAGE_RECEIVED", "MESSAGE_SENT", "PRICE_INQUIRY", "QUOTE_SENT",
            "ORDER_PAID", "SHIPPED", "DELIVERED", "MESSAGE_RECEIVED", "MESSAGE_SENT"};

    private Histories() {
    }

    static String id(int i) {
        return "h-" + i;
    }

    /** Customer {@code i} as the shop first knows it: added at its first event, no memory. */
    static Customer customer(int i) {
        return Customer.builder(id(i)).source(SOURCES[i % SOURCES.length]).owner("sales-0" + (1 + i % 5))
                .addedAt(START.plusMinutes(i % 600)).build();
    }

    /** The {@code n} events of customer {@code i}, in time order. */
    static List<Touchpoint> events(int i, int n) {
        String id = id(i);
        long step = Duration.ofDays(90).minusHours(1).toMinutes() / Math.max(1, n);
        OffsetDateTime added = START.plusMinutes(i % 600);
        List<Touchpoint> events = new ArrayList<>(n);
        events.add(Touchpoint.of(id + "-e0", "FRIEND_ADDED", added).on("WECOM"));
        for (int k = 1; k < n; k++) {
            String type = CYCLE[(k - 1) % CYCLE.length];
            OffsetDateTime at = added.plusMinutes(step * k);
            String order = id + "-o" + (k - 1) / CYCLE.length;
            Touchpoint event = Touchpoint.of(id + "-e" + k, type, at).on("WECOM");
            switch (type) {
                case "ORDER_PAID" -> event = event.with("orderId", order).with("amount", (i % 2 == 0 ? "199.00" : "89.00"))
                        .with("product", "月抛6片").with("productKind", "HIT").with("productCycleDays", "30");
                case "SHIPPED", "DELIVERED" -> event = event.with("orderId", order);
                case "PRICE_INQUIRY", "QUOTE_SENT" -> event = event.with("product", "月抛6片");
                default -> { }
            }
            events.add(event);
        }
        return events;
    }

    /** The first import of customers {@code from .. from + count - 1} (modulo {@code population}), made as they are read. */
    static List<EvaluationRequest> firstImport(int from, int count, int population, int n) {
        List<EvaluationRequest> requests = new ArrayList<>(count);
        for (int j = 0; j < count; j++) {
            int i = (from + j) % population;
            requests.add(new EvaluationRequest(customer(i), events(i, n)));
        }
        return requests;
    }
}
