package dev.siyu.sample;

import dev.siyu.runtime.SiyuRuntime;
import dev.siyu.wecom.StubWeCom;
import dev.siyu.wecom.Callback;
import dev.siyu.wecom.WeComCallbackDecoder;
import dev.siyu.wecom.WeComConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application as WeCom sees it, everything over real HTTP on loopback: an encrypted
 * callback reaches the starter's endpoint, the runtime evaluates it with the default playbook, and a
 * stub WeCom receives the welcome message and the mass send the tasks become. Nothing calls WeCom.
 */
// A database of its own, and the context closed after the class: a cached context's scheduler would
// otherwise go on picking deliveries from the shared in-memory database of the other tests and hand
// them to this context's sender, whose stub WeCom is gone by then.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:siyu-wecom-e2e;DB_CLOSE_DELAY=-1",
        "siyu.runtime.polling-interval=500ms",
        "siyu.wecom.token=QDG6eK",
        "siyu.wecom.aes-key=jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
        "siyu.wecom.corp-id=wx5823bf96d3bd56c7",
        "siyu.wecom.secret=app-secret"})
@org.springframework.test.annotation.DirtiesContext
class WeComEndToEndTest {
    private static final StubWeCom WECOM = start();
    private static final WeComCallbackDecoder ENCODER = new WeComCallbackDecoder(
            WeComConfig.of("QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "wx5823bf96d3bd56c7"), Clock.systemUTC());

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    SiyuRuntime runtime;

    @DynamicPropertySource
    static void wecom(DynamicPropertyRegistry registry) {
        registry.add("siyu.wecom.api-base-url", WECOM::baseUrl);
    }

    @AfterAll
    static void stop() {
        WECOM.close();
    }

    @Test
    void theCallbackUrlAnswersWeComsVerificationWithTheDecryptedEchoAndRefusesAForgery() throws Exception {
        long now = Instant.now().getEpochSecond();
        Callback echo = ENCODER.encryptEcho("1616140317555161061", String.valueOf(now), "echo-nonce");

        HttpResponse<String> ok = get(echo.msgSignature(), echo.timestamp(), echo.nonce(), echo.body());
        HttpResponse<String> forged = get(flipped(echo.msgSignature()), echo.timestamp(), echo.nonce(), echo.body());

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1616140317555161061");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).isEqualTo("BAD_SIGNATURE");
    }

    @Test
    void aNewFriendWithAWelcomeCodeIsWelcomedThroughWeComAndARetriedCallbackChangesNothing() throws Exception {
        long now = Instant.now().getEpochSecond();
        Callback callback = ENCODER.encrypt(friendAdded("wmE2EwelcomeAAAA", now - 1, "<WelcomeCode><![CDATA[CODE-E2E]]></WelcomeCode>"),
                String.valueOf(now), "n-welcome");

        HttpResponse<String> first = post(callback);
        HttpResponse<String> retry = post(ENCODER.encrypt(friendAdded("wmE2EwelcomeAAAA", now - 1,
                "<WelcomeCode><![CDATA[CODE-E2E]]></WelcomeCode>"), String.valueOf(now + 1), "n-welcome-retry"));
        List<StubWeCom.Request> welcomes = await(() -> WECOM.postsTo("/cgi-bin/externalcontact/send_welcome_msg"), 1);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("success");
        assertThat(retry.body()).isEqualTo("success");
        assertThat(welcomes).singleElement().satisfies(r -> {
            assertThat(r.body()).startsWith("{\"welcome_code\":\"CODE-E2E\",\"text\":{\"content\":\"").endsWith("\"}}");
            assertThat(r.query()).isEqualTo("access_token=STUB_TOKEN");
        });
        assertThat(runtime.customer("wmE2EwelcomeAAAA")).hasValueSatisfying(c -> {
            assertThat(c.owner()).contains("zhangsan");
            assertThat(c.memory().followers()).containsOnlyKeys("zhangsan");
            assertThat(c.memory().processedEvents()).hasSize(1);
        });
        Thread.sleep(1500);
        assertThat(WECOM.postsTo("/cgi-bin/externalcontact/send_welcome_msg")).hasSize(1);
    }

    @Test
    void greetingsFallingDueTogetherForOneSenderBecomeOneMassSend() throws Exception {
        long now = Instant.now().getEpochSecond();
        long added = now - Duration.ofMinutes(30).toSeconds() + 8; // greetings due 30 minutes after the add: in 8 s

        assertThat(post(ENCODER.encrypt(friendAdded("wmE2EmassAAAA", added, ""), String.valueOf(now), "n-a")).body()).isEqualTo("success");
        assertThat(post(ENCODER.encrypt(friendAdded("wmE2EmassBBBB", added, ""), String.valueOf(now), "n-b")).body()).isEqualTo("success");
        List<StubWeCom.Request> sends = await(() -> WECOM.postsTo("/cgi-bin/externalcontact/add_msg_template").stream()
                .filter(r -> r.body().contains("wmE2Emass")).toList(), 1);

        assertThat(sends).singleElement().extracting(StubWeCom.Request::body).asString()
                .startsWith("{\"chat_type\":\"single\",\"external_userid\":[\"wmE2EmassAAAA\",\"wmE2EmassBBBB\"],"
                        + "\"sender\":\"zhangsan\",\"allow_select\":false,\"text\":{\"content\":\"");
    }

    /** WeCom's add_external_contact example (customer-contact callbacks), with our ids and times. */
    private static String friendAdded(String customer, long createTime, String welcome) {
        return "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
                + "<CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[add_external_contact]]></ChangeType>"
                + "<UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[" + customer + "]]></ExternalUserID>"
                + "<State><![CDATA[teststate]]></State>" + welcome + "</xml>";
    }

    private HttpResponse<String> get(String signature, String timestamp, String nonce, String echostr) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(signature, timestamp, nonce, "&echostr=" + enc(echostr))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(Callback callback) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(callback.msgSignature(), callback.timestamp(), callback.nonce(), ""))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(callback.body())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String signature, String timestamp, String nonce, String more) {
        return URI.create("http://127.0.0.1:" + port + "/wecom/callback?msg_signature=" + enc(signature)
                + "&timestamp=" + enc(timestamp) + "&nonce=" + enc(nonce) + more);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Waits up to 30 s for at least {@code count} requests. */
    private static List<StubWeCom.Request> await(Supplier<List<StubWeCom.Request>> requests, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (requests.get().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return requests.get();
    }

    private static StubWeCom start() {
        try {
            return new StubWeCom();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The signature with its first hex digit changed. */
    private static String flipped(String signature) {
        return (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
    }
}
