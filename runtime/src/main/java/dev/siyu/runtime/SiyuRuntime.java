package dev.siyu.runtime;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.testhelper.SettableClock;
import com.github.kagkarlsson.scheduler.testhelper.TestHelper;
import dev.siyu.Decision;
import dev.siyu.SiyuEngine;
import dev.siyu.action.Action;
import dev.siyu.action.Alert;
import dev.siyu.action.CancelTask;
import dev.siyu.action.Task;
import dev.siyu.error.InputException;
import dev.siyu.error.SiyuException;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;
import dev.siyu.runtime.internal.Schema;
import dev.siyu.runtime.internal.ScriptTally;
import dev.siyu.runtime.internal.Store;
import dev.siyu.runtime.internal.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Runs the engine for a host on a relational database (PostgreSQL in production, H2 embedded):
 * customer states in a table, an idempotent event inbox, an outbox of tasks and alerts delivered at
 * their due time to the host's {@link TaskSender} and {@link AlertSink}, and wake-ups that evaluate a
 * customer again when the decision needs it, plus a daily sweep. Scheduling is db-scheduler's, on a
 * table of the same database, so that several runtimes on one database share the work and never run
 * one execution twice at once.
 *
 * <pre>{@code
 * try (SiyuRuntime runtime = SiyuRuntime.builder(dataSource)
 *         .engine(SiyuEngine.builder().rules(RulePack.defaults()).build())
 *         .taskSender(task -> wecom.send(task.task().owner(), task.task().text(), task.key()))
 *         .alertSink(alert -> ops.page(alert.customerId(), alert.alert().code()))
 *         .build()
 *         .start()) {
 *     runtime.ingest("c-001", Touchpoint.of("e-17", "PRICE_INQUIRY", now));
 * }
 * }</pre>
 *
 * <p><b>Concurrency.</b> Each evaluation reads the customer's row with its version, evaluates, and
 * writes the new state with {@code update … where version = ?} in one transaction together with the
 * events it consumed, the outbox rows and the next wake-up. When another evaluation of the same
 * customer committed first, the update changes no row, the transaction is rolled back and the
 * evaluation starts again from the fresh state (optimistic concurrency with retry). Events of one
 * customer are therefore applied in order and never lost; different customers run in parallel.
 *
 * <p><b>Delivery.</b> At least once: a task is handed to {@link TaskSender#send} at or after its due
 * time and recorded as delivered when {@code send} returns. A crash between the two hands it over
 * again (same key) once the execution is found dead; once recorded it is never handed over again. A
 * {@link CancelTask} withdraws a row not yet delivered. Failed attempts are retried with exponential
 * backoff and end as {@link OutboxStatus#FAILED}.
 *
 * <p>Thread-safe: ingest from as many threads as you like.
 */
public final class SiyuRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SiyuRuntime.class);

    static final String WAKE_TASK = "siyu-wake";
    static final String DELIVER_TASK = "siyu-deliver";
    static final String SWEEP_TASK = "siyu-sweep";
    static final String TABLE = "siyu_scheduled_tasks";
    private static final String CLOCK_META = "manual-clock";

    private final Transactions tx;
    private final Store store = new Store();
    private final Supplier<SiyuEngine> engine;
    private final TaskSender taskSender;
    private final AlertSink alertSink;
    private final ZoneId zone;
    private final int maxAttempts;
    private final int maxConflictRetries;
    private final boolean exclusive;
    private final Clock clock;
    private final SettableClock manualClock;
    private final Scheduler scheduler;
    private final OneTimeTask<Void> wakeTask;
    private final OneTimeTask<Void> deliverTask;
    private final AtomicLong revision = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicLong executions = new AtomicLong();
    private volatile boolean started;

    private SiyuRuntime(Builder b) {
        this.tx = new Transactions(b.dataSource);
        this.engine = b.engine;
        this.taskSender = b.taskSender;
        this.alertSink = b.alertSink;
        this.zone = b.zone;
        this.maxAttempts = b.maxAttempts;
        this.maxConflictRetries = b.maxConflictRetries;
        this.exclusive = b.exclusive;
        Schema.migrate(b.dataSource);
        this.wakeTask = Tasks.oneTime(WAKE_TASK)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(b.retryBackoff, 2.0))
                .execute((instance, context) -> {
                    executions.incrementAndGet();
                    wake(instance.getId());
                });
        this.deliverTask = Tasks.oneTime(DELIVER_TASK)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(b.retryBackoff, 2.0))
                .execute((instance, context) -> {
                    executions.incrementAndGet();
                    deliver(instance.getId());
                });
        RecurringTask<Void> sweepTask = Tasks.recurring(SWEEP_TASK, Schedules.daily(zone, b.sweepAt))
                .execute((instance, context) -> {
                    executions.incrementAndGet();
                    sweep();
                });
        DataSource bound = tx.boundDataSource();
        if (b.manualStart != null) {
            this.manualClock = new SettableClock();
            this.manualClock.set(resumedClock(b.manualStart));
            this.clock = new Clock() {
                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId other) {
                    throw new UnsupportedOperationException("the manual clock has one zone");
                }

                @Override
                public Instant instant() {
                    return manualClock.now();
                }
            };
            TestHelper.ManualSchedulerBuilder builder = TestHelper.createManualScheduler(bound,
                    new ArrayList<>(List.of(wakeTask, deliverTask))); // start tasks are added to these
            builder.clock(manualClock);
            builder.tableName(TABLE);
            builder.alwaysPersistTimestampInUTC();
            builder.startTasks(List.of(sweepTask));
            this.scheduler = builder.build();
        } else {
            this.manualClock = null;
            this.clock = b.clock;
            this.scheduler = Scheduler.create(bound, wakeTask, deliverTask)
                    .tableName(TABLE)
                    .alwaysPersistTimestampInUTC()
                    .startTasks(sweepTask)
                    .threads(b.threads)
                    .pollingInterval(b.pollingInterval)
                    .heartbeatInterval(b.heartbeatInterval)
                    .clock(clock::instant)
                    .enableImmediateExecution()
                    .build();
        }
    }

    /** A runtime on {@code dataSource}; its tables are created or migrated by {@link Builder#build()}. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Starts scheduling: recovers events stored but not yet evaluated (a crash between the two),
     * and, for an {@link Builder#exclusive(boolean) exclusive} runtime, releases executions a dead
     * predecessor left picked. Returns this runtime.
     */
    public SiyuRuntime start() {
        try {
            if (exclusive) {
                int released = tx.autoCommit(store::releasePicked);
                if (released > 0) {
                    LOG.info("released {} executions left picked by a previous run", released);
                }
            }
            List<String> pending = tx.autoCommit(store::customersWithNewEvents);
            if (!pending.isEmpty()) {
                LOG.info("{} customers have stored events not yet evaluated; waking them", pending.size());
                wakeNow(pending, now());
            }
        } catch (SQLException e) {
            throw Transactions.failure("cannot start the runtime", e);
        }
        if (scheduler instanceof ManualScheduler manual) {
            manual.start();
        } else {
            scheduler.start();
        }
        started = true;
        return this;
    }

    /** Stops the scheduler, letting executions in flight finish. */
    @Override
    public void close() {
        if (started) {
            scheduler.stop();
            started = false;
        }
    }

    /** The runtime's current time, in its zone. */
    public OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), zone);
    }

    /** The engine evaluations use now (the supplier's current one, e.g. after a rule reload). */
    public SiyuEngine engine() {
        return engine.get();
    }

    /**
     * Stores a customer's profile (name, source, owner, attributes…) if the runtime does not know the
     * customer yet; it is evaluated with its next event or the next sweep. A customer already stored
     * is left unchanged: its state is the engine's.
     *
     * @return {@code true} when stored, {@code false} when the customer was already there
     */
    public boolean addCustomer(Customer customer) {
        Objects.requireNonNull(customer, "customer");
        OffsetDateTime now = now();
        try {
            return tx.autoCommit(c -> {
                if (store.customer(c, customer.id()).isPresent()) {
                    return false;
                }
                try {
                    store.insertCustomer(c, customer.id(), SiyuJson.write(customer), 0, null, null, now);
                    return true;
                } catch (SQLException e) {
                    if (Store.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        return false;
                    }
                    throw e;
                }
            });
        } catch (SQLException e) {
            throw Transactions.failure("cannot store customer " + customer.id(), e);
        }
    }

    /**
     * Stores an event durably and idempotently and evaluates the customer with every event of theirs
     * not yet evaluated, in one transaction: when this returns, the event, the new state, the outbox
     * rows and the next wake-up are committed together. The same event id twice for one customer is
     * stored once. When a rule fails, the event is stored alone and evaluated at the customer's next
     * wake-up; when the process dies before the commit, nothing is stored and the call never returned.
     *
     * @throws InputException when the event is later than the runtime's clock (nothing is stored), or
     *                        when the engine refuses it (it is kept in the inbox as rejected, with the
     *                        error, and the customer's other events go on)
     */
    public Ingested ingest(String customerId, Touchpoint event) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(event, "event");
        OffsetDateTime now = now();
        if (event.at().isAfter(now)) {
            throw InputException.forEvent(customerId, event.id(), "event time " + event.at()
                    + " is later than the runtime's clock " + now + "; nothing was stored");
        }
        String body = SiyuJson.write(event);
        Outcome outcome;
        try {
            outcome = evaluate(customerId, Optional.empty(), new NewEvent(event, body, now));
        } catch (InputException e) {
            throw e;
        } catch (SiyuException e) {
            keepEvent(customerId, event, body, now, e); // a rule failed: the event waits in the inbox
            throw e;
        }
        String rejected = outcome.rejected().get(event.id());
        if (outcome.stored() && rejected != null) {
            throw InputException.forEvent(customerId, event.id(), rejected + " (kept in the inbox as rejected)");
        }
        return outcome.stored() ? Ingested.STORED : Ingested.DUPLICATE;
    }

    /** Stores an event alone when its evaluation failed, so that it is evaluated at the next wake-up. */
    private void keepEvent(String customerId, Touchpoint event, String body, OffsetDateTime now, SiyuException failure) {
        try {
            tx.autoCommit(c -> store.insertEvent(c, customerId, event.id(), event.at(), body, now));
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** Feedback type: the task reached the customer. */
    public static final String TASK_SENT = "TASK_SENT";
    /** Feedback type: the task could not be sent; attribute {@code reason} says why. */
    public static final String TASK_FAILED = "TASK_FAILED";
    /** Feedback type: what the task asked for was done (the customer replied, bought, …). */
    public static final String TASK_DONE = "TASK_DONE";

    /**
     * Reports what became of a task, as a touchpoint of the customer keyed by the task key (CONTRACT.md):
     * type {@link #TASK_SENT}, {@link #TASK_FAILED} (with a reason such as {@code NOT_FRIEND},
     * {@code QUOTA}, {@code DECLINED}) or {@link #TASK_DONE}; attributes {@code taskKey}, {@code reason}
     * and, from the outbox, the task's {@code kind} and {@code script}. The event id is
     * {@code <type>/<task key>}, so the same report twice is stored once.
     */
    public Ingested feedback(String customerId, String taskKey, String type, Optional<String> reason) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(taskKey, "taskKey");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reason, "reason");
        Touchpoint event = Touchpoint.of(type + "/" + taskKey, type, now()).with("taskKey", taskKey);
        if (reason.isPresent()) {
            event = event.with("reason", reason.get());
        }
        Optional<Store.OutboxRow> row;
        try {
            row = tx.autoCommit(c -> store.outbox(c, customerId, taskKey));
        } catch (SQLException e) {
            throw Transactions.failure("cannot read task " + taskKey + " of customer " + customerId, e);
        }
        if (row.isPresent() && SiyuJson.read(row.get().payload(), Action.class) instanceof Task task) {
            event = event.with("kind", task.kind().name()).with("script", task.script());
        }
        return ingest(customerId, event);
    }

    /** The customer's stored state, if the runtime knows the customer. */
    public Optional<Customer> customer(String customerId) {
        try {
            return tx.autoCommit(c -> store.customer(c, customerId)).map(row -> SiyuJson.readCustomer(row.state()));
        } catch (SQLException e) {
            throw Transactions.failure("cannot read customer " + customerId, e);
        }
    }

    /** When the runtime last evaluated the customer, if it ever did. */
    public Optional<OffsetDateTime> evaluatedAt(String customerId) {
        try {
            return tx.autoCommit(c -> store.customer(c, customerId)).flatMap(Store.CustomerRow::evaluatedAt);
        } catch (SQLException e) {
            throw Transactions.failure("cannot read customer " + customerId, e);
        }
    }

    /** The ids of every stored customer, sorted. */
    public List<String> customerIds() {
        try {
            return tx.autoCommit(store::customerIds);
        } catch (SQLException e) {
            throw Transactions.failure("cannot list customers", e);
        }
    }

    /** The outbox entries with {@code status}, by due time; {@link OutboxStatus#FAILED} lists what needs a person. */
    public List<OutboxEntry> outbox(OutboxStatus status) {
        try {
            return tx.autoCommit(c -> store.outboxEntries(c, status));
        } catch (SQLException e) {
            throw Transactions.failure("cannot list the outbox", e);
        }
    }

    /** The attribution window of {@link #scriptOutcomes()}: an order within 7 days after a task. */
    public static final Duration CONVERSION_WINDOW = Duration.ofDays(7);

    /** {@link #scriptOutcomes(Duration)} with the {@link #CONVERSION_WINDOW} of 7 days. */
    public List<ScriptOutcome> scriptOutcomes() {
        return scriptOutcomes(CONVERSION_WINDOW);
    }

    /**
     * What became of the tasks of each script: delivered, reported sent, failed (by reason), done,
     * and converted — the customer paid an order within {@code window} after the task was delivered
     * and it was their last delivered task before the order. Sorted by script id. Reads the whole
     * outbox and every evaluated event: a report to run now and then, not on every request.
     */
    public List<ScriptOutcome> scriptOutcomes(Duration window) {
        ScriptTally tally = new ScriptTally(window);
        try {
            tx.autoCommit(c -> {
                store.outboxTasks(c).forEach(tally::task);
                store.forEachEvaluatedEvent(c, (customerId, body) -> tally.event(customerId, SiyuJson.readTouchpoint(body)));
                return null;
            });
        } catch (SQLException e) {
            throw Transactions.failure("cannot read the outbox and the events for the script report", e);
        }
        return tally.outcomes();
    }

    /** How many outbox entries are pending (not yet due, or due and not yet delivered). */
    public long backlog() {
        try {
            return tx.autoCommit(c -> store.countOutbox(c, OutboxStatus.PENDING));
        } catch (SQLException e) {
            throw Transactions.failure("cannot count the outbox", e);
        }
    }

    /** How many evaluations had to start again because another one of the same customer committed first. */
    public long conflicts() {
        return conflicts.get();
    }

    /**
     * For a runtime on a {@link Builder#manualClock(Instant) manual clock}: moves the clock forward to
     * {@code target}, stopping at each due execution's time to run it (deliveries, wake-ups, sweeps),
     * so that everything happens at the time it would have on a real clock. The clock is kept in the
     * database: a runtime restarted on the same database resumes from it.
     */
    public void advanceTo(Instant target) {
        if (!(scheduler instanceof ManualScheduler manual)) {
            throw new IllegalStateException("advanceTo needs a runtime on a manual clock");
        }
        int stuck = 0;
        while (true) {
            Optional<OffsetDateTime> next;
            try {
                next = tx.autoCommit(store::nextExecution);
            } catch (SQLException e) {
                throw Transactions.failure("cannot read the schedule", e);
            }
            if (next.isEmpty() || next.get().toInstant().isAfter(target)) {
                break;
            }
            Instant step = next.get().toInstant().isAfter(manualClock.now()) ? next.get().toInstant() : manualClock.now();
            setManualClock(step);
            long before = executions.get();
            manual.runAnyDueExecutions();
            stuck = executions.get() == before ? stuck + 1 : 0;
            if (stuck > 3) {
                throw new SiyuException(countDue(step) + " executions due at " + step + " do not run");
            }
        }
        if (target.isAfter(manualClock.now())) {
            setManualClock(target);
        }
    }

    private long countDue(Instant step) {
        try {
            return tx.autoCommit(c -> {
                try (var ps = c.prepareStatement("select count(*) from " + TABLE
                        + " where picked = false and execution_time <= ?")) {
                    ps.setObject(1, OffsetDateTime.ofInstant(step, zone));
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
        } catch (SQLException e) {
            throw Transactions.failure("cannot read the schedule", e);
        }
    }

    private Instant resumedClock(Instant start) {
        try {
            Optional<String> saved = tx.autoCommit(c -> store.meta(c, CLOCK_META));
            Instant resumed = saved.map(Instant::parse).orElse(start);
            return resumed.isAfter(start) ? resumed : start;
        } catch (SQLException e) {
            throw Transactions.failure("cannot read the manual clock", e);
        }
    }

    private void setManualClock(Instant time) {
        try {
            tx.autoCommit(c -> {
                store.putMeta(c, CLOCK_META, time.toString());
                return null;
            });
        } catch (SQLException e) {
            throw Transactions.failure("cannot keep the manual clock", e);
        }
        manualClock.set(time);
    }

    // ---- evaluation -------------------------------------------------------------------------

    /** Thrown inside a transaction when another evaluation of the customer committed first. */
    private static final class Conflict extends RuntimeException {
        Conflict() {
            super(null, null, false, false);
        }
    }

    private static boolean isConflict(SQLException e) {
        String state = e.getSQLState();
        return Store.UNIQUE_VIOLATION.equals(state) || "40001".equals(state) || "40P01".equals(state)
                || "HYT00".equals(state) || (state != null && state.startsWith("40"));
    }

    /** An event to store in the evaluation's transaction. */
    private record NewEvent(Touchpoint event, String body, OffsetDateTime receivedAt) { }

    /** What an evaluation did: whether it stored the new event, and the events it set aside with their errors. */
    private record Outcome(boolean stored, Map<String, String> rejected) { }

    /**
     * Evaluates a customer in one transaction, first storing {@code newEvent} (when given and not yet
     * stored); {@code wake} is the time of the wake-up that asks, if one does.
     */
    private Outcome evaluate(String customerId, Optional<Instant> wake, NewEvent newEvent) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.inTransaction(c -> {
                    boolean stored = newEvent != null && store.insertEventIfAbsent(c, customerId,
                            newEvent.event().id(), newEvent.event().at(), newEvent.body(), newEvent.receivedAt());
                    return new Outcome(stored, evaluateOnce(c, customerId, wake));
                });
            } catch (Conflict e) {
                retryOrGiveUp(customerId, attempt, null);
            } catch (SQLException e) {
                if (!isConflict(e)) {
                    throw Transactions.failure("cannot evaluate customer " + customerId, e);
                }
                retryOrGiveUp(customerId, attempt, e);
            }
        }
    }

    private void retryOrGiveUp(String customerId, int attempt, SQLException cause) {
        conflicts.incrementAndGet();
        if (attempt >= maxConflictRetries) {
            throw new SiyuException("customer " + customerId + " kept changing under " + attempt
                    + " evaluations; giving up (its events stay in the inbox and are evaluated at the next wake-up)", cause);
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 2 + Math.min(attempt, 10) * 3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SiyuException("interrupted while evaluating customer " + customerId, e);
        }
    }

    /** Evaluates if there is anything to do; returns the events set aside, with their errors. */
    private Map<String, String> evaluateOnce(Connection c, String customerId, Optional<Instant> wake) throws SQLException {
        Optional<Store.CustomerRow> row = store.customer(c, customerId);
        List<Store.EventRow> events = store.newEvents(c, customerId);
        if (wake.isEmpty() && events.isEmpty()) {
            return Map.of(); // another evaluation took these events already
        }
        if (wake.isPresent() && events.isEmpty() && row.isPresent()
                && !row.get().wakeAt().map(w -> w.toInstant().equals(wake.get())).orElse(false)) {
            return Map.of(); // a later evaluation planned another wake-up
        }
        Customer customer = row.map(r -> SiyuJson.readCustomer(r.state())).orElseGet(() -> Customer.of(customerId));
        OffsetDateTime now = now();
        if (row.isPresent() && row.get().evaluatedAt().isPresent() && row.get().evaluatedAt().get().isAfter(now)) {
            now = row.get().evaluatedAt().get().atZoneSameInstant(zone).toOffsetDateTime(); // never evaluate backwards
        }
        Map<String, String> rejected = new LinkedHashMap<>();
        Decision decision = decide(engine.get(), customer, events, now, rejected);
        OffsetDateTime wakeAt = nextWake(decision, now).orElse(null);
        String state = SiyuJson.write(decision.customer());
        if (row.isEmpty()) {
            store.insertCustomer(c, customerId, state, 1, now, wakeAt, now);
        } else if (store.updateCustomer(c, customerId, state, row.get().version(), now, wakeAt, now) == 0) {
            throw new Conflict();
        }
        List<String> done = new ArrayList<>();
        for (Store.EventRow event : events) {
            if (!rejected.containsKey(event.eventId())) {
                done.add(event.eventId());
            }
        }
        store.markEvents(c, customerId, done, "DONE", null);
        for (Map.Entry<String, String> r : rejected.entrySet()) {
            store.markEvents(c, customerId, List.of(r.getKey()), "REJECTED", r.getValue());
            LOG.warn("event {} of customer {} rejected: {}", r.getKey(), customerId, r.getValue());
        }
        applyActions(c, customerId, decision, now);
        if (wakeAt != null) {
            boolean planned = row.isPresent() && row.get().wakeAt().map(w -> w.toInstant().equals(wakeAt.toInstant())).orElse(false);
            if (!planned) {
                scheduler().scheduleIfNotExists(wakeTask.instance(customerId + "@" + wakeAt.toInstant().toEpochMilli()),
                        wakeAt.toInstant());
            }
        }
        LOG.debug("customer {} evaluated at {} with {} events: {} actions", customerId, now, events.size(),
                decision.actions().size());
        return rejected;
    }

    /** Evaluates, setting aside the events the engine refuses (each one on its own, with the error). */
    private static Decision decide(SiyuEngine engine, Customer customer, List<Store.EventRow> rows, OffsetDateTime now,
                                   Map<String, String> rejected) {
        List<Touchpoint> events = new ArrayList<>(rows.size());
        List<String> ids = new ArrayList<>(rows.size());
        for (Store.EventRow row : rows) {
            try {
                events.add(SiyuJson.readTouchpoint(row.body()));
                ids.add(row.eventId());
            } catch (InputException e) {
                rejected.put(row.eventId(), e.getMessage());
            }
        }
        try {
            return engine.evaluate(customer, events, now);
        } catch (InputException whole) {
            List<Touchpoint> kept = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                try {
                    engine.evaluate(customer, List.of(events.get(i)), now);
                    kept.add(events.get(i));
                } catch (InputException alone) {
                    rejected.put(ids.get(i), alone.getMessage());
                }
            }
            try {
                return engine.evaluate(customer, kept, now);
            } catch (InputException together) {
                for (Touchpoint event : kept) {
                    rejected.put(event.id(), together.getMessage());
                }
                return engine.evaluate(customer, List.of(), now);
            }
        }
    }

    /**
     * When the customer next needs evaluating: the decision's {@code nextEvaluationAt} (SLA deadline,
     * stage threshold, holiday, …) or the earliest pending task's due time, whichever comes first.
     */
    private static Optional<OffsetDateTime> nextWake(Decision decision, OffsetDateTime now) {
        return java.util.stream.Stream.concat(decision.nextEvaluationAt().stream(),
                        decision.customer().memory().pendingTasks().stream().map(dev.siyu.model.PendingTask::dueAt))
                .filter(time -> time.isAfter(now))
                .min(OffsetDateTime::compareTo);
    }

    private void applyActions(Connection c, String customerId, Decision decision, OffsetDateTime now) throws SQLException {
        for (Action action : decision.actions()) {
            if (action instanceof Task task) {
                putTask(c, customerId, task, now);
            } else if (action instanceof CancelTask cancel) {
                store.cancelOutbox(c, customerId, cancel.key());
            } else if (action instanceof Alert alert) {
                String key = "alert/" + alert.code() + "/" + alert.eventId().orElse(decision.evaluatedAt().toInstant().toString());
                if (store.outbox(c, customerId, key).isEmpty()) {
                    long id = store.insertOutbox(c, customerId, key, "ALERT", now, SiyuJson.write(alert), now);
                    scheduleDelivery(id, now.toInstant(), false);
                }
            }
        }
    }

    private void putTask(Connection c, String customerId, Task task, OffsetDateTime now) throws SQLException {
        Optional<Store.OutboxRow> existing = store.outbox(c, customerId, task.key());
        String payload = SiyuJson.write(task);
        if (existing.isEmpty()) {
            long id = store.insertOutbox(c, customerId, task.key(), "TASK", task.dueAt(), payload, now);
            scheduleDelivery(id, task.dueAt().toInstant(), false);
            return;
        }
        Store.OutboxRow row = existing.get();
        if (row.status() == OutboxStatus.PENDING || row.status() == OutboxStatus.CANCELLED) {
            store.replaceOutbox(c, row.id(), task.dueAt(), payload);
            boolean moved = !row.dueAt().toInstant().equals(task.dueAt().toInstant());
            if (moved || row.status() == OutboxStatus.CANCELLED) {
                scheduleDelivery(row.id(), task.dueAt().toInstant(), row.status() == OutboxStatus.CANCELLED);
            }
        } else {
            LOG.debug("task {} of customer {} is already {}; not handed over again", task.key(), customerId, row.status());
        }
    }

    private void scheduleDelivery(long outboxId, Instant due, boolean revived) {
        String id = outboxId + "@" + due.toEpochMilli() + (revived ? "@r" + System.nanoTime() + "-" + revision.incrementAndGet() : "");
        scheduler().scheduleIfNotExists(deliverTask.instance(id), due);
    }

    private SchedulerClient scheduler() {
        return scheduler;
    }

    // ---- executions -------------------------------------------------------------------------

    private void wake(String instanceId) {
        int at = instanceId.lastIndexOf('@');
        String customerId = instanceId.substring(0, at);
        Instant time = Instant.ofEpochMilli(Long.parseLong(instanceId.substring(at + 1)));
        evaluate(customerId, Optional.of(time), null);
    }

    private void wakeNow(List<String> customerIds, OffsetDateTime now) throws SQLException {
        for (int from = 0; from < customerIds.size(); from += 200) {
            List<String> chunk = customerIds.subList(from, Math.min(customerIds.size(), from + 200));
            tx.inTransaction(c -> {
                for (String id : chunk) {
                    store.setWake(c, id, now);
                    scheduler().scheduleIfNotExists(wakeTask.instance(id + "@" + now.toInstant().toEpochMilli()), now.toInstant());
                }
                return null;
            });
        }
    }

    private void sweep() {
        try {
            List<String> ids = tx.autoCommit(store::customerIds);
            LOG.info("daily sweep: waking {} customers", ids.size());
            wakeNow(ids, now());
        } catch (SQLException e) {
            throw Transactions.failure("cannot run the daily sweep", e);
        }
    }

    private void deliver(String instanceId) {
        String[] parts = instanceId.split("@");
        long outboxId = Long.parseLong(parts[0]);
        long dueMillis = Long.parseLong(parts[1]);
        Store.OutboxRow row;
        try {
            row = tx.autoCommit(c -> store.outbox(c, outboxId)).orElse(null);
        } catch (SQLException e) {
            throw Transactions.failure("cannot read outbox entry " + outboxId, e);
        }
        if (row == null || row.status() != OutboxStatus.PENDING || row.dueAt().toInstant().toEpochMilli() != dueMillis) {
            return; // cancelled, delivered, failed or moved to another time
        }
        int attempt = row.attempts() + 1;
        try {
            Action action = SiyuJson.read(row.payload(), Action.class);
            if (action instanceof Task task) {
                taskSender.send(new DueTask(row.customerId(), row.key(), task, attempt));
            } else if (action instanceof Alert alert) {
                alertSink.raise(new RaisedAlert(row.customerId(), row.key(), row.dueAt(), alert, attempt));
            }
        } catch (TaskRefused refused) {
            try {
                tx.autoCommit(c -> {
                    store.attemptFailed(c, outboxId, attempt, "refused: " + refused.reason(), true);
                    return null;
                });
            } catch (SQLException sql) {
                throw Transactions.failure("cannot record the refusal of " + row.key(), sql);
            }
            LOG.info("{} {} of customer {} refused: {}", row.kind(), row.key(), row.customerId(), refused.reason());
            feedback(row.customerId(), row.key(), TASK_FAILED, Optional.of(refused.reason()));
            return;
        } catch (Exception e) {
            boolean last = attempt >= maxAttempts;
            String error = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            try {
                tx.autoCommit(c -> {
                    store.attemptFailed(c, outboxId, attempt, error, last);
                    return null;
                });
            } catch (SQLException sql) {
                e.addSuppressed(sql);
            }
            LOG.warn("delivery of {} {} of customer {} failed (attempt {} of {}): {}", row.kind(), row.key(),
                    row.customerId(), attempt, maxAttempts, e.getClass().getName());
            if (last) {
                return;
            }
            throw new SiyuException("delivery of " + row.key() + " failed; retried later", e);
        }
        try {
            OffsetDateTime now = now();
            tx.autoCommit(c -> store.delivered(c, outboxId, attempt, now));
        } catch (SQLException e) {
            throw Transactions.failure("cannot record the delivery of " + row.key() + " (it is handed over again)", e);
        }
    }

    /**
     * Configures a {@link SiyuRuntime}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final DataSource dataSource;
        private Supplier<SiyuEngine> engine;
        private TaskSender taskSender;
        private AlertSink alertSink = AlertSink.ignoring();
        private ZoneId zone = SiyuEngine.DEFAULT_ZONE;
        private Clock clock = Clock.systemUTC();
        private Instant manualStart;
        private int threads = 4;
        private Duration pollingInterval = Duration.ofSeconds(1);
        private Duration heartbeatInterval = Duration.ofSeconds(30);
        private Duration retryBackoff = Duration.ofSeconds(30);
        private int maxAttempts = 8;
        private int maxConflictRetries = 50;
        private LocalTime sweepAt = LocalTime.of(8, 30);
        private boolean exclusive;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The engine to evaluate with. */
        public Builder engine(SiyuEngine value) {
            Objects.requireNonNull(value, "engine");
            this.engine = () -> value;
            return this;
        }

        /** Where each evaluation takes its engine, e.g. {@code ruleSetWatcher::engine} for reloadable rules. */
        public Builder engine(Supplier<SiyuEngine> value) {
            this.engine = Objects.requireNonNull(value, "engine");
            return this;
        }

        /** The host's task sender (required). */
        public Builder taskSender(TaskSender value) {
            this.taskSender = Objects.requireNonNull(value, "taskSender");
            return this;
        }

        /** The host's alert sink (default: alerts are dropped). */
        public Builder alertSink(AlertSink value) {
            this.alertSink = Objects.requireNonNull(value, "alertSink");
            return this;
        }

        /** The zone of evaluation times and of the daily sweep (default {@code Asia/Shanghai}). */
        public Builder zone(ZoneId value) {
            this.zone = Objects.requireNonNull(value, "zone");
            return this;
        }

        /** The clock (default: the system clock). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Runs on a manual clock starting at {@code start} (or where a previous run on the same database
         * left it, if later), moved only by {@link SiyuRuntime#advanceTo(Instant)}: for replays,
         * simulations and tests. Executions then run on the calling thread.
         */
        public Builder manualClock(Instant start) {
            this.manualStart = Objects.requireNonNull(start, "start");
            return this;
        }

        /** Scheduler threads for evaluations and deliveries (default 4). */
        public Builder threads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + value);
            }
            this.threads = value;
            return this;
        }

        /** How often the scheduler looks for due executions (default 1 s): the worst-case delivery lag. */
        public Builder pollingInterval(Duration value) {
            this.pollingInterval = Objects.requireNonNull(value, "pollingInterval");
            return this;
        }

        /**
         * How often a running execution says it is alive (default 30 s). An execution whose runtime
         * stopped saying so for 6 intervals is considered dead and run again.
         */
        public Builder heartbeatInterval(Duration value) {
            this.heartbeatInterval = Objects.requireNonNull(value, "heartbeatInterval");
            return this;
        }

        /** The first retry delay of a failed delivery or evaluation, doubled each time (default 30 s). */
        public Builder retryBackoff(Duration value) {
            this.retryBackoff = Objects.requireNonNull(value, "retryBackoff");
            return this;
        }

        /** Delivery attempts before an entry is marked {@link OutboxStatus#FAILED} (default 8). */
        public Builder maxAttempts(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + value);
            }
            this.maxAttempts = value;
            return this;
        }

        /** How many times one evaluation starts again after a version conflict before it gives up (default 50). */
        public Builder maxConflictRetries(int value) {
            this.maxConflictRetries = value;
            return this;
        }

        /** The time of the daily sweep that evaluates every customer (default 08:30 in the zone). */
        public Builder sweepAt(LocalTime value) {
            this.sweepAt = Objects.requireNonNull(value, "sweepAt");
            return this;
        }

        /**
         * Declares this runtime the only one on its database (e.g. {@code siyu run}): on start it
         * releases at once the executions a killed predecessor left picked, instead of waiting for
         * their heartbeat to expire. Never set it when several runtimes share the database.
         */
        public Builder exclusive(boolean value) {
            this.exclusive = value;
            return this;
        }

        /**
         * Creates or migrates the schema and builds the runtime (not started).
         *
         * @throws IllegalStateException when the engine or the task sender is missing
         */
        public SiyuRuntime build() {
            if (engine == null) {
                throw new IllegalStateException("a runtime needs an engine: builder.engine(...)");
            }
            if (taskSender == null) {
                throw new IllegalStateException("a runtime needs the host's TaskSender: builder.taskSender(...)");
            }
            return new SiyuRuntime(this);
        }
    }
}
