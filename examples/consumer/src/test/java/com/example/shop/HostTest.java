package com.example.shop;

import dev.siyu.Decision;
import dev.siyu.SiyuEngine;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;
import dev.siyu.pack.RulePack;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's quick start, in a host that has only the README's dependency section. */
class HostTest {
    @Test
    void theQuickStartRunsInAHost() {
        SiyuEngine engine = SiyuEngine.builder().rules(RulePack.defaults()).build();
        Customer customer = Customer.builder("c-001").source("AD").build();
        List<Touchpoint> events = List.of(
                Touchpoint.of("e1", "PRICE_INQUIRY", OffsetDateTime.parse("2026-03-02T10:00:00+08:00")));

        Decision decision = engine.evaluate(customer, events, OffsetDateTime.parse("2026-03-02T10:30:00+08:00"));

        assertEquals(3, decision.actions().stream().filter(a -> a.type().equals("TASK")).count());
        assertTrue(SiyuJson.write(decision.customer()).contains("\"engagement\":\"QUOTED\""));
    }
}
