package dev.siyu.proposal;

import dev.siyu.fact.Proposal;
import dev.siyu.model.TaskKind;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * "Send script {@code script} to the customer, nominally at {@code dueAt}", under a stable
 * {@code key}: a task with the key of a pending task replaces it. The resolver drops it after the
 * customer deleted us or once a task with that key was due; otherwise the contact policy places it
 * (contact hours, caps) and the script is rendered for the customer's locale and owner.
 * {@code values} are template variables as pairs ({@code "product", "日抛"}).
 *
 * <p>Immutable and thread-safe; equal by value.
 */
public final class TaskProposal implements Proposal {
    private final String customerId;
    private final String key;
    private final TaskKind kind;
    private final String script;
    private final OffsetDateTime dueAt;
    private final List<String> values;
    private final Optional<String> owner;
    private final Optional<String> channel;
    private final Optional<String> source;

    public TaskProposal(String customerId, String key, TaskKind kind, String script, OffsetDateTime dueAt,
                        String... values) {
        this(customerId, key, kind, script, dueAt, Optional.empty(), Optional.empty(), Optional.empty(), values);
    }

    private TaskProposal(String customerId, String key, TaskKind kind, String script, OffsetDateTime dueAt,
                         Optional<String> owner, Optional<String> channel, Optional<String> source, String... values) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.key = Objects.requireNonNull(key, "key");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.script = Objects.requireNonNull(script, "script");
        this.dueAt = Objects.requireNonNull(dueAt, "dueAt");
        this.values = Values.pairs(values);
        this.owner = Objects.requireNonNull(owner, "owner");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * The task of SOP step {@code step} started by the anchor {@code anchorId} (an event id or its
     * order id, a date): the key of the step's key template
     * ({@link dev.siyu.sop.SopStep#taskKey}, by default {@code <customer>/sop/<sop>/<anchor>/<step>}),
     * the step's kind and script, for the step's owner (the customer's owner when the step names
     * none), attributed to the step and its row ({@code SOP weekly/tue (weekly.sop.csv:4)}) rather
     * than to the rule that proposed it.
     */
    public static TaskProposal sopStep(String customerId, dev.siyu.sop.SopStep step, String anchorId, OffsetDateTime dueAt) {
        return sopStep(customerId, step, anchorId, dueAt, List.of());
    }

    /**
     * {@link #sopStep(String, dev.siyu.sop.SopStep, String, OffsetDateTime)} with template values as
     * pairs ({@link dev.siyu.sop.SopStep#paramValues}).
     */
    public static TaskProposal sopStep(String customerId, dev.siyu.sop.SopStep step, String anchorId, OffsetDateTime dueAt,
                                       List<?> values) {
        String[] pairs = new String[values.size()];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = String.valueOf(values.get(i));
        }
        return new TaskProposal(customerId, step.taskKey(customerId, anchorId), TaskKind.valueOf(step.kind()),
                step.script(), dueAt, step.owner(), step.channel(), Optional.of("SOP " + step.id() + " (" + step.source() + ")"), pairs);
    }

    @Override
    public String getCustomerId() {
        return customerId;
    }

    public String getKey() {
        return key;
    }

    public TaskKind getKind() {
        return kind;
    }

    public String getScript() {
        return script;
    }

    public OffsetDateTime getDueAt() {
        return dueAt;
    }

    /** The template values, as pairs. */
    public List<String> getValues() {
        return values;
    }

    /** The channel the task goes out on ({@code 1v1}, {@code group}, {@code moments}), when the proposer names one. */
    public Optional<String> getChannel() {
        return channel;
    }

    /** The owner or desk the task is for, when not the customer's owner. */
    public Optional<String> getOwner() {
        return owner;
    }

    /** What the task is attributed to instead of the proposing rule (an SOP step), if anything. */
    public Optional<String> getSource() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskProposal other && customerId.equals(other.customerId) && key.equals(other.key)
                && kind.equals(other.kind) && script.equals(other.script) && dueAt.equals(other.dueAt)
                && values.equals(other.values) && owner.equals(other.owner) && channel.equals(other.channel)
                && source.equals(other.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(customerId, key, kind, script, dueAt, values, owner, channel, source);
    }

    @Override
    public String toString() {
        return "TaskProposal[" + customerId + " " + key + " " + kind.name() + " " + script + " at " + dueAt + "]";
    }
}
