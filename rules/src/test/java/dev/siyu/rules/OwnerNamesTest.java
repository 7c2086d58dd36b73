package dev.siyu.rules;

import dev.siyu.Decision;
import dev.siyu.SiyuEngine;
import dev.siyu.action.Task;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;
import dev.siyu.pack.RulePack;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code {{owner}}} is the owner's display name from the packs' owner catalogs; tasks keep the owner id. */
class OwnerNamesTest {
    private static final OffsetDateTime ADDED = OffsetDateTime.parse("2026-03-02T10:00:00+08:00");

    private static Task greeting(SiyuEngine engine) {
        Customer customer = Customer.builder("c-1").name("张女士").owner("sales-01").source("AD").build();
        Decision decision = engine.evaluate(customer, List.of(Touchpoint.of("e1", "FRIEND_ADDED", ADDED)), ADDED.plusMinutes(1));
        return decision.actions().stream().filter(Task.class::isInstance).map(Task.class::cast)
                .filter(t -> t.script().equals("greeting.broad")).findFirst().orElseThrow();
    }

    @Test
    void aNamedOwnerIsCalledByName() {
        SiyuEngine engine = SiyuEngine.builder().rules(RulePack.defaults())
                .rules(RulePack.of("shop", Map.of("shop.owners.csv", "id,name\nsales-01,小美\n")))
                .scriptValue("shop", "小雅眼镜").build();

        Task greeting = greeting(engine);

        assertThat(greeting.text()).hasValueSatisfying(text -> assertThat(text).startsWith("张女士您好，我是小雅眼镜的小美，"));
        assertThat(greeting.owner()).contains("sales-01");
    }

    @Test
    void anUnnamedOwnerShowsAsItsId() {
        SiyuEngine engine = SiyuEngine.builder().rules(RulePack.defaults()).scriptValue("shop", "小雅眼镜").build();

        assertThat(greeting(engine).text()).hasValueSatisfying(text -> assertThat(text).contains("我是小雅眼镜的sales-01，"));
    }
}
