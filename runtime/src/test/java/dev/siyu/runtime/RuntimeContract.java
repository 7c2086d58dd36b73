package dev.siyu.runtime;

import dev.siyu.error.InputException;
import dev.siyu.SiyuEngine;
import dev.siyu.action.Task;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;
import dev.siyu.pack.RulePack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runtime's behaviour, run against each database by a subclass. */
abstract class RuntimeContract {
    static final SiyuEngine ENGINE = SiyuEngine.builder().rules(RulePack.defaults()).build();

    private final List<SiyuRuntime> open = new ArrayList<>();

    /** A new, empty database. */
    abstract DataSource database();

    static OffsetDateTime at(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + ":00+08:00");
    }

    SiyuRuntime runtime(DataSource db, TaskSender sender, AlertSink sink, String start) {
        SiyuRuntime runtime = SiyuRuntime.builder(db).engine(ENGINE).taskSender(sender).alertSink(sink)
                .manualClock(at(start).toInstant()).retryBackoff(Duration.ofMinutes(1)).maxAttempts(3)
                .exclusive(true).build().start();
        open.add(runtime);
        return runtime;
    }

    @AfterEach
    void closeRuntimes() {
        open.forEach(SiyuRuntime::close);
    }

    static void advance(SiyuRuntime runtime, String to) {
        runtime.advanceTo(at(to).toInstant());
    }

    @Test
    void theSameEventTwice_isStoredOnce_andEvaluatedOnce() {
        Recorder host = new Recorder();
        SiyuRuntime runtime = runtime(database(), host, host, "2026-04-14T10:05");
        Touchpoint added = Touchpoint.of("e-1", "FRIEND_ADDED", at("2026-04-14T10:00")).on("WECOM");

        Ingested first = runtime.ingest("c-1", added);
        Ingested second = runtime.ingest("c-1", added);

        assertThat(first).isEqualTo(Ingested.STORED);
        assertThat(second).isEqualTo(Ingested.DUPLICATE);
        assertThat(runtime.customer("c-1")).get().satisfies(c ->
                assertThat(c.memory().processedEvents()).containsOnlyKeys("e-1"));
        assertThat(runtime.outbox(OutboxStatus.PENDING)).extracting(OutboxEntry::key)
                .containsExactlyInAnyOrder("c-1/greeting/e-1", "c-1/activation/silent/e-1");
    }

    @Test
    void aTaskIsHandedToTheSender_atItsDueTime_notBefore() {
        Recorder host = new Recorder();
        SiyuRuntime runtime = runtime(database(), host, host, "2026-04-14T10:05");
        runtime.ingest("c-1", Touchpoint.of("e-1", "FRIEND_ADDED", at("2026-04-14T10:00")).on("WECOM"));

        advance(runtime, "2026-04-14T10:29");
        List<DueTask> before = host.tasks();
        advance(runtime, "2026-04-14T10:31");

        assertThat(before).isEmpty();
        assertThat(host.tasks()).singleElement().satisfies(task -> {
            assertThat(task.key()).isEqualTo("c-1/greeting/e-1");
            assertThat(task.customerId()).isEqualTo("c-1");
            assertThat(task.task().script()).isEqualTo("greeting.broad");
            assertThat(task.attempt()).isEqualTo(1);
        });
        assertThat(runtime.outbox(OutboxStatus.DELIVERED)).filteredOn(e -> e.kind().equals("TASK")).singleElement()
                .satisfies(entry -> assertThat(entry.deliveredAt().orElseThrow().toInstant())
                        .isEqualTo(at("2026-04-14T10:30").toInstant()));
        assertThat(runtime.backlog()).isEqualTo(1); // the ice-breaker, three days later
    }

    @Test
    void anUngreetedNewFriend_raisesGreetingOverdue_atTheDeadline_withoutANewEvent() {
        Recorder host = new Recorder();
        SiyuRuntime runtime = runtime(database(), host, host, "2026-04-14T10:05");
        runtime.ingest("c-1", Touchpoint.of("e-1", "FRIEND_ADDED", at("2026-04-14T10:00")).on("WECOM"));

        advance(runtime, "2026-04-14T10:45");

        assertThat(host.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.alert().code()).isEqualTo("GREETING_OVERDUE");
            assertThat(alert.key()).isEqualTo("alert/GREETING_OVERDUE/e-1");
            assertThat(alert.raisedAt().toInstant()).isEqualTo(at("2026-04-14T10:30").toInstant());
        });
    }

    @Test
    void anUnansweredMessage_raisesReplyOverdue_atItsDeadline_theDecisionsNextEvaluation() {
        Recorder host = new Recorder();
        SiyuRuntime runtime = runtime(database(), host, host, "2026-04-14T10:00");
        runtime.ingest("c-1", Touchpoint.of("e-1", "MESSAGE_RECEIVED", at("2026-04-14T10:00")).on("WECOM"));

        advance(runtime, "2026-04-14T10:04");
        List<RaisedAlert> before = host.alerts();
        advance(runtime, "2026-04-14T10:20");

        assertThat(before).isEmpty();
        assertThat(host.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.alert().code()).isEqualTo("REPLY_OVERDUE");
            assertThat(alert.raisedAt().toInstant()).isEqualTo(at("2026-04-14T10:05").toInstant());
        });
    }

    @Test
    void aDeliveredTask_isNeverHandedOverAgain_evenAfterARestart() {
        DataSource db = database();
        Recorder host = new Recorder();
        SiyuRuntime runtime = runtime(db, host, host, "2026-04-14T10:05");
        runtime.ingest("c-1", Touchpoint.of("e-1", "FRIEND_ADDED", at("2026-04-14T10:00")).on("WECOM"));
        advance(runtime, "2026-04-14T11:00");
        runtime.close();

        Recorder after = new Recorder();
        SiyuRuntime restarted = runtime(db, after, after, "2026-04-14T10:05");
        advance(restarted, "2026-04-20T11:00");

        assertThat(host.tasks()).hasSize(1);
        assertThat(after.taskKeys()).doesNotContainAnyElementsOf(host.taskKeys());
        assertThat(restarted.now().toInstant()).isEqualTo(at("2026-04-20T11:00").toInstant());
    }

    @Test
    void aCancelledTask_isNeverDelivered() {
        Recorder host = new Recorder();
        SiyuRuntime runtime = runtime(database(), host, host, "2026-05-12T10:10");
        runtime.ingest("c-1", Touchpoint.of("e1", "FRIEND_ADDED", at("2026-05-12T10:00")).on("WECOM"));
        runtime.ingest("c-1", Touchpoint.of("e2", "MESSAGE_SENT", at("2026-05-12T10:05")).on("WECOM"));
        List<String> iceBreaker = runtime.outbox(OutboxStatus.PENDING).stream()
                .filter(e -> e.payload().contains("activation.silent")).map(OutboxEntry::key).toList();

        advance(runtime, "2026-05-13T15:00");
        runtime.ingest("c-1", Touchpoint.of("e3", "MESSAGE_RECEIVED", at("2026-05-13T14:00")).on("WECOM"));
        advance(runtime, "2026-05-20T12:00");

        assertThat(iceBreaker).hasSize(1);
        assertThat(runtime.outbox(OutboxStatus.CANCELLED)).extracting(OutboxEntry::key).containsExactlyElementsOf(iceBreaker);
        assertThat(host.taskKeys()).doesNotContainAnyElementsOf(iceBreaker);
    }

    @Test
    void aFailingSender_isRetriedWithBackoff_andTheTaskEndsFailed_withItsError() {
        AtomicInteger calls = new AtomicInteger();
        List<Instant> times = new ArrayList<>();
        SiyuRuntime[] holder = new SiyuRuntime[1];
        TaskSender broken = task -> {
            calls.incrementAndGet();
            times.add(holder[0].now().toInstant());
            throw new IllegalStateException("WeCom quota exhausted");
        };
        SiyuRuntime runtime = runtime(database(), broken, AlertSink.ignoring(), "2026-04-14T10:05");
        holder[0] = runtime;
        runtime.ingest("c-1", Touchpoint.of("e-1", "FRIEND_ADDED", at("2026-04-14T10:00")).on("WECOM"));

        advance(runtime, "2026-04-14T12:00");

        assertThat(calls).hasValue(3);
        assertThat(Duration.between(times.get(0), times.get(1))).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(Duration.between(times.get(1), times.get(2))).isGreaterThan(Duration.between(times.get(0), times.get(1)));
        assertThat(runtime.outbox(OutboxStatus.FAILED)).singleElement().satisfies(entry -> {
            assertThat(entry.attempts()).isEqualTo(3);
            assertThat(entry.lastError()).get().asString().contains("WeCom quota exhausted");
        });
    }

    @Test
    void aSenderThatRecovers_deliversOnTheRetry() {
        AtomicInteger calls = new AtomicInteger();
        Recorder host = new Recorder();
        TaskSender flaky = task -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("timeout");
            }
            host.send(task);
        };
        SiyuRuntime runtime = runtime(database(), flaky, AlertSink.ignoring(), "2026-04-14T10:05");
        runtime.ingest("c-1", Touchpoint.of("e-1", "FRIEND_ADDED", at("2026-04-14T10:00")).on("WECOM"));

        advance(runtime, "2026-04-14T12:00");

        assertThat(host.tasks()).singleElement().satisfies(t -> assertThat(t.attempt()).isEqualTo(2));
        assertThat(runtime.outbox(OutboxStatus.DELIVERED)).filteredOn(e -> e.kind().equals("TASK")).hasSize(1);
    }

    @Test
    void aTaskRefusedOnTheQuota_isNotRetried_butGoesOutAgainOnTheNextContactDay() {
        Recorder host = new Recorder();
        TaskSender quotaToday = task -> {
            if (task.key().equals("c-1/cadence/e1/same_day")) {
                throw new TaskRefused("QUOTA");
            }
            host.send(task);
        };
        SiyuRuntime runtime = runtime(database(), quotaToday, host, "2026-03-02T10:30");
        runtime.ingest("c-1", Touchpoint.of("e1", "PRICE_INQUIRY", at("2026-03-02T10:00")).on("WECOM"));

        advance(runtime, "2026-03-03T12:00");

        assertThat(runtime.outbox(OutboxStatus.FAILED)).singleElement().satisfies(entry -> {
            assertThat(entry.key()).isEqualTo("c-1/cadence/e1/same_day");
            assertThat(entry.attempts()).isEqualTo(1);
            assertThat(entry.lastError()).contains("refused: QUOTA");
        });
        assertThat(host.tasks()).filteredOn(t -> t.key().startsWith("c-1/cadence/e1/same_day/retry/"))
                .singleElement().satisfies(retry -> {
                    assertThat(retry.task().script()).isEqualTo("followup.same_day");
                    assertThat(retry.task().dueAt().toInstant()).isEqualTo(at("2026-03-03T09:00").toInstant());
                });
        assertThat(runtime.customer("c-1")).get().satisfies(c -> assertThat(c.memory().processedEvents())
                .containsKey("TASK_FAILED/c-1/cadence/e1/same_day"));
    }

    @Test
    void theScriptReport_countsEachTaskOnce_perScript_andAnOrderConvertsTheLastTaskWithinSevenDays() {
        Recorder host = new Recorder();
        TaskSender quotaForC2 = task -> {
            if (task.key().equals("c-2/cadence/e2/same_day")) {
                throw new TaskRefused("QUOTA");
            }
            host.send(task);
        };
        SiyuRuntime runtime = runtime(database(), quotaForC2, host, "2026-03-02T10:30");
        runtime.ingest("c-1", Touchpoint.of("e1", "PRICE_INQUIRY", at("2026-03-02T10:00")).on("WECOM"));
        runtime.ingest("c-2", Touchpoint.of("e2", "PRICE_INQUIRY", at("2026-03-02T10:00")).on("WECOM"));
        advance(runtime, "2026-03-02T13:00");
        runtime.feedback("c-1", "c-1/cadence/e1/same_day", SiyuRuntime.TASK_SENT, java.util.Optional.empty());
        runtime.feedback("c-1", "c-1/cadence/e1/same_day", SiyuRuntime.TASK_SENT, java.util.Optional.empty());
        runtime.feedback("c-1", "c-1/cadence/e1/same_day", SiyuRuntime.TASK_DONE, java.util.Optional.empty());
        advance(runtime, "2026-03-02T20:05");
        runtime.ingest("c-1", Touchpoint.of("o1", "ORDER_PAID", at("2026-03-02T20:00")).on("TMALL")
                .with("orderId", "T-1").with("amount", "199.00"));
        advance(runtime, "2026-03-20T12:05");
        runtime.ingest("c-2", Touchpoint.of("o2", "ORDER_PAID", at("2026-03-20T12:00")).on("TMALL")
                .with("orderId", "T-2").with("amount", "99.00"));

        List<ScriptOutcome> outcomes = runtime.scriptOutcomes();

        assertThat(outcomes).extracting(ScriptOutcome::script).isSorted().doesNotHaveDuplicates();
        // c-1's same-day touch: delivered at 12:00, reported sent twice and done, then an order at 20:00
        // (the Lantern Festival greeting c-1 gets the next morning came after it, so it converts nothing);
        // c-2's was refused on the quota and went out again the next morning as a retry of the same script
        assertThat(outcomes).filteredOn(o -> o.script().equals("followup.same_day")).singleElement()
                .isEqualTo(new ScriptOutcome("followup.same_day", 2, 1, 1, java.util.Map.of("QUOTA", 1), 1, 1));
        // c-2's day-7 touch went out on 03-09, eleven days before c-2's order: outside the window
        assertThat(outcomes).filteredOn(o -> o.script().equals("followup.day7")).singleElement()
                .satisfies(o -> {
                    assertThat(o.delivered()).isEqualTo(1);
                    assertThat(o.converted()).isZero();
                });
        assertThat(outcomes).as("outcomes %s", outcomes).extracting(ScriptOutcome::converted)
                .filteredOn(n -> n > 0).containsExactly(1);
    }

    @Test
    void feedbackReportedTwice_isStoredOnce() {
        Recorder host = new Recorder();
        SiyuRuntime runtime = runtime(database(), host, host, "2026-04-14T10:05");
        runtime.ingest("c-1", Touchpoint.of("e-1", "FRIEND_ADDED", at("2026-04-14T10:00")).on("WECOM"));
        advance(runtime, "2026-04-14T10:40");

        Ingested first = runtime.feedback("c-1", "c-1/greeting/e-1", SiyuRuntime.TASK_SENT, java.util.Optional.empty());
        Ingested again = runtime.feedback("c-1", "c-1/greeting/e-1", SiyuRuntime.TASK_SENT, java.util.Optional.empty());

        assertThat(first).isEqualTo(Ingested.STORED);
        assertThat(again).isEqualTo(Ingested.DUPLICATE);
    }

    @Test
    void anEventLaterThanTheClock_isRefused_andNothingIsStored() {
        Recorder host = new Recorder();
        SiyuRuntime runtime = runtime(database(), host, host, "2026-04-14T10:05");

        assertThatThrownBy(() -> runtime.ingest("c-1", Touchpoint.of("e-9", "FRIEND_ADDED", at("2026-04-14T11:00"))))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("e-9").hasMessageContaining("c-1");
        assertThat(runtime.customer("c-1")).isEmpty();
    }

    @Test
    void anEventTheEngineRefuses_isKeptAsRejected_andTheCustomersOtherEventsGoOn() {
        Recorder host = new Recorder();
        SiyuRuntime runtime = runtime(database(), host, host, "2026-04-14T10:05");

        assertThatThrownBy(() -> runtime.ingest("c-1", Touchpoint.of("e-bad", "ORDER_PAID", at("2026-04-14T10:00"))))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("e-bad").hasMessageContaining("rejected");
        runtime.ingest("c-1", Touchpoint.of("e-1", "FRIEND_ADDED", at("2026-04-14T10:01")).on("WECOM"));

        assertThat(runtime.customer("c-1")).get().satisfies(c ->
                assertThat(c.memory().processedEvents()).containsOnlyKeys("e-1"));
    }

    @Test
    void aStoredProfile_isKept_andEvaluatedWithTheFirstEvent() {
        Recorder host = new Recorder();
        SiyuRuntime runtime = runtime(database(), host, host, "2026-04-14T10:05");
        Customer profile = Customer.builder("c-1").name("吴女士").source("PACKAGE_CARD").owner("sales-01").build();

        boolean added = runtime.addCustomer(profile);
        boolean again = runtime.addCustomer(Customer.of("c-1"));
        runtime.ingest("c-1", Touchpoint.of("e-1", "FRIEND_ADDED", at("2026-04-14T10:00")).on("WECOM"));
        advance(runtime, "2026-04-14T10:31");

        assertThat(added).isTrue();
        assertThat(again).isFalse();
        assertThat(runtime.customer("c-1")).get().satisfies(c -> assertThat(c.owner()).contains("sales-01"));
        assertThat(host.tasks()).singleElement().satisfies(t -> assertThat(t.task().owner()).contains("sales-01"));
    }

    @Test
    void theDailySweep_evaluatesEveryCustomer_withoutNewEvents() {
        Recorder host = new Recorder();
        SiyuRuntime runtime = runtime(database(), host, host, "2026-05-12T10:10");
        runtime.ingest("c-1", Touchpoint.of("e1", "FRIEND_ADDED", at("2026-05-12T10:00")).on("WECOM"));
        runtime.ingest("c-2", Touchpoint.of("e1", "FRIEND_ADDED", at("2026-05-12T10:00")).on("WECOM"));

        advance(runtime, "2026-05-14T08:31");

        assertThat(runtime.customerIds()).containsExactly("c-1", "c-2");
        for (String id : List.of("c-1", "c-2")) {
            assertThat(runtime.customer(id)).get().satisfies(c ->
                    assertThat(c.memory().processedEvents()).containsOnlyKeys("e1"));
        }
        assertThat(lastEvaluation(runtime, "c-1")).isEqualTo(at("2026-05-14T08:30").toInstant());
    }

    /** When the runtime last evaluated a customer, from its table. */
    static Instant lastEvaluation(SiyuRuntime runtime, String id) {
        return runtime.evaluatedAt(id).orElseThrow().toInstant();
    }

    @Test
    void tasksAreDelivered_inDueOrder_withTheirKeys_andTheOutboxEmpties() {
        Recorder host = new Recorder();
        SiyuRuntime runtime = runtime(database(), host, host, "2026-03-02T10:30");
        runtime.ingest("c-1", Touchpoint.of("e1", "PRICE_INQUIRY", at("2026-03-02T10:00")).on("WECOM"));
        List<String> planned = runtime.outbox(OutboxStatus.PENDING).stream()
                .filter(e -> e.kind().equals("TASK")).map(OutboxEntry::key).toList();

        advance(runtime, "2026-04-30T12:00");

        assertThat(planned).isNotEmpty();
        assertThat(host.taskKeys()).containsAll(planned).doesNotHaveDuplicates();
        assertThat(host.tasks()).extracting(t -> t.task().dueAt().toInstant()).isSorted();
        assertThat(host.tasks()).extracting(DueTask::task).extracting(Task::key).containsExactlyElementsOf(host.taskKeys());
    }
}
