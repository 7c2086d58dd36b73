package dev.siyu.runtime;

/**
 * What the host implements to carry a due task to its owner (a WeCom message, a CRM to-do, …).
 *
 * <p>The runtime calls {@link #send(DueTask)} at or after the task's due time, at least once per
 * task: a crash after {@code send} returned and before the runtime recorded it sends the task again,
 * with the same {@link DueTask#key()}, so the host deduplicates on the key. Once {@code send} has
 * returned and the runtime has recorded the delivery, the task is never handed over again. An
 * exception means "not delivered": the runtime retries with backoff and, after the last attempt,
 * marks the task failed ({@link SiyuRuntime#outbox(OutboxStatus)} lists those).
 *
 * <p>Implementations must be thread-safe: deliveries run on the runtime's scheduler threads.
 */
@FunctionalInterface
public interface TaskSender {

    /** Delivers one task; returns normally when the task is the host's, throws when it is not. */
    void send(DueTask task) throws Exception;
}
