package dev.siyu.wecom;

import dev.siyu.model.EventTypes;
import dev.siyu.model.Touchpoint;
import dev.siyu.wecom.CallbackRefused.Reason;
import me.chanjar.weixin.cp.bean.message.WxCpXmlMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Maps a decrypted WeCom callback (plain XML, parsed by WxJava's {@link WxCpXmlMessage}) to the
 * touchpoints it means (docs/wecom.md has the tables):
 *
 * <ul>
 *   <li>{@code change_external_contact}: {@code add_external_contact} and
 *       {@code add_half_external_contact} → {@code FRIEND_ADDED} (attributes {@code follower},
 *       {@code state}, {@code welcomeCode}; the source from the State table); {@code del_follow_user}
 *       → {@code FRIEND_DELETED} (the customer deleted this follower); {@code del_external_contact} →
 *       {@code FRIEND_REMOVED} (the follower deleted the customer), with {@code Source=DELETE_BY_TRANSFER}
 *       → {@code FOLLOWER_HANDED_OVER}; {@code edit_external_contact} → {@code CONTACT_EDITED};
 *       {@code transfer_fail} → {@code HANDOVER_FAILED} (attribute {@code reason} = FailReason);</li>
 *   <li>{@code change_external_chat}: {@code update} with {@code add_member} → {@code GROUP_JOINED},
 *       with {@code del_member} → {@code GROUP_LEFT}, one per external member in MemChangeList
 *       (attributes {@code chatId}, {@code joinScene} / {@code quitScene}); {@code create} and
 *       {@code dismiss} name no member and map to nothing;</li>
 *   <li>anything else: accepted, logged at debug, mapped to nothing.</li>
 * </ul>
 *
 * <p>Event ids are derived from the message (WeCom sends none): {@code wecom-} and 24 hex digits of the
 * SHA-256 over the corp id and every field the mapping reads, so a retried callback gets the same id
 * and the engine's (or the runtime's) deduplication drops it. Times are the message's {@code CreateTime}
 * in the configured zone. The channel is {@code WECOM}.
 *
 * <p>Immutable and thread-safe.
 */
public final class WeComTouchpoints {
    private static final Logger LOG = LoggerFactory.getLogger(WeComTouchpoints.class);

    /** The channel of every mapped touchpoint. */
    public static final String CHANNEL = "WECOM";

    private static final List<String> ID_FIELDS = List.of("ToUserName", "Event", "ChangeType", "CreateTime", "UserID",
            "ExternalUserID", "State", "WelcomeCode", "Source", "FailReason", "ChatId", "UpdateDetail", "JoinScene",
            "QuitScene", "MemChangeCnt", "MemChangeList", "LastMemVer", "CurMemVer");

    private final MappingFile states;
    private final ZoneId zone;
    private final Predicate<String> isExternal;

    /**
     * @param states     the State table ({@code state,source}); a State it does not list gives no source
     * @param zone       the zone touchpoint times are written in
     * @param isExternal tells external contacts from employees in a group's member list
     */
    public WeComTouchpoints(MappingFile states, ZoneId zone, Predicate<String> isExternal) {
        this.states = Objects.requireNonNull(states, "states");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.isExternal = Objects.requireNonNull(isExternal, "isExternal");
    }

    /** With WeCom's own rule for external ids: they start with {@code wm} or {@code wo}. */
    public WeComTouchpoints(MappingFile states, ZoneId zone) {
        this(states, zone, WeComTouchpoints::looksExternal);
    }

    /** WeCom's external_userid starts with {@code wm} or {@code wo}; employees' userids are the corp's own. */
    public static boolean looksExternal(String userId) {
        return userId.startsWith("wm") || userId.startsWith("wo");
    }

    /** The touchpoints of one plain XML message, in a stable order; empty when it means nothing to us. */
    public List<WeComEvent> map(String plainXml) throws CallbackRefused {
        WxCpXmlMessage message;
        try {
            message = WxCpXmlMessage.fromXml(plainXml, null);
        } catch (RuntimeException e) {
            throw new CallbackRefused(Reason.MALFORMED, "the message is not WeCom XML (" + e.getClass().getSimpleName() + ")");
        }
        if (message == null) {
            throw new CallbackRefused(Reason.MALFORMED, "the message is empty");
        }
        Map<String, Object> fields = message.getAllFieldsMap() == null ? Map.of() : message.getAllFieldsMap();
        String event = text(message.getEvent());
        String change = text(message.getChangeType());
        String id = "wecom-" + WeComCallbackDecoder.sha256Hex(canonical(fields)).substring(0, 24);
        switch (event) {
            case "change_external_contact" -> {
                return contact(message, change, id);
            }
            case "change_external_chat" -> {
                return chat(message, fields, change, id);
            }
            default -> {
                LOG.debug("WeCom callback {} / {} ({}) maps to no touchpoint", event, change, id);
                return List.of();
            }
        }
    }

    private List<WeComEvent> contact(WxCpXmlMessage m, String change, String id) throws CallbackRefused {
        String type;
        switch (change) {
            case "add_external_contact", "add_half_external_contact" -> type = EventTypes.FRIEND_ADDED;
            case "del_follow_user" -> type = EventTypes.FRIEND_DELETED;
            case "del_external_contact" -> type = "DELETE_BY_TRANSFER".equals(text(m.getSource()))
                    ? EventTypes.FOLLOWER_HANDED_OVER : EventTypes.FRIEND_REMOVED;
            case "edit_external_contact" -> type = EventTypes.CONTACT_EDITED;
            case "transfer_fail" -> type = EventTypes.HANDOVER_FAILED;
            default -> {
                LOG.debug("WeCom callback change_external_contact / {} ({}) maps to no touchpoint", change, id);
                return List.of();
            }
        }
        String customer = required(m.getExternalUserId(), "ExternalUserID", change, id);
        String follower = required(m.getUserId(), "UserID", change, id);
        Map<String, String> attributes = new TreeMap<>();
        attributes.put("follower", follower);
        Optional<String> source = Optional.empty();
        if (type.equals(EventTypes.FRIEND_ADDED)) {
            String state = text(m.getState());
            if (!state.isEmpty()) {
                attributes.put("state", state);
                source = states.get(state);
            }
            String welcome = text(m.getWelcomeCode());
            if (!welcome.isEmpty()) {
                attributes.put("welcomeCode", welcome);
            }
        } else if (type.equals(EventTypes.HANDOVER_FAILED)) {
            String reason = text(m.getFailReason());
            attributes.put("reason", reason.isEmpty() ? "unknown" : reason);
        }
        return List.of(new WeComEvent(customer, source, new Touchpoint(id, type, at(m, change, id), Optional.of(CHANNEL),
                attributes)));
    }

    private List<WeComEvent> chat(WxCpXmlMessage m, Map<String, Object> fields, String change, String id)
            throws CallbackRefused {
        String detail = text(m.getUpdateDetail());
        String type;
        String sceneKey;
        String scene;
        if (change.equals("update") && detail.equals("add_member")) {
            type = EventTypes.GROUP_JOINED;
            sceneKey = "joinScene";
            scene = text(m.getJoinScene());
        } else if (change.equals("update") && detail.equals("del_member")) {
            type = EventTypes.GROUP_LEFT;
            sceneKey = "quitScene";
            scene = text(m.getQuitScene());
        } else {
            LOG.debug("WeCom callback change_external_chat / {} {} ({}) maps to no touchpoint", change, detail, id);
            return List.of();
        }
        String chatId = required(m.getChatId(), "ChatId", change, id);
        OffsetDateTime at = at(m, change, id);
        List<WeComEvent> events = new ArrayList<>();
        for (String member : members(fields.get("MemChangeList"))) {
            if (!isExternal.test(member)) {
                continue;
            }
            Map<String, String> attributes = new TreeMap<>();
            attributes.put("chatId", chatId);
            if (!scene.isEmpty()) {
                attributes.put(sceneKey, scene);
            }
            events.add(new WeComEvent(member, Optional.empty(), new Touchpoint(id, type, at, Optional.of(CHANNEL), attributes)));
        }
        return List.copyOf(events);
    }

    /** MemChangeList as WeCom sends it (one {@code <Item>} per member) or as a comma-separated text. */
    static List<String> members(Object list) {
        List<String> members = new ArrayList<>();
        collect(list, members);
        return members.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().sorted().toList();
    }

    private static void collect(Object value, List<String> into) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, into));
        } else if (value instanceof Collection<?> items) {
            items.forEach(v -> collect(v, into));
        } else {
            into.addAll(Arrays.asList(value.toString().split(",")));
        }
    }

    private OffsetDateTime at(WxCpXmlMessage m, String change, String id) throws CallbackRefused {
        Long created = m.getCreateTime();
        if (created == null || created <= 0) {
            throw new CallbackRefused(Reason.MALFORMED, change + " message " + id + " has no CreateTime");
        }
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(created), zone);
    }

    private static String required(String value, String field, String change, String id) throws CallbackRefused {
        String v = text(value);
        if (v.isEmpty()) {
            throw new CallbackRefused(Reason.MALFORMED, change + " message " + id + " has no " + field);
        }
        return v;
    }

    private static String canonical(Map<String, Object> fields) {
        StringBuilder text = new StringBuilder();
        for (String field : ID_FIELDS) {
            Object value = fields.get(field);
            String v = field.equals("MemChangeList") ? String.join(",", members(value)) : text(value);
            text.append(field).append('=').append(v).append('\n');
        }
        return text.toString();
    }

    private static String text(Object value) {
        return WeComCallbackDecoder.text(value);
    }
}
