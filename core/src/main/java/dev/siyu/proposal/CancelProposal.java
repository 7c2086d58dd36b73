package dev.siyu.proposal;

import dev.siyu.fact.Proposal;
import dev.siyu.model.TaskKind;

import java.util.Objects;

/**
 * "Withdraw pending tasks": the one with a key, those whose key starts with a prefix, those of a
 * kind, or every proactive one. The resolver applies cancels before the tasks of the same round,
 * so a rule may replace a family of tasks by cancelling its prefix and proposing the new ones. Only
 * tasks still pending at the round's clock are cancelled: once due, a task is the host's.
 *
 * <p>Immutable and thread-safe; equal by value.
 */
public final class CancelProposal implements Proposal {

    /** What a cancel selects. */
    public enum Scope {
        /** The task whose key is {@link #getTarget()}. */
        KEY,
        /** Every task whose key starts with {@link #getTarget()}. */
        KEY_PREFIX,
        /** Every task of kind {@link #getTarget()} (a task kind's name). */
        KIND,
        /** Every proactive task, as the packs' task-kind catalog declares it; the target is empty. */
        PROACTIVE
    }

    private final String customerId;
    private final Scope scope;
    private final String target;
    private final String reason;

    private CancelProposal(String customerId, Scope scope, String target, String reason) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.scope = scope;
        this.target = Objects.requireNonNull(target, "target");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Cancels the task with {@code key}. */
    public static CancelProposal task(String customerId, String key, String reason) {
        return new CancelProposal(customerId, Scope.KEY, key, reason);
    }

    /** Cancels every task whose key starts with {@code prefix}. */
    public static CancelProposal keyPrefix(String customerId, String prefix, String reason) {
        return new CancelProposal(customerId, Scope.KEY_PREFIX, prefix, reason);
    }

    /** Cancels every task of {@code kind}. */
    public static CancelProposal kind(String customerId, TaskKind kind, String reason) {
        return new CancelProposal(customerId, Scope.KIND, Objects.requireNonNull(kind, "kind").name(), reason);
    }

    /** Cancels every proactive task: every kind the packs' task-kind catalog does not declare reactive (by default, all but greetings and order notices). */
    public static CancelProposal proactive(String customerId, String reason) {
        return new CancelProposal(customerId, Scope.PROACTIVE, "", reason);
    }

    @Override
    public String getCustomerId() {
        return customerId;
    }

    public Scope getScope() {
        return scope;
    }

    /** The key, key prefix or kind name the cancel selects ({@code ""} for {@link Scope#PROACTIVE}). */
    public String getTarget() {
        return target;
    }

    /** Why, as the CANCEL_TASK action reports it. */
    public String getReason() {
        return reason;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CancelProposal other && customerId.equals(other.customerId) && scope == other.scope
                && target.equals(other.target) && reason.equals(other.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(customerId, scope, target, reason);
    }

    @Override
    public String toString() {
        return "CancelProposal[" + customerId + " " + scope + " " + target + ": " + reason + "]";
    }
}
