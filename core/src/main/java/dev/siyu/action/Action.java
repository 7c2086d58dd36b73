package dev.siyu.action;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One thing a decision asks the host to do or to record (CONTRACT.md "Decision").
 * Every action names the {@link #rule()} that produced it. A {@link CustomAction} is one of a type a
 * pack's action catalog declares; it is written with its own type name, and {@code SiyuJson.readDecision}
 * reads an action of a type that is none of the built-in ones back as a {@link CustomAction}.
 *
 * <p>Implementations are immutable and thread-safe.
 */
// visible: a custom action's deserializer needs the type name; the built-in types ignore the field
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true, defaultImpl = CustomAction.class)
@JsonIgnoreProperties("type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Task.class, name = "TASK"),
        @JsonSubTypes.Type(value = CancelTask.class, name = "CANCEL_TASK"),
        @JsonSubTypes.Type(value = EngagementChanged.class, name = "ENGAGEMENT_CHANGED"),
        @JsonSubTypes.Type(value = StageChanged.class, name = "STAGE_CHANGED"),
        @JsonSubTypes.Type(value = TierChanged.class, name = "TIER_CHANGED"),
        @JsonSubTypes.Type(value = OwnerAssigned.class, name = "OWNER_ASSIGNED"),
        @JsonSubTypes.Type(value = TagAdded.class, name = "TAG_ADDED"),
        @JsonSubTypes.Type(value = TagRemoved.class, name = "TAG_REMOVED"),
        @JsonSubTypes.Type(value = Alert.class, name = "ALERT"),
        @JsonSubTypes.Type(value = SuggestScript.class, name = "SUGGEST_SCRIPT")
})
public sealed interface Action
        permits Task, CancelTask, EngagementChanged, StageChanged, TierChanged, OwnerAssigned,
        TagAdded, TagRemoved, Alert, SuggestScript, CustomAction {

    /** The name of the rule that produced this action. */
    String rule();

    /** The wire name of this action's type, e.g. {@code TASK}. */
    @JsonIgnore
    default String type() {
        return getClass().getAnnotation(ActionType.class).value();
    }
}
