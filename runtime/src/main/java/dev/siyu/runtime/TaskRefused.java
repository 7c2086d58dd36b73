package dev.siyu.runtime;

import java.util.Objects;

/**
 * Thrown by a {@link TaskSender} when the channel refused the task for a reason the rules should see
 * (e.g. {@code QUOTA}: the owner's daily sending quota is used up; {@code NOT_FRIEND}; {@code DECLINED}).
 * The runtime does not retry it: it marks the task {@link OutboxStatus#FAILED} and reports a
 * {@code TASK_FAILED} touchpoint with the reason to the customer's rules (the default playbook
 * sends a QUOTA failure again on the next contact day).
 *
 * <p>Immutable and thread-safe.
 */
public class TaskRefused extends Exception {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public TaskRefused(String reason) {
        super("task refused: " + Objects.requireNonNull(reason, "reason"));
        this.reason = reason;
    }

    /** The reason code, e.g. {@code QUOTA}. */
    public String reason() {
        return reason;
    }
}
