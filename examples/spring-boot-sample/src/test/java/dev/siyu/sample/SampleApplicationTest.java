package dev.siyu.sample;

import dev.siyu.model.Touchpoint;
import dev.siyu.runtime.DueTask;
import dev.siyu.runtime.Ingested;
import dev.siyu.runtime.SiyuRuntime;
import dev.siyu.spring.SiyuHealthIndicator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = "siyu.runtime.polling-interval=200ms")
class SampleApplicationTest {

    @Autowired
    SiyuRuntime runtime;

    @Autowired
    WeComTaskSender sender;

    @Autowired
    SiyuHealthIndicator health;

    @Test
    void anIngestedEvent_makesATask_thatIsDeliveredToTheApplicationsTaskSender() throws InterruptedException {
        OffsetDateTime addedAt = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(45);

        Ingested ingested = runtime.ingest("c-spring-1", Touchpoint.of("e-1", "FRIEND_ADDED", addedAt).on("WECOM"));
        List<DueTask> sent = awaitSent("c-spring-1/greeting/e-1");

        assertThat(ingested).isEqualTo(Ingested.STORED);
        assertThat(sent).filteredOn(t -> t.key().equals("c-spring-1/greeting/e-1")).singleElement()
                .satisfies(task -> assertThat(task.customerId()).isEqualTo("c-spring-1"));
        assertThat(runtime.customer("c-spring-1")).isPresent();
    }

    @Test
    void theHealthIndicator_showsTheEngineVersion_theLastReload_andTheOutboxBacklog() {
        Health result = health.health();

        assertThat(result.getStatus()).isEqualTo(Status.UP);
        assertThat(result.getDetails()).containsKeys("engineVersion", "lastReload", "reloads", "outboxBacklog", "outboxFailed");
        assertThat(result.getDetails().get("engineVersion").toString()).startsWith("siyu ").contains("default").contains("rules");
    }

    private List<DueTask> awaitSent(String key) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<DueTask> sent = sender.sent();
            if (sent.stream().anyMatch(t -> t.key().equals(key))) {
                return sent;
            }
            Thread.sleep(100);
        }
        return sender.sent();
    }
}
