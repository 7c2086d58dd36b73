package dev.siyu.wecom;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.siyu.action.Action;
import dev.siyu.action.OwnerAssigned;
import dev.siyu.action.TagAdded;
import dev.siyu.action.TagRemoved;
import dev.siyu.action.Task;
import dev.siyu.runtime.DueTask;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The request bodies of the WeCom APIs a host calls on our actions, with WeCom's own field names
 * ({@code externalcontact/add_msg_template}, {@code send_welcome_msg}, {@code mark_tag},
 * {@code transfer_customer}), and how actions become them. {@link #json(Object)} writes a body the
 * same way every time (fields in WeCom's documented order, lists sorted).
 *
 * <p>Stateless and thread-safe.
 */
public final class WeComRequests {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module())
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** API paths, relative to the API base URL ({@code https://qyapi.weixin.qq.com}). */
    public static final String ADD_MSG_TEMPLATE = "/cgi-bin/externalcontact/add_msg_template";
    public static final String SEND_WELCOME_MSG = "/cgi-bin/externalcontact/send_welcome_msg";
    public static final String MARK_TAG = "/cgi-bin/externalcontact/mark_tag";
    public static final String TRANSFER_CUSTOMER = "/cgi-bin/externalcontact/transfer_customer";

    private WeComRequests() {
    }

    /** A text message ({@code {"content": …}}). */
    public record Text(@JsonProperty("content") String content) {
        public Text {
            Objects.requireNonNull(content, "content");
        }
    }

    /** {@code add_msg_template}: one mass send from {@code sender} to customers, 1:1 ({@code chat_type} single). */
    @JsonPropertyOrder({"chat_type", "external_userid", "sender", "allow_select", "text"})
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record MsgTemplate(
            @JsonProperty("chat_type") String chatType,
            @JsonProperty("external_userid") List<String> externalUserIds,
            @JsonProperty("sender") Optional<String> sender,
            @JsonProperty("allow_select") boolean allowSelect,
            @JsonProperty("text") Text text) {
        public MsgTemplate {
            externalUserIds = List.copyOf(new TreeSet<>(externalUserIds));
            sender = sender == null ? Optional.empty() : sender;
        }
    }

    /** {@code send_welcome_msg}: the welcome message on a welcome code. */
    @JsonPropertyOrder({"welcome_code", "text"})
    public record WelcomeMsg(@JsonProperty("welcome_code") String welcomeCode, @JsonProperty("text") Text text) {
        public WelcomeMsg {
            Objects.requireNonNull(welcomeCode, "welcomeCode");
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code mark_tag}: corp tag ids to add and remove on one customer of one follower. */
    @JsonPropertyOrder({"userid", "external_userid", "add_tag", "remove_tag"})
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record MarkTag(
            @JsonProperty("userid") String userId,
            @JsonProperty("external_userid") String externalUserId,
            @JsonProperty("add_tag") List<String> addTag,
            @JsonProperty("remove_tag") List<String> removeTag) {
        public MarkTag {
            addTag = List.copyOf(new TreeSet<>(addTag));
            removeTag = List.copyOf(new TreeSet<>(removeTag));
        }
    }

    /** {@code transfer_customer}: hand customers from one follower to another (在职继承). */
    @JsonPropertyOrder({"handover_userid", "takeover_userid", "external_userid"})
    public record TransferCustomer(
            @JsonProperty("handover_userid") String handoverUserId,
            @JsonProperty("takeover_userid") String takeoverUserId,
            @JsonProperty("external_userid") List<String> externalUserIds) {
        public TransferCustomer {
            externalUserIds = List.copyOf(new TreeSet<>(externalUserIds));
        }
    }

    /** A body as WeCom reads it. */
    public static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName(), e);
        }
    }

    /**
     * The mass sends for 1:1 tasks due together: one {@code add_msg_template} per sender (the task's
     * owner), script and text, to every customer of the group; groups in the order of sender, script
     * and text. Tasks whose rendered text differs (a name in it) go in separate sends: a mass send
     * carries one text. {@code allowSelect} lets the sender reselect the customers in the WeCom client.
     */
    public static List<Batch> massSends(List<DueTask> tasks, boolean allowSelect) {
        Map<List<String>, List<DueTask>> groups = new TreeMap<>(Comparator.<List<String>, String>comparing(k -> k.get(0))
                .thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2)));
        for (DueTask task : tasks) {
            groups.computeIfAbsent(groupKey(task), k -> new ArrayList<>()).add(task);
        }
        List<Batch> sends = new ArrayList<>();
        groups.forEach((key, members) -> {
            Task first = members.get(0).task();
            MsgTemplate body = new MsgTemplate("single", members.stream().map(DueTask::customerId).toList(),
                    first.owner().filter(o -> !o.isEmpty()), allowSelect, new Text(first.text().orElse("")));
            sends.add(new Batch(body, List.copyOf(members)));
        });
        return List.copyOf(sends);
    }

    /** The key tasks are grouped by into one mass send: sender, script, text. */
    static List<String> groupKey(DueTask task) {
        return List.of(task.task().owner().orElse(""), task.task().script(), task.task().text().orElse(""));
    }

    /** One mass send and the tasks it carries. */
    public record Batch(MsgTemplate body, List<DueTask> tasks) {
        public Batch {
            tasks = List.copyOf(tasks);
        }
    }

    /**
     * The {@code mark_tag} for one evaluation's tag actions: our tags to corp tag ids through the
     * tag-id map ({@code tag,tagId}); a tag the map does not list is not a WeCom corp tag and is left
     * out. Empty when nothing maps or there is no follower to mark for.
     */
    public static Optional<MarkTag> markTag(String customerId, String follower, List<Action> actions, MappingFile tagIds) {
        List<String> add = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        for (Action action : actions) {
            if (action instanceof TagAdded added) {
                tagIds.get(added.tag().toString()).ifPresent(add::add);
            } else if (action instanceof TagRemoved removed) {
                tagIds.get(removed.tag().toString()).ifPresent(remove::add);
            }
        }
        if ((add.isEmpty() && remove.isEmpty()) || follower == null || follower.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MarkTag(follower, customerId, add, remove));
    }

    /**
     * The {@code transfer_customer} for an {@code OWNER_ASSIGNED}: from the old owner to the new one.
     * Empty when the action has no {@code from} (a first owner, nothing to hand over) or names the
     * same owner.
     */
    public static Optional<TransferCustomer> transfer(String customerId, OwnerAssigned assigned) {
        Optional<String> from = assigned.from().filter(f -> !f.isEmpty());
        if (from.isEmpty() || from.get().equals(assigned.to())) {
            return Optional.empty();
        }
        return Optional.of(new TransferCustomer(from.get(), assigned.to(), List.of(customerId)));
    }
}
