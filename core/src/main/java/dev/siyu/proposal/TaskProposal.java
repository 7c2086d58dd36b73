package dev.siyu.proposal;

import dev.siyu.action.TaskKind;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

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

    public TaskProposal(String customerId, String key, TaskKind kind, String script, OffsetDateTime dueAt,
                        String... values) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.key = Objects.requireNonNull(key, "key");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.script = Objects.requireNonNull(script, "script");
        this.dueAt = Objects.requireNonNull(dueAt, "dueAt");
        this.values = Values.pairs(values);
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

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskProposal other && customerId.equals(other.customerId) && key.equals(other.key)
                && kind.equals(other.kind) && script.equals(other.script) && dueAt.equals(other.dueAt)
                && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(customerId, key, kind, script, dueAt, values);
    }

    @Override
    public String toString() {
        return "TaskProposal[" + customerId + " " + key + " " + kind.name() + " " + script + " at " + dueAt + "]";
    }
}
