package dev.siyu.benchmarks;

import dev.siyu.Decision;
import dev.siyu.EvaluationRequest;
import dev.siyu.SiyuEngine;
import dev.siyu.demo.ShopGenerator;
import dev.siyu.model.Customer;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Benchmark inputs: customers of the sample shop after 90 days, and a million of them for a daily sweep. */
final class Customers {
    /** The morning after the 90 days of the generated shop. */
    static final OffsetDateTime SWEEP = OffsetDateTime.parse("2026-10-30T08:30:00+08:00");
    /** The end of the generated shop's 90 days, at which its events have all been applied. */
    private static final OffsetDateTime END_OF_SHOP = OffsetDateTime.parse("2026-10-30T00:00:00+08:00");

    private Customers() {
    }

    /** 10,000 generated customers with every event of 90 days applied: realistic states with memory. */
    static List<Customer> states(SiyuEngine engine, int count) {
        List<Customer> states = new ArrayList<>(count);
        for (EvaluationRequest request : shop(count)) {
            Decision decision = engine.evaluate(request, END_OF_SHOP);
            states.add(decision.customer());
        }
        return states;
    }

    /**
     * The lean baseline's own states of the same {@code count} generated customers as {@link #states}:
     * every event of the 90 days applied by {@link LeanPlaybook}, with no engine class involved.
     */
    static LeanPlaybook.State[] leanStates(LeanPlaybook lean, int count) {
        return shop(count).stream().map(r -> lean.firstImport(r.customer(), r.events(), END_OF_SHOP))
                .toArray(LeanPlaybook.State[]::new);
    }

    /** The generated sample shop of {@code count} customers and their 90 days of events. */
    private static List<EvaluationRequest> shop(int count) {
        return new ShopGenerator(2026, count, LocalDate.of(2026, 8, 1), 90).generate();
    }

    /** {@code total} sweep inputs cycling over {@code states}, each with its own id; made as they are read. */
    static Iterator<EvaluationRequest> sweep(List<Customer> states, int total) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < total;
            }

            @Override
            public EvaluationRequest next() {
                Customer c = states.get(next % states.size());
                Customer renamed = new Customer("s-" + next, c.name(), c.source(), c.owner(), c.zone(), c.addedAt(),
                        c.attributes(), c.tags(), c.engagement(), c.stage(), c.tier(), c.memory());
                next++;
                return new EvaluationRequest(renamed, List.of());
            }
        };
    }

    static Optional<Customer> first(List<Customer> states, java.util.function.Predicate<Customer> which) {
        return states.stream().filter(which).findFirst();
    }
}
