package dev.siyu.model;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The maps of the model's records: immutable sorted copies, kept rather than copied when handed in again. */
class SortedSnapshotTest {
    private static final OffsetDateTime T = OffsetDateTime.parse("2026-10-01T10:00:00+08:00");

    @Test
    void aMemoryMadeFromAnotherMemorysMapsKeepsThemWithoutCopying() {
        Memory first = new Memory(null, null, null, Map.of("emp-1", T), null, null, null,
                Map.of("e2", T, "e1", T), Map.of("m", T), null);

        Memory second = new Memory(first.orders(), first.archivedOrders(), first.touchpoints(), first.followers(),
                first.pendingTasks(), first.sentTasks(), first.watches(), first.processedEvents(), first.marks(),
                first.horizon());

        assertThat(second.processedEvents()).isSameAs(first.processedEvents());
        assertThat(second.followers()).isSameAs(first.followers());
        assertThat(second.marks()).isSameAs(first.marks());
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aMutableMapHandedInIsCopiedInKeyOrderAndLaterChangesToItAreNotSeen() {
        Map<String, OffsetDateTime> given = new HashMap<>();
        given.put("e2", T);
        given.put("e1", T.plusHours(1));

        Memory memory = new Memory(null, null, null, null, null, null, null, given, null, null);
        given.put("e3", T);

        assertThat(memory.processedEvents()).isInstanceOf(SortedMap.class);
        assertThat(List.copyOf(memory.processedEvents().keySet())).containsExactly("e1", "e2");
        assertThat(memory.processedEvents()).isEqualTo(Map.of("e1", T.plusHours(1), "e2", T));
        assertThatThrownBy(() -> memory.processedEvents().put("e4", T)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> memory.processedEvents().entrySet().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aCustomersAttributesAreKeptWhenTheCustomerIsMadeAgainFromThem() {
        Customer customer = Customer.builder("c-1").attribute("locale", "en").attribute("city", "Hangzhou").build();

        Customer again = new Customer(customer.id(), customer.name(), customer.source(), customer.owner(), customer.zone(),
                customer.addedAt(), customer.attributes(), customer.tags(), customer.engagement(), customer.stage(),
                customer.tier(), customer.memory());

        assertThat(again.attributes()).isSameAs(customer.attributes());
        assertThat(List.copyOf(again.attributes().keySet())).containsExactly("city", "locale");
        assertThat(again).isEqualTo(customer).hasSameHashCodeAs(customer);
    }
}
