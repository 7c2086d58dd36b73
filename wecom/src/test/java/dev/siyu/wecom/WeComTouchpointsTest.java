package dev.siyu.wecom;

import dev.siyu.wecom.CallbackRefused.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

import static dev.siyu.wecom.DocExamples.CREATED;
import static dev.siyu.wecom.DocExamples.clockAt;
import static dev.siyu.wecom.DocExamples.config;
import static dev.siyu.wecom.DocExamples.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every ChangeType we map, on WeCom's own documentation examples, plain and encrypted; each expected
 * touchpoint written out as {@code customer type at channel attributes source}.
 */
class WeComTouchpointsTest {
    private static final String AT = "2014-06-24T19:48:33+08:00";

    private final MappingFile states = MappingFile.parse("states.csv", "state,source\nteststate,PACKAGE_CARD\n", "state", "source");
    private final WeComTouchpoints touchpoints = new WeComTouchpoints(states, ZoneId.of("Asia/Shanghai"));
    private final WeComCallbackDecoder decoder = new WeComCallbackDecoder(config(), clockAt(CREATED + 2));
    private final WeComCallbacks callbacks = new WeComCallbacks(decoder, touchpoints);

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("add_external_contact", List.of("woAJ2GCAAAXtWyujaWJHDDGi0mAAAA FRIEND_ADDED " + AT
                        + " WECOM {follower=zhangsan, state=teststate, welcomeCode=WELCOMECODE} source=PACKAGE_CARD")),
                Arguments.of("add_half_external_contact", List.of("woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA FRIEND_ADDED " + AT
                        + " WECOM {follower=zhangsan, state=teststate, welcomeCode=WELCOMECODE} source=PACKAGE_CARD")),
                Arguments.of("edit_external_contact", List.of("woAJ2GCAAAXtWyujaWJHDDGi0mAAAA CONTACT_EDITED " + AT
                        + " WECOM {follower=zhangsan} source=-")),
                Arguments.of("del_follow_user", List.of("woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA FRIEND_DELETED " + AT
                        + " WECOM {follower=zhangsan} source=-")),
                Arguments.of("del_external_contact", List.of("woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA FRIEND_REMOVED " + AT
                        + " WECOM {follower=zhangsan} source=-")),
                Arguments.of("del_external_contact_by_transfer", List.of("woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA FOLLOWER_HANDED_OVER "
                        + AT + " WECOM {follower=zhangsan} source=-")),
                Arguments.of("transfer_fail", List.of("woAJ2GCAAAXtWyujaWJHDDGi0mACH71w HANDOVER_FAILED " + AT
                        + " WECOM {follower=zhangsan, reason=customer_refused} source=-")),
                Arguments.of("chat_create", List.of()),
                Arguments.of("chat_update_add_member", List.of()),
                Arguments.of("chat_update_add_external_members", List.of(
                        "wmOgQhDgAAuXFJGwbve4g4iXknfOAAAA GROUP_JOINED " + AT + " WECOM {chatId=CHAT_ID, joinScene=1} source=-",
                        "wmOgQhDgAAuXFJGwbve4g4iXknfOBBBB GROUP_JOINED " + AT + " WECOM {chatId=CHAT_ID, joinScene=1} source=-")),
                Arguments.of("chat_update_del_external_members", List.of(
                        "wmOgQhDgAAuXFJGwbve4g4iXknfOAAAA GROUP_LEFT " + AT + " WECOM {chatId=CHAT_ID, quitScene=1} source=-",
                        "wmOgQhDgAAuXFJGwbve4g4iXknfOBBBB GROUP_LEFT " + AT + " WECOM {chatId=CHAT_ID, quitScene=1} source=-")),
                Arguments.of("chat_dismiss", List.of()),
                Arguments.of("enter_agent", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theDocumentationExampleMapsToItsTouchpoints(String example, List<String> expected) throws CallbackRefused {
        List<WeComEvent> events = touchpoints.map(xml(example));

        assertThat(events).map(WeComTouchpointsTest::line).containsExactlyElementsOf(expected);
        assertThat(events).allSatisfy(e -> assertThat(e.touchpoint().id()).matches("wecom-[0-9a-f]{24}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theEncryptedDocumentationExampleMapsToTheSameTouchpoints(String example, List<String> expected) throws CallbackRefused {
        Callback callback = decoder.encrypt(xml(example), String.valueOf(CREATED), "n-" + example);

        List<WeComEvent> events = callbacks.receive(callback);

        assertThat(events).map(WeComTouchpointsTest::line).containsExactlyElementsOf(expected);
        assertThat(events).isEqualTo(touchpoints.map(xml(example)));
    }

    @Test
    void aRetriedCallbackGetsTheSameEventIdsAndAnotherMessageOthers() throws CallbackRefused {
        String plain = xml("add_external_contact");
        List<WeComEvent> first = callbacks.receive(decoder.encrypt(plain, String.valueOf(CREATED), "first"));
        List<WeComEvent> retry = callbacks.receive(decoder.encrypt(plain, String.valueOf(CREATED + 5), "retry"));
        List<WeComEvent> later = touchpoints.map(plain.replace("1403610513", "1403610600"));
        List<WeComEvent> otherFollower = touchpoints.map(plain.replace("zhangsan", "lisi"));

        assertThat(retry).isEqualTo(first);
        assertThat(later.get(0).touchpoint().id()).isNotEqualTo(first.get(0).touchpoint().id());
        assertThat(otherFollower.get(0).touchpoint().id()).isNotEqualTo(first.get(0).touchpoint().id());
    }

    @Test
    void aStateTheTableDoesNotListGivesNoSourceButIsKeptOnTheEvent() throws CallbackRefused {
        WeComEvent event = touchpoints.map(xml("add_external_contact").replace("teststate", "poster-2026")).get(0);

        assertThat(event.source()).isEmpty();
        assertThat(event.touchpoint().attribute("state")).contains("poster-2026");
        assertThat(event.newCustomer().source()).isEmpty();
    }

    @Test
    void aContactEventWithoutExternalUserIdIsRefusedAsMalformed() {
        String broken = xml("del_follow_user").replaceAll("<ExternalUserID>.*</ExternalUserID>", "");

        CallbackRefused refused = catchThrowableOfType(CallbackRefused.class, () -> touchpoints.map(broken));

        assertThat(refused.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(refused.getMessage()).contains("del_follow_user", "no ExternalUserID").doesNotContain("zhangsan");
    }

    @Test
    void aCommaSeparatedMemberListIsReadLikeItems() {
        assertThat(WeComTouchpoints.members("wmA,wmB, lisi")).containsExactly("lisi", "wmA", "wmB");
        assertThat(WeComTouchpoints.members(java.util.Map.of("Item", "wmA"))).containsExactly("wmA");
    }

    @Test
    void aNewFriendBecomesAnEvaluateInputLineWithItsSource() throws CallbackRefused {
        WeComEvent event = touchpoints.map(xml("add_external_contact")).get(0);

        assertThat(event.toRequest().customer().source()).contains("PACKAGE_CARD");
        assertThat(event.toRequest().events()).containsExactly(event.touchpoint());
    }

    private static String line(WeComEvent e) {
        return e.customerId() + " " + e.touchpoint().type() + " " + e.touchpoint().at() + " "
                + e.touchpoint().channel().orElse("-") + " " + e.touchpoint().attributes() + " source="
                + e.source().orElse("-");
    }
}
