package dev.siyu.wecom;

import dev.siyu.model.TaskKind;
import dev.siyu.runtime.DueTask;
import dev.siyu.runtime.TaskRefused;
import dev.siyu.runtime.TaskSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The runtime's {@link TaskSender} for WeCom, through WxJava:
 *
 * <ul>
 *   <li>a {@code GREETING} whose FRIEND_ADDED carried a welcome code still inside WeCom's 20 seconds
 *       ({@link WelcomeCodes}) goes out as {@code send_welcome_msg};</li>
 *   <li>every other task becomes part of an {@code add_msg_template} (1:1 mass send): tasks that
 *       arrive within {@code linger} of each other with the same sender (owner), script and text go
 *       in one request, which the owner confirms in the WeCom client. A customer WeCom lists in
 *       {@code fail_list} is refused with reason {@code UNDELIVERABLE} (reported to the rules as
 *       {@code TASK_FAILED}); a failed request fails every task in it, and the runtime retries.</li>
 * </ul>
 *
 * <p>{@link #send} blocks its caller until the request that carries the task is answered. The
 * runtime delivers tasks on its scheduler threads ({@code threads}, 4 by default), which bounds how
 * many tasks due at once meet in one request. Thread-safe.
 */
public final class WeComTaskSender implements TaskSender, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WeComTaskSender.class);

    /** The reason a task gets when WeCom lists its customer in {@code fail_list}. */
    public static final String UNDELIVERABLE = "UNDELIVERABLE";

    private final WeComClient client;
    private final WelcomeCodes welcomeCodes;
    private final boolean allowSelect;
    private final Duration linger;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "siyu-wecom-batch");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<List<String>, List<Waiting>> open = new HashMap<>();

    private record Waiting(DueTask task, CompletableFuture<Void> done) { }

    /**
     * @param allowSelect WeCom's {@code allow_select}: the sender may reselect the customers of a mass send
     * @param linger      how long a mass send waits for more tasks of the same sender, script and text
     */
    public WeComTaskSender(WeComClient client, WelcomeCodes welcomeCodes, boolean allowSelect, Duration linger) {
        this.client = Objects.requireNonNull(client, "client");
        this.welcomeCodes = Objects.requireNonNull(welcomeCodes, "welcomeCodes");
        this.allowSelect = allowSelect;
        this.linger = Objects.requireNonNull(linger, "linger");
    }

    @Override
    public void send(DueTask task) throws Exception {
        String text = task.task().text().orElse("");
        if (text.isBlank()) {
            throw new TaskRefused("NO_TEXT");
        }
        if (task.task().kind() == TaskKind.GREETING) {
            Optional<String> code = eventOf(task).flatMap(event -> welcomeCodes.take(task.customerId(), event));
            if (code.isPresent()) {
                client.sendWelcomeMsg(new WeComRequests.WelcomeMsg(code.get(), new WeComRequests.Text(text)));
                LOG.debug("task {} sent as WeCom welcome message", task.key());
                return;
            }
        }
        CompletableFuture<Void> done = join(task);
        try {
            done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private CompletableFuture<Void> join(DueTask task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        List<String> key = WeComRequests.groupKey(task);
        synchronized (open) {
            List<Waiting> batch = open.get(key);
            if (batch == null) {
                batch = new ArrayList<>();
                open.put(key, batch);
                timer.schedule(() -> flush(key), linger.toMillis(), TimeUnit.MILLISECONDS);
            }
            batch.add(new Waiting(task, done));
        }
        return done;
    }

    private void flush(List<String> key) {
        List<Waiting> batch;
        synchronized (open) {
            batch = open.remove(key);
        }
        if (batch == null || batch.isEmpty()) {
            return;
        }
        List<DueTask> tasks = batch.stream().map(Waiting::task).toList();
        WeComRequests.Batch send = WeComRequests.massSends(tasks, allowSelect).get(0);
        try {
            Set<String> failed = Set.copyOf(client.addMsgTemplate(send.body()));
            LOG.debug("mass send of {} tasks, {} not deliverable", tasks.size(), failed.size());
            for (Waiting waiting : batch) {
                if (failed.contains(waiting.task().customerId())) {
                    waiting.done().completeExceptionally(new TaskRefused(UNDELIVERABLE));
                } else {
                    waiting.done().complete(null);
                }
            }
        } catch (Exception e) {
            batch.forEach(w -> w.done().completeExceptionally(e));
        }
    }

    /** The event a greeting is about: the rules key it {@code <customer>/greeting/<event id>}. */
    static Optional<String> eventOf(DueTask task) {
        String prefix = task.customerId() + "/greeting/";
        return task.key().startsWith(prefix) ? Optional.of(task.key().substring(prefix.length())) : Optional.empty();
    }

    @Override
    public void close() {
        timer.shutdown();
    }
}
