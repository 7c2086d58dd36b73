package dev.siyu.examples;

import dev.siyu.Decision;
import dev.siyu.SiyuEngine;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;
import dev.siyu.pack.RulePack;

import java.time.OffsetDateTime;
import java.util.List;

/** The README's quick start, compiled and run by {@code QuickStartTest} so that it never rots. */
public final class QuickStart {
    private QuickStart() {
    }

    public static void main(String[] args) {
        // tag::quickstart[]
        SiyuEngine engine = SiyuEngine.builder().rules(RulePack.defaults()).build(); // once; thread-safe
        Customer customer = Customer.builder("c-001").source("AD").build();
        List<Touchpoint> events = List.of(
                Touchpoint.of("e1", "PRICE_INQUIRY", OffsetDateTime.parse("2026-03-02T10:00:00+08:00")));

        Decision decision = engine.evaluate(customer, events, OffsetDateTime.parse("2026-03-02T10:30:00+08:00"));

        decision.actions().forEach(action -> System.out.println(action.type() + " by '" + action.rule() + "'"));
        String nextState = SiyuJson.write(decision.customer()); // store it, hand it back next time
        // end::quickstart[]
        System.out.println(nextState);
    }
}
