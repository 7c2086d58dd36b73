package dev.siyu.rules;

import dev.siyu.Decision;
import dev.siyu.SiyuEngine;
import dev.siyu.action.CancelTask;
import dev.siyu.action.Task;
import dev.siyu.model.Customer;
import dev.siyu.model.PendingTask;
import dev.siyu.model.TaskKind;
import dev.siyu.model.Touchpoint;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RulePackException;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** SOP tables layered on the default playbook: what each anchor, offset and column makes the engine do. */
class SopTablesTest {
    private static final String HEADER = "sop,step,tags,not_tags,anchor,offset,kind,script,exit_on,restart_on,reentry\n";
    private static final String SCRIPTS = """
            {"locale": "zh-CN", "scripts": {
              "shop.content": "本周新品内容分享", "shop.welfare": "周四福利：会员专享券", "shop.event": "周五活动预告",
              "shop.trial": "试用装寄出了吗？", "shop.trial_check": "试用感受如何？", "shop.store": "欢迎到店体验"}}
            """;

    private static SiyuEngine engine(String table) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("shop.zh-CN.scripts.json", SCRIPTS);
        files.put("shop.sop.csv", table);
        return SiyuEngine.builder().rules(RulePack.defaults()).rules(RulePack.of("shop", files)).build();
    }

    private static OffsetDateTime at(String local) {
        return OffsetDateTime.parse(local + ":00+08:00");
    }

    private static Customer friend(String id) {
        return Customer.builder(id).owner("sales-01").addedAt(at("2026-06-01T10:00")).build();
    }

    private static List<Task> sopTasks(Decision decision) {
        return decision.actions().stream().filter(Task.class::isInstance).map(Task.class::cast)
                .filter(t -> t.key().contains("/sop/")).toList();
    }

    @Test
    void aWeekdayStep_isATaskAtItsTimeOnThatDay_andNothingOnOtherDays() {
        SiyuEngine engine = engine(HEADER
                + "weekly,tue,,,weekday:周二,at 10:00,care,shop.content,,,\n"
                + "weekly,thu,,,weekday:THU,at 10:00,care,shop.welfare,,,\n");

        Decision tuesday = engine.evaluate(friend("c-1"), List.of(), at("2026-06-09T08:30"));
        Decision wednesday = engine.evaluate(friend("c-1"), List.of(), at("2026-06-10T08:30"));

        assertThat(sopTasks(tuesday)).singleElement().satisfies(task -> {
            assertThat(task.key()).isEqualTo("c-1/sop/weekly/2026-06-09/tue");
            assertThat(task.kind()).isEqualTo(TaskKind.CARE);
            assertThat(task.script()).isEqualTo("shop.content");
            assertThat(task.dueAt()).isEqualTo(at("2026-06-09T10:00"));
            assertThat(task.text()).contains("本周新品内容分享");
            assertThat(task.rule()).isEqualTo("SOP weekly/tue (shop.sop.csv:2)");
        });
        assertThat(sopTasks(wednesday)).isEmpty();
        assertThat(wednesday.nextEvaluationAt()).as("the next SOP day, Thursday").isPresent()
                .hasValueSatisfying(next -> assertThat(next).isBeforeOrEqualTo(at("2026-06-11T00:00")));
    }

    @Test
    void aDateStepAndAHolidayStep_startOnTheirDay_fromItsStart() {
        SiyuEngine engine = engine(HEADER
                + "festival,d618,,,date:06-18,at 11:00,care,shop.event,,,\n"
                + "festival,dragon_boat,,,holiday:DRAGON_BOAT,day 1 at 11:00,care,shop.welfare,,,\n");

        Decision june17 = engine.evaluate(friend("c-1"), List.of(), at("2026-06-17T08:30"));
        Decision june18 = engine.evaluate(friend("c-1"), List.of(), at("2026-06-18T08:30"));
        Decision dragonBoat = engine.evaluate(friend("c-1"), List.of(), at("2026-06-19T08:30")); // 端午 2026: 06-19

        assertThat(sopTasks(june17)).isEmpty();
        assertThat(sopTasks(june18)).extracting(Task::key, Task::dueAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c-1/sop/festival/2026-06-18/d618", at("2026-06-18T11:00")));
        assertThat(dragonBoat.customer().memory().pendingTasks()).extracting(PendingTask::key)
                .contains("c-1/sop/festival/2026-06-19/dragon_boat");
    }

    @Test
    void aStageStep_startsAtTheEvaluationThatFindsTheCustomerNewlyInThatStage_once() {
        SiyuEngine engine = engine(HEADER + "winback,call,,,stage:DORMANT,+0,care,shop.trial_check,,,once\n");
        Customer quietFor31Days = Customer.builder("c-1").owner("sales-01").addedAt(at("2026-05-10T10:00")).build();

        Decision becameDormant = engine.evaluate(quietFor31Days, List.of(), at("2026-06-10T12:00"));
        Decision nextDay = engine.evaluate(becameDormant.customer(), List.of(), at("2026-06-11T12:00"));

        assertThat(becameDormant.customer().stage()).isEqualTo(dev.siyu.model.Stage.DORMANT);
        assertThat(becameDormant.actions()).filteredOn(Task.class::isInstance).map(a -> ((Task) a).key())
                .contains("c-1/sop/winback/DORMANT/2026-06-10/call");
        assertThat(sopTasks(nextDay)).as("still dormant, not newly").isEmpty();
    }

    @Test
    void anEventStep_isTimedFromTheEvent_andAStepAnchoredOnItFollows() {
        SiyuEngine engine = engine(HEADER
                + "trial,sent,,,event:ORDER_PAID,+2h,follow_up,shop.trial,,,\n"
                + "trial,check,,,step:sent,day 3 at 15:00,follow_up,shop.trial_check,,,\n");

        Decision decision = engine.evaluate(friend("c-1"), List.of(Touchpoint.of("o1", "ORDER_PAID", at("2026-06-09T11:00"))
                .with("orderId", "T-1").with("amount", "99.00")), at("2026-06-09T11:05"));

        assertThat(sopTasks(decision)).extracting(Task::key, Task::dueAt).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("c-1/sop/trial/o1/sent", at("2026-06-09T13:00")),
                org.assertj.core.groups.Tuple.tuple("c-1/sop/trial/o1/check", at("2026-06-12T15:00")));
    }

    @Test
    void aTaskReportedSent_carriesOutItsStepsEndActions_once_taggingAndStartingAnotherSop() {
        SiyuEngine engine = engine("sop,step,anchor,offset,kind,script,end_action\n"
                + "trial,sent,event:ORDER_PAID,+2h,follow_up,shop.trial,add_tag:会员/身份/试用客 start_sop:check\n"
                + "check,ask,start,day 3 at 15:00,follow_up,shop.trial_check,\n");
        Decision paid = engine.evaluate(friend("c-1"), List.of(Touchpoint.of("o1", "ORDER_PAID", at("2026-06-09T11:00"))
                .with("orderId", "T-1").with("amount", "99.00")), at("2026-06-09T11:05"));

        Decision sent = engine.evaluate(paid.customer(), List.of(Touchpoint.of("s1", "TASK_SENT", at("2026-06-09T13:01"))
                .with("taskKey", "c-1/sop/trial/o1/sent")), at("2026-06-09T13:02"));
        Decision done = engine.evaluate(sent.customer(), List.of(Touchpoint.of("d1", "TASK_DONE", at("2026-06-09T14:00"))
                .with("taskKey", "c-1/sop/trial/o1/sent")), at("2026-06-09T14:01"));
        Decision other = engine.evaluate(paid.customer(), List.of(Touchpoint.of("s2", "TASK_SENT", at("2026-06-09T13:01"))
                .with("taskKey", "c-1/sop/trial-other/o1/sent")), at("2026-06-09T13:02"));

        assertThat(sent.actions(dev.siyu.action.TagAdded.class)).extracting(t -> t.tag().toString()).containsExactly("会员/身份/试用客");
        assertThat(sopTasks(sent)).extracting(Task::key, Task::dueAt, Task::rule).containsExactly(org.assertj.core.groups.Tuple.tuple(
                "c-1/sop/check/s1/ask", at("2026-06-12T15:00"), "SOP check/ask (shop.sop.csv:3)"));
        assertThat(done.actions()).as("the end actions ran when the task was reported sent").isEmpty();
        assertThat(other.actions(dev.siyu.action.TagAdded.class)).isEmpty();
        assertThat(sopTasks(other)).isEmpty();
    }

    @Test
    void startingAnSopWithoutAStartStep_isRefusedAtTheEndActionCell() {
        RulePackException e = catchThrowableOfType(RulePackException.class, () -> engine(
                "sop,step,anchor,kind,script,end_action\n"
                        + "trial,sent,event:ORDER_PAID,follow_up,shop.trial,start_sop:check\n"
                        + "check,ask,event:FRIEND_ADDED,follow_up,shop.trial_check,\n"));

        assertThat(e.getMessage()).contains("shop.sop.csv:2:6: column 'end_action': SOP 'check' has no step anchored on 'start'");
    }

    @Test
    void anExitEvent_endsTheSopsPendingSteps_andARestartEventStartsItOver() {
        SiyuEngine engine = engine(HEADER
                + "quote,d2,,,event:QUOTE_SENT,day 2,follow_up,shop.content,ORDER_PAID,PRICE_INQUIRY,\n");
        Customer customer = friend("c-1");
        Decision quoted = engine.evaluate(customer, List.of(Touchpoint.of("q1", "QUOTE_SENT", at("2026-06-09T11:00"))),
                at("2026-06-09T11:05"));
        Decision asked = engine.evaluate(quoted.customer(), List.of(Touchpoint.of("p1", "PRICE_INQUIRY",
                at("2026-06-10T09:00"))), at("2026-06-10T09:05"));
        Decision paid = engine.evaluate(asked.customer(), List.of(Touchpoint.of("o1", "ORDER_PAID", at("2026-06-10T20:00"))
                .with("orderId", "T-1").with("amount", "99.00")), at("2026-06-10T20:05"));

        assertThat(sopTasks(quoted)).extracting(Task::key).containsExactly("c-1/sop/quote/q1/d2");
        assertThat(asked.actions()).filteredOn(CancelTask.class::isInstance).extracting(a -> ((CancelTask) a).key())
                .contains("c-1/sop/quote/q1/d2");
        assertThat(sopTasks(asked)).extracting(Task::key, Task::dueAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c-1/sop/quote/p1/d2", at("2026-06-12T09:00")));
        assertThat(paid.actions()).filteredOn(CancelTask.class::isInstance).extracting(a -> ((CancelTask) a).key())
                .contains("c-1/sop/quote/p1/d2");
        assertThat(paid.customer().memory().pendingTasks()).extracting(PendingTask::key).noneMatch(k -> k.contains("/sop/"));
    }

    @Test
    void reentry_once_always_andNotAgainWithinNDays() {
        SiyuEngine engine = engine(HEADER
                + "once,a,,,event:PRICE_INQUIRY,+1h,follow_up,shop.content,,,once\n"
                + "always,a,,,event:PRICE_INQUIRY,+1h,follow_up,shop.content,,,always\n"
                + "weekly,a,,,event:PRICE_INQUIRY,+1h,follow_up,shop.content,,,after 7 days\n");
        Decision first = engine.evaluate(friend("c-1"), List.of(Touchpoint.of("p1", "PRICE_INQUIRY", at("2026-06-01T11:00"))),
                at("2026-06-01T11:05"));
        Decision fiveDaysLater = engine.evaluate(first.customer(), List.of(Touchpoint.of("p2", "PRICE_INQUIRY",
                at("2026-06-06T11:00"))), at("2026-06-06T11:05"));
        Decision tenDaysLater = engine.evaluate(fiveDaysLater.customer(), List.of(Touchpoint.of("p3", "PRICE_INQUIRY",
                at("2026-06-11T11:00"))), at("2026-06-11T11:05"));

        assertThat(sopTasks(first)).extracting(Task::key)
                .containsExactlyInAnyOrder("c-1/sop/once/p1/a", "c-1/sop/always/p1/a", "c-1/sop/weekly/p1/a");
        assertThat(sopTasks(fiveDaysLater)).extracting(Task::key).containsExactly("c-1/sop/always/p2/a");
        assertThat(sopTasks(tenDaysLater)).extracting(Task::key)
                .containsExactlyInAnyOrder("c-1/sop/always/p3/a", "c-1/sop/weekly/p3/a");
    }

    @Test
    void theAudience_tagsTheCustomerMustHave_andTagsThatKeepThemOut() {
        SiyuEngine engine = engine(HEADER
                + "store,welcome,渠道/来源/STORE,,event:FRIEND_ADDED,day 1 at 10:00,follow_up,shop.store,,,\n");
        Customer fromStore = Customer.builder("c-1").owner("sales-01").tags(List.of(
                dev.siyu.model.Tag.parse("渠道/来源/STORE"))).build();
        Customer online = Customer.builder("c-2").owner("sales-01").build();
        List<Touchpoint> added = List.of(Touchpoint.of("a1", "FRIEND_ADDED", at("2026-06-09T11:00")));

        assertThat(sopTasks(engine.evaluate(fromStore, added, at("2026-06-09T11:05")))).extracting(Task::key, Task::dueAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c-1/sop/store/a1/welcome", at("2026-06-10T10:00")));
        assertThat(sopTasks(engine.evaluate(online, added, at("2026-06-09T11:05")))).isEmpty();
    }

    @Test
    void anUnknownScriptOrKind_failsTheBuild_atItsCell() {
        RulePackException e = catchThrowableOfType(RulePackException.class, () -> engine(HEADER
                + "weekly,tue,,,weekday:TUE,at 10:00,call,shop.contnet,,,\n"));

        assertThat(e.diagnostics()).extracting(Object::toString).containsExactly(
                "shop.sop.csv:2:7: column 'kind': unknown task kind 'CALL'",
                "shop.sop.csv:2:8: column 'script': unknown script 'shop.contnet'");
    }

    @Test
    void aStepNamingAnOwner_givesItsTaskToThatDesk() {
        SiyuEngine engine = engine("sop,step,anchor,offset,kind,script,owner\n"
                + "vip,call,event:ORDER_PAID,+1h,follow_up,shop.content,desk-vip\n");

        Decision decision = engine.evaluate(friend("c-1"), List.of(Touchpoint.of("o1", "ORDER_PAID", at("2026-06-09T11:00"))
                .with("orderId", "T-1").with("amount", "99.00")), at("2026-06-09T11:05"));

        assertThat(sopTasks(decision)).singleElement().satisfies(t -> assertThat(t.owner()).contains("desk-vip"));
    }

    @Test
    void aStepNamingAChannel_putsItOnItsTask_inJavaAndInTheJson_andAStepWithoutNoneIsWritten() {
        SiyuEngine engine = engine("sop,step,anchor,offset,kind,script,channel\n"
                + "group,invite,event:ORDER_PAID,+1h,follow_up,shop.event,group\n"
                + "group,chat,event:ORDER_PAID,+2h,follow_up,shop.content,\n");

        Decision decision = engine.evaluate(friend("c-1"), List.of(Touchpoint.of("o1", "ORDER_PAID", at("2026-06-09T11:00"))
                .with("orderId", "T-1").with("amount", "99.00")), at("2026-06-09T11:05"));

        assertThat(sopTasks(decision)).extracting(Task::key, Task::channel).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("c-1/sop/group/o1/invite", java.util.Optional.of("group")),
                org.assertj.core.groups.Tuple.tuple("c-1/sop/group/o1/chat", java.util.Optional.empty()));
        String json = dev.siyu.json.SiyuJson.write(decision);
        assertThat(json).contains("\"key\":\"c-1/sop/group/o1/invite\",\"kind\":\"FOLLOW_UP\",\"script\":\"shop.event\","
                + "\"dueAt\":\"2026-06-09T12:00:00+08:00\",\"owner\":\"sales-01\",\"channel\":\"group\"");
        assertThat(dev.siyu.json.SiyuJson.readDecision(json)).as("read back").isEqualTo(decision);
        assertThat(json.split("\"channel\"", -1)).as("once on the task, once in the memory's pending task").hasSize(3);
    }
}
