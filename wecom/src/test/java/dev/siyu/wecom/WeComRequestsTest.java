package dev.siyu.wecom;

import dev.siyu.Decision;
import dev.siyu.action.Action;
import dev.siyu.action.OwnerAssigned;
import dev.siyu.action.TagAdded;
import dev.siyu.action.TagRemoved;
import dev.siyu.model.Customer;
import dev.siyu.model.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class WeComRequestsTest {
    private final MappingFile tagIds = MappingFile.parse("tag-ids.csv", """
            tag,tagId
            # corp tags created in the WeCom admin console
            交易/首单平台/WECOM,etAAAA
            渠道/来源/AD,etBBBB
            """, "tag", "tagId");

    @Test
    void ourTagsBecomeOneMarkTagWithTheCorpTagIdsAndUnmappedTagsAreLeftOut() {
        List<Action> actions = List.of(new TagAdded(Tag.parse("交易/首单平台/WECOM"), "r"), new TagAdded(Tag.parse("客户/分层/VIP"), "r"),
                new TagRemoved(Tag.parse("渠道/来源/AD"), "r"));

        assertThat(WeComRequests.markTag("wm-a", "zhangsan", actions, tagIds)).map(WeComRequests::json)
                .contains("{\"userid\":\"zhangsan\",\"external_userid\":\"wm-a\",\"add_tag\":[\"etAAAA\"],\"remove_tag\":[\"etBBBB\"]}");
        assertThat(WeComRequests.markTag("wm-a", "zhangsan", List.of(new TagAdded(Tag.parse("客户/分层/VIP"), "r")), tagIds)).isEmpty();
    }

    @Test
    void anOwnerAssignedWithAPreviousOwnerIsATransferAndAFirstOwnerIsNot() {
        assertThat(WeComRequests.transfer("wm-a", new OwnerAssigned(Optional.of("zhangsan"), "vip-desk", "r"))).map(WeComRequests::json)
                .contains("{\"handover_userid\":\"zhangsan\",\"takeover_userid\":\"vip-desk\",\"external_userid\":[\"wm-a\"]}");
        assertThat(WeComRequests.transfer("wm-a", new OwnerAssigned(Optional.empty(), "zhangsan", "r"))).isEmpty();
    }

    @Test
    void aDecisionListsTheMarkTagForTheOldOwnerBeforeTheTransfer() {
        Customer after = Customer.builder("wm-a").owner("vip-desk").build();
        Decision decision = new Decision("wm-a", OffsetDateTime.parse("2026-03-02T10:00:00+08:00"), Optional.empty(), after,
                List.of(new OwnerAssigned(Optional.of("zhangsan"), "vip-desk", "r"), new TagAdded(Tag.parse("交易/首单平台/WECOM"), "r")));

        assertThat(WeComActions.requests(decision, tagIds)).map(WeComRequests::json).containsExactly(
                "{\"userid\":\"zhangsan\",\"external_userid\":\"wm-a\",\"add_tag\":[\"etAAAA\"]}",
                "{\"handover_userid\":\"zhangsan\",\"takeover_userid\":\"vip-desk\",\"external_userid\":[\"wm-a\"]}");
    }

    @Test
    void theActionsAreSentThroughWxJavaToTheConfiguredBaseUrl() throws Exception {
        try (StubWeCom wecom = new StubWeCom()) {
            wecom.answer(WeComRequests.TRANSFER_CUSTOMER, "{\"errcode\":0,\"errmsg\":\"ok\",\"customer\":[{\"external_userid\":\"wm-a\",\"errcode\":40096}]}");
            WeComActions actions = new WeComActions(WeComClient.create("corp", "secret", wecom.baseUrl()), tagIds);
            Decision decision = new Decision("wm-a", OffsetDateTime.parse("2026-03-02T10:00:00+08:00"), Optional.empty(),
                    Customer.builder("wm-a").owner("lisi").build(), List.of(new OwnerAssigned(Optional.of("zhangsan"), "lisi", "r")));

            assertThat(actions.apply(decision)).containsExactly("wm-a");
            assertThat(wecom.postsTo(WeComRequests.TRANSFER_CUSTOMER)).hasSize(1);
        }
    }

    @Test
    void aBadLineOfAMappingFileIsNamedByFileAndLine() {
        IllegalArgumentException twice = catchThrowableOfType(IllegalArgumentException.class, () -> MappingFile.parse("states.csv",
                "state,source\nposter,AD\n\nposter,STORE\n", "state", "source"));
        IllegalArgumentException header = catchThrowableOfType(IllegalArgumentException.class, () -> MappingFile.parse("states.csv",
                "State,Source\n", "state", "source"));
        IllegalArgumentException cells = catchThrowableOfType(IllegalArgumentException.class, () -> MappingFile.parse("states.csv",
                "state,source\nposter\n", "state", "source"));

        assertThat(twice).hasMessage("states.csv:4: state 'poster' is given twice");
        assertThat(header).hasMessage("states.csv:1: the header must be 'state,source'");
        assertThat(cells).hasMessage("states.csv:2: expected 2 cells (state,source), got 1");
    }

    @Test
    void aMappingFileIsReadFromDisk(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path file = dir.resolve("states.csv");
        java.nio.file.Files.writeString(file, "state,source\npkg-card,PACKAGE_CARD\n");

        assertThat(MappingFile.read(file, "state", "source").get("pkg-card")).contains("PACKAGE_CARD");
    }
}
