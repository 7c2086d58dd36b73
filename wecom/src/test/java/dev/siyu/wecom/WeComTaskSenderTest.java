package dev.siyu.wecom;

import dev.siyu.action.Task;
import dev.siyu.model.TaskKind;
import dev.siyu.model.Touchpoint;
import dev.siyu.runtime.DueTask;
import dev.siyu.runtime.TaskRefused;
import me.chanjar.weixin.common.error.WxErrorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class WeComTaskSenderTest {
    private static final OffsetDateTime DUE = OffsetDateTime.parse("2026-03-02T10:00:00+08:00");

    private final StubWeCom wecom = new StubWeCom();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T02:00:00Z"));
    private final WelcomeCodes codes = new WelcomeCodes(clock);
    private final WeComClient client = WeComClient.create("wx5823bf96d3bd56c7", "app-secret", wecom.baseUrl());
    private final WeComTaskSender sender = new WeComTaskSender(client, codes, true, Duration.ofSeconds(1));

    WeComTaskSenderTest() throws IOException {
    }

    @AfterEach
    void stop() {
        sender.close();
        wecom.close();
    }

    @Test
    void aGreetingWithAFreshWelcomeCodeGoesOutAsTheWelcomeMessage() throws Exception {
        codes.remember(friendAdded("wm-a", "wecom-e1", "CODE-1"));

        sender.send(task("wm-a", "wm-a/greeting/wecom-e1", TaskKind.GREETING, "greeting.broad", "zhangsan", "您好，欢迎"));

        assertThat(wecom.postsTo(WeComRequests.SEND_WELCOME_MSG)).singleElement().satisfies(r -> {
            assertThat(r.body()).isEqualTo("{\"welcome_code\":\"CODE-1\",\"text\":{\"content\":\"您好，欢迎\"}}");
            assertThat(r.query()).isEqualTo("access_token=STUB_TOKEN");
        });
        assertThat(wecom.tokenRequests).singleElement().asString().contains("corpid=wx5823bf96d3bd56c7", "corpsecret=app-secret");
        assertThat(wecom.postsTo(WeComRequests.ADD_MSG_TEMPLATE)).isEmpty();
    }

    @Test
    void aWelcomeCodeOlderThanTwentySecondsIsNotUsedAndTheGreetingIsAOneToOneMessage() throws Exception {
        codes.remember(friendAdded("wm-a", "wecom-e1", "CODE-1"));
        clock.advance(Duration.ofSeconds(21));

        sender.send(task("wm-a", "wm-a/greeting/wecom-e1", TaskKind.GREETING, "greeting.broad", "zhangsan", "您好"));

        assertThat(wecom.postsTo(WeComRequests.SEND_WELCOME_MSG)).isEmpty();
        assertThat(wecom.postsTo(WeComRequests.ADD_MSG_TEMPLATE)).singleElement().extracting(StubWeCom.Request::body)
                .isEqualTo("{\"chat_type\":\"single\",\"external_userid\":[\"wm-a\"],\"sender\":\"zhangsan\","
                        + "\"allow_select\":true,\"text\":{\"content\":\"您好\"}}");
    }

    @Test
    void aWelcomeCodeIsUsedOnce() throws Exception {
        codes.remember(friendAdded("wm-a", "wecom-e1", "CODE-1"));

        assertThat(codes.take("wm-a", "wecom-e1")).contains("CODE-1");
        assertThat(codes.take("wm-a", "wecom-e1")).isEmpty();
    }

    @Test
    void tasksDueTogetherWithTheSameSenderAndScriptGoInOneMassSend() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (String customer : List.of("wm-c", "wm-a", "wm-b")) {
                DueTask t = task(customer, customer + "/repurchase/o1", TaskKind.REPURCHASE, "repurchase.remind", "zhangsan", "该补货啦");
                sends.add(threads.submit(() -> { sender.send(t); return null; }));
            }
            DueTask other = task("wm-d", "wm-d/care/x", TaskKind.CARE, "care.usage", "zhangsan", "用得怎么样");
            sends.add(threads.submit(() -> { sender.send(other); return null; }));
            for (Future<?> send : sends) {
                send.get();
            }
        } finally {
            threads.shutdown();
        }

        assertThat(wecom.postsTo(WeComRequests.ADD_MSG_TEMPLATE)).extracting(StubWeCom.Request::body).containsExactlyInAnyOrder(
                "{\"chat_type\":\"single\",\"external_userid\":[\"wm-a\",\"wm-b\",\"wm-c\"],\"sender\":\"zhangsan\","
                        + "\"allow_select\":true,\"text\":{\"content\":\"该补货啦\"}}",
                "{\"chat_type\":\"single\",\"external_userid\":[\"wm-d\"],\"sender\":\"zhangsan\","
                        + "\"allow_select\":true,\"text\":{\"content\":\"用得怎么样\"}}");
    }

    @Test
    void aCustomerWeComCannotReachIsRefusedAndTheOthersOfTheSendAreDelivered() throws Exception {
        wecom.answer(WeComRequests.ADD_MSG_TEMPLATE, "{\"errcode\":0,\"errmsg\":\"ok\",\"fail_list\":[\"wm-b\"],\"msgid\":\"msgX\"}");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = threads.submit(() -> { sender.send(task("wm-a", "wm-a/f", TaskKind.FOLLOW_UP, "followup.day3", "zhangsan", "hi")); return null; });
            Future<?> b = threads.submit(() -> { sender.send(task("wm-b", "wm-b/f", TaskKind.FOLLOW_UP, "followup.day3", "zhangsan", "hi")); return null; });

            a.get();
            Exception failure = catchThrowableOfType(Exception.class, b::get);
            assertThat(failure.getCause()).isInstanceOf(TaskRefused.class);
            assertThat(((TaskRefused) failure.getCause()).reason()).isEqualTo(WeComTaskSender.UNDELIVERABLE);
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void anErrorCodeFromWeComFailsTheTaskSoTheRuntimeRetriesIt() {
        wecom.answer(WeComRequests.ADD_MSG_TEMPLATE, "{\"errcode\":41001,\"errmsg\":\"access_token missing\"}");

        WxErrorException error = catchThrowableOfType(WxErrorException.class,
                () -> sender.send(task("wm-a", "wm-a/f", TaskKind.FOLLOW_UP, "followup.day3", "zhangsan", "hi")));

        assertThat(error.getError().getErrorCode()).isEqualTo(41001);
    }

    @Test
    void aTaskWithoutTextIsRefused() {
        DueTask empty = new DueTask("wm-a", "wm-a/x", new Task("wm-a/x", TaskKind.CARE, "care.none", DUE, Optional.of("zhangsan"),
                Optional.empty(), "rule"), 1);

        assertThat(catchThrowableOfType(TaskRefused.class, () -> sender.send(empty)).reason()).isEqualTo("NO_TEXT");
        assertThat(wecom.posts).isEmpty();
    }

    private static DueTask task(String customer, String key, TaskKind kind, String script, String owner, String text) {
        return new DueTask(customer, key, new Task(key, kind, script, DUE, Optional.of(owner), Optional.of(text), "rule"), 1);
    }

    private static WeComEvent friendAdded(String customer, String eventId, String code) {
        return new WeComEvent(customer, Optional.empty(), new Touchpoint(eventId, "FRIEND_ADDED", DUE, Optional.of("WECOM"),
                Map.of("follower", "zhangsan", "welcomeCode", code)));
    }
}
