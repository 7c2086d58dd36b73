package dev.siyu.model;

import dev.siyu.json.SiyuJson;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Only a customer's id is required; everything else has a default. */
class CustomerDefaultsTest {

    @Test
    void customerWithOnlyAnIdStartsSilentInIntroductionAsRegular() {
        String json = "{\"id\": \"c-1\"}";

        Customer customer = SiyuJson.readCustomer(json);

        assertThat(customer.id()).isEqualTo("c-1");
        assertThat(customer.engagement()).isEqualTo(Engagement.SILENT);
        assertThat(customer.stage()).isEqualTo(Stage.INTRODUCTION);
        assertThat(customer.tier()).isEqualTo(Tier.REGULAR);
    }

    @Test
    void customerWithOnlyAnIdHasEmptyMemoryAndNoOptionalValues() {
        String json = "{\"id\": \"c-1\"}";

        Customer customer = SiyuJson.readCustomer(json);

        assertThat(customer.memory()).isEqualTo(Memory.EMPTY);
        assertThat(customer.memory().orders()).isEmpty();
        assertThat(customer.memory().pendingTasks()).isEmpty();
        assertThat(customer.memory().processedEvents()).isEmpty();
        assertThat(customer.memory().horizon()).isEmpty();
        assertThat(customer.attributes()).isEmpty();
        assertThat(customer.tags()).isEmpty();
        assertThat(customer.name()).isEmpty();
        assertThat(customer.owner()).isEmpty();
        assertThat(customer.zone()).isEmpty();
        assertThat(customer.addedAt()).isEmpty();
    }

    @Test
    void customerReadFromJsonEqualsTheOneBuiltFromAnId() {
        String json = "{\"id\": \"c-1\"}";

        Customer customer = SiyuJson.readCustomer(json);

        assertThat(customer).isEqualTo(Customer.of("c-1"));
    }

    @Test
    void writingACustomerWithOnlyAnIdOmitsEmptyCollectionsAndAbsentValues() {
        Customer customer = SiyuJson.readCustomer("{\"id\": \"c-1\"}");

        String written = SiyuJson.write(customer);

        assertThat(written).doesNotContain("attributes", "tags", "name", "owner", "zone", "addedAt", "null", "orders");
        List<String> fields = new ArrayList<>();
        SiyuJson.readTree(written).fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "engagement", "stage", "tier", "memory");
        assertThat(SiyuJson.readTree(written).get("memory").isEmpty()).isTrue();
    }

    @Test
    void writingEmptyMemoryOmitsItsEmptyCollections() {
        Memory memory = Memory.EMPTY;

        String written = SiyuJson.write(memory);

        assertThat(written).isEqualTo("{}");
    }

    @Test
    void customerWrittenWithDefaultsReadsBackEqual() {
        Customer customer = Customer.of("c-1");

        Customer reread = SiyuJson.readCustomer(SiyuJson.write(customer));

        assertThat(reread).isEqualTo(customer);
    }

    @Test
    void explicitNullForEngagementFallsBackToTheDefault() {
        String json = "{\"id\": \"c-1\", \"engagement\": null, \"memory\": null}";

        Customer customer = SiyuJson.readCustomer(json);

        assertThat(customer.engagement()).isEqualTo(Engagement.SILENT);
        assertThat(customer.memory()).isEqualTo(Memory.EMPTY);
    }

    @Test
    void attributesAreKeptSortedByKeyInTheModel() {
        Customer customer = Customer.builder("c-1").attribute("zeta", "1").attribute("alpha", "2").build();

        Map<String, String> attributes = customer.attributes();

        assertThat(attributes.keySet()).containsExactly("alpha", "zeta");
    }

    @Test
    void attributesCannotBeChangedFromOutside() {
        Customer customer = Customer.builder("c-1").attribute("city", "杭州").build();

        Map<String, String> attributes = customer.attributes();

        assertThatThrownBy(() -> attributes.put("city", "上海"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void builderRoundTripKeepsEveryValue() {
        Customer customer = SiyuJson.readCustomer("""
                {"id": "c-1", "name": "张女士", "owner": "sales-01", "attributes": {"city": "杭州"},
                 "tags": ["渠道/来源/AD"], "engagement": "QUOTED", "stage": "GROWTH", "tier": "VIP"}""");

        Customer rebuilt = customer.toBuilder().build();

        assertThat(rebuilt).isEqualTo(customer);
    }

    @Test
    void blankIdIsRefused() {
        String id = " ";

        assertThatThrownBy(() -> Customer.of(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customer id must not be blank");
    }

    @Test
    void nullIdIsRefusedNamingTheField() {
        String id = null;

        assertThatThrownBy(() -> Customer.of(id))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("id");
    }
}
