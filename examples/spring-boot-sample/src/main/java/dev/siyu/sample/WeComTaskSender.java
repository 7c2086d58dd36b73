package dev.siyu.sample;

import dev.siyu.runtime.AlertSink;
import dev.siyu.runtime.DueTask;
import dev.siyu.runtime.RaisedAlert;
import dev.siyu.runtime.TaskSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the sample's due tasks and alerts go. A real shop would call WeCom's API here (or put a
 * to-do in its CRM); the sample keeps them in memory. It deduplicates on the task key, as every
 * host must: the runtime hands a task over again after a crash between sending and recording.
 *
 * <p>Thread-safe.
 */
@Component
public class WeComTaskSender implements TaskSender, AlertSink {
    private static final Logger LOG = LoggerFactory.getLogger(WeComTaskSender.class);

    private final Set<String> sentKeys = new LinkedHashSet<>();
    private final List<DueTask> sent = new ArrayList<>();
    private final List<RaisedAlert> alerts = new ArrayList<>();

    @Override
    public synchronized void send(DueTask task) {
        if (!sentKeys.add(task.key())) {
            return; // already sent: a redelivery after a crash
        }
        sent.add(task);
        LOG.info("task {} for customer {} to owner {}", task.key(), task.customerId(), task.task().owner().orElse("-"));
    }

    @Override
    public synchronized void raise(RaisedAlert alert) {
        alerts.add(alert);
        LOG.info("alert {} for customer {}", alert.alert().code(), alert.customerId());
    }

    /** The tasks sent so far, in order. */
    public synchronized List<DueTask> sent() {
        return List.copyOf(sent);
    }

    /** The alerts raised so far, in order. */
    public synchronized List<RaisedAlert> alerts() {
        return List.copyOf(alerts);
    }
}
