package dev.siyu.flink;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.Customer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the job does with input it cannot apply as it is: nothing is dropped silently. */
class RefusedInputTest {
    @TempDir
    Path dir;

    private LocalRun.Summary run(String... lines) throws Exception {
        Path in = dir.resolve("in.ndjson");
        Files.write(in, List.of(lines), StandardCharsets.UTF_8);
        return new LocalRun(in, dir.resolve("out.ndjson"), dir.resolve("refused.ndjson"), dir.resolve("state.ndjson"),
                EvaluationSettings.defaults().withWindow(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 4)),
                Duration.ofMinutes(10), 2, Duration.ofSeconds(10)).run();
    }

    private List<JsonNode> refused() throws Exception {
        return Files.readAllLines(dir.resolve("refused.ndjson")).stream().map(SiyuJson::readTree).toList();
    }

    @Test
    void badLinesAndEvents_goToTheRefusedOutputWithLineIdsAndReason_andTheRestIsEvaluated() throws Exception {
        LocalRun.Summary summary = run(
                "{\"customer\": {\"id\": \"c-1\", \"addedAt\": \"2026-03-02T09:00:00+08:00\"}, \"events\": ["
                        + "{\"id\": \"e1\", \"type\": \"FRIEND_ADDED\", \"at\": \"2026-03-02T09:00:00+08:00\"},"
                        + "{\"id\": \"e2\", \"type\": \"ORDER_PAID\", \"at\": \"2026-03-02T10:00:00+08:00\", \"attributes\": {\"amount\": \"99.00\"}}]}",
                "{\"customer\": {\"id\": \"c-2\"",
                "",
                "{\"customer\": {\"name\": \"no id\"}, \"events\": []}",
                "{\"customer\": {\"id\": \"c-3\", \"colour\": \"red\"}, \"events\": []}",
                "{\"customer\": {\"id\": \"c-4\"}, \"events\": [{\"id\": \"x\", \"type\": \"MESSAGE_RECEIVED\", \"at\": \"2026-03-09T10:00:00+08:00\"}]}");

        List<JsonNode> refused = refused();

        assertThat(summary.refused()).isEqualTo(5);
        assertThat(refused).extracting(n -> n.get("line").asInt()).containsExactly(1, 2, 4, 5, 6);
        assertThat(refused.get(0).get("customerId").asText()).isEqualTo("c-1");
        assertThat(refused.get(0).get("eventId").asText()).isEqualTo("e2");
        assertThat(refused.get(0).get("reason").asText()).contains("line 1").contains("e2").contains("orderId");
        assertThat(refused.get(0).get("input").get("id").asText()).isEqualTo("e2");
        assertThat(refused.get(1).get("reason").asText()).startsWith("line 2: malformed JSON");
        assertThat(refused.get(2).get("reason").asText()).contains("missing required field 'id'");
        assertThat(refused.get(2).get("reason").asText()).doesNotContain("no id");
        assertThat(refused.get(2).get("input").get("customer").get("name").asText()).isEqualTo("no id");
        assertThat(refused.get(3).get("reason").asText()).contains("unknown field 'colour'").contains("$.customer");
        assertThat(refused.get(4).get("reason").asText()).contains("after the run's last day");
        List<Customer> states = Files.readAllLines(dir.resolve("state.ndjson")).stream().map(SiyuJson::readCustomer).toList();
        assertThat(states).extracting(Customer::id).containsExactly("c-1", "c-4");
        assertThat(states.get(0).memory().processedEvents()).containsOnlyKeys("e1");
        assertThat(Files.readAllLines(dir.resolve("out.ndjson"))).isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("{\"customerId\":\"c-1\""));
    }

    @Test
    void anEventOlderThanTheCustomersClock_isStillApplied_atTheTimeTheCustomerHasReached() throws Exception {
        LocalRun.Summary summary = run(
                "{\"customer\": {\"id\": \"c-1\", \"addedAt\": \"2026-03-02T09:00:00+08:00\"}, \"events\": ["
                        + "{\"id\": \"e1\", \"type\": \"FRIEND_ADDED\", \"at\": \"2026-03-02T09:00:00+08:00\"},"
                        + "{\"id\": \"e3\", \"type\": \"MESSAGE_RECEIVED\", \"at\": \"2026-03-03T11:00:00+08:00\"}]}",
                "{\"customer\": {\"id\": \"c-1\"}, \"events\": ["
                        + "{\"id\": \"e2\", \"type\": \"MESSAGE_SENT\", \"at\": \"2026-03-02T09:05:00+08:00\"}]}");

        Customer state = SiyuJson.readCustomer(Files.readAllLines(dir.resolve("state.ndjson")).get(0));

        assertThat(summary.refused()).isZero();
        assertThat(state.memory().processedEvents()).containsOnlyKeys("e1", "e2", "e3");
        assertThat(state.memory().touchpoints().get("MESSAGE_SENT").count()).isEqualTo(1);
    }
}
