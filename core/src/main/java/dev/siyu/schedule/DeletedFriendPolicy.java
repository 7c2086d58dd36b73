package dev.siyu.schedule;

import java.util.Objects;

/**
 * What the engine still produces for a customer who deleted us (a FRIEND_DELETED with no
 * FRIEND_ADDED after it, PLAYBOOK §8): the numbers of the pack file {@code *.deleted-friend.csv}
 * ({@code dev.siyu.pack.DeletedFriendPolicyFile}). The playbook's: no task of any kind, no alert, no
 * suggestion. The engine applies it to every rule; cancelling the pending tasks on deletion is a
 * rule's job ({@code activation.drl}).
 *
 * @param suppressedTasks which tasks are not scheduled: every one, the proactive ones only, or none
 * @param suppressAlerts  {@code true}: no alert is raised
 * @param suppressSuggestions {@code true}: no script is suggested
 *
 * <p>Immutable and thread-safe.
 */
public record DeletedFriendPolicy(Tasks suppressedTasks, boolean suppressAlerts, boolean suppressSuggestions) {
    /** Which tasks a deletion suppresses. */
    public enum Tasks {
        /** Every task, reactive ones (an order's thank-you) included. */
        ALL,
        /** Proactive tasks only: greetings and order notices still come. */
        PROACTIVE,
        /** None. */
        NONE
    }

    /** The playbook's policy: nothing after deletion. */
    public static final DeletedFriendPolicy DEFAULT = new DeletedFriendPolicy(Tasks.ALL, true, true);

    public DeletedFriendPolicy {
        Objects.requireNonNull(suppressedTasks, "suppressedTasks");
    }

    /** {@code true} when a task of a kind that is {@code proactive} is not scheduled after deletion. */
    public boolean suppressesTask(boolean proactive) {
        return suppressedTasks == Tasks.ALL || (suppressedTasks == Tasks.PROACTIVE && proactive);
    }
}
