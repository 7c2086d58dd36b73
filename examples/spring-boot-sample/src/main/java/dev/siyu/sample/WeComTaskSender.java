package dev.siyu.sample;

import dev.siyu.runtime.AlertSink;
import dev.siyu.runtime.DueTask;
import dev.siyu.runtime.RaisedAlert;
import dev.siyu.runtime.TaskSender;
import dev.siyu.wecom.WeComClient;
import dev.siyu.wecom.WelcomeCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the sample's due tasks and alerts go. With {@code siyu.wecom.secret} set, the starter provides
 * a {@link WeComClient} and each task goes to WeCom through siyu-wecom's sender (a welcome message on
 * a fresh welcome code, else a 1:1 mass send); without, the sample only keeps them in memory. It
 * deduplicates on the task key, as every host must: the runtime hands a task over again after a
 * crash between sending and recording.
 *
 * <p>Thread-safe.
 */
@Component
public class WeComTaskSender implements TaskSender, AlertSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WeComTaskSender.class);

    private final Set<String> sentKeys = new LinkedHashSet<>();
    private final List<DueTask> sent = new ArrayList<>();
    private final List<RaisedAlert> alerts = new ArrayList<>();
    private final dev.siyu.wecom.WeComTaskSender wecom;

    public WeComTaskSender(ObjectProvider<WeComClient> client, ObjectProvider<WelcomeCodes> welcomeCodes) {
        WeComClient wecomClient = client.getIfAvailable();
        this.wecom = wecomClient == null ? null
                : new dev.siyu.wecom.WeComTaskSender(wecomClient, welcomeCodes.getObject(), false, Duration.ofMillis(2500));
    }

    @Override
    public void send(DueTask task) throws Exception {
        synchronized (this) {
            if (sentKeys.contains(task.key())) {
                return; // already sent: a redelivery after a crash
            }
        }
        if (wecom != null) {
            wecom.send(task); // throws when WeCom did not take it: the runtime retries
        }
        synchronized (this) {
            if (sentKeys.add(task.key())) {
                sent.add(task);
            }
        }
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

    @Override
    public void close() {
        if (wecom != null) {
            wecom.close();
        }
    }
}
