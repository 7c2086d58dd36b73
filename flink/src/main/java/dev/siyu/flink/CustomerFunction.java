package dev.siyu.flink;

import dev.siyu.Decision;
import dev.siyu.EvaluationRequest;
import dev.siyu.error.InputException;
import dev.siyu.SiyuEngine;
import dev.siyu.error.SiyuException;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;
import dev.siyu.pack.RulePack;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Siyu on Flink: one customer per key. Keyed state holds the customer (the JSON the engine returns,
 * as UTF-8 bytes) and its clock; each input line is evaluated with the unchanged engine, an
 * event-time timer wakes the customer up for its next evaluation, decisions with actions go to
 * the main output, refused inputs with their reason to {@link #REFUSED}, and at the end of a
 * bounded window every customer's final state to {@link #STATES}.
 *
 * <p>The order of a customer's evaluations is the in-process replay's: each event at its own time,
 * each sweep at its time, a sweep before the events of the same instant. Events of one input line are
 * applied oldest first; a sweep that falls due between two of them is evaluated between them here,
 * without waiting for the watermark, so a customer's result never depends on how fast other
 * customers' events move the watermark. Timers only evaluate customers that have no new input.
 *
 * <p>An event older than the customer's last evaluation (it came after the watermark let a later
 * sweep fire) is still applied, in order, by the engine's late-event handling, but at the time the
 * customer has reached ({@code lateEvents} counts them); see docs/scale-out.md.
 *
 * <p>The engine is built once per parallel instance (task slot) in {@link #open(OpenContext)}.
 *
 * <p>Not thread-safe (Flink runs one instance per subtask).
 */
public final class CustomerFunction extends KeyedProcessFunction<String, InputLine, Emitted> {
    private static final long serialVersionUID = 1L;

    /** Refused input lines and events, with line, customer id, event id, reason and the input itself. */
    public static final OutputTag<Emitted> REFUSED = new OutputTag<>("refused", Types.POJO(Emitted.class));

    /** The final state of each customer at the end of a bounded window (CONTRACT.md "Customer"). */
    public static final OutputTag<Emitted> STATES = new OutputTag<>("states", Types.POJO(Emitted.class));

    /** The accumulator (and, prefixed {@code siyu}, metric) of evaluations done. */
    public static final String EVALUATIONS = "evaluations";

    /** The accumulator of events applied later than the customer's clock. */
    public static final String LATE_EVENTS = "lateEvents";

    private static final long NONE = Long.MAX_VALUE;
    /** Positions in the clock state. */
    private static final int NEXT = 0;
    private static final int LAST = 1;
    private static final int SEQ = 2;
    private static final int FIRST_DAY = 3;

    private final EvaluationSettings settings;

    private transient SiyuEngine engine;
    private transient ValueState<byte[]> customerState;
    private transient ValueState<long[]> clockState;
    private transient Counter evaluations;
    private transient Counter lateEvents;
    private transient Counter refusals;
    private transient LongCounter evaluationCount;
    private transient LongCounter lateCount;
    private transient long windowStart;
    private transient long windowEnd;

    public CustomerFunction(EvaluationSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        SiyuEngine.Builder builder = SiyuEngine.builder().rules(RulePack.defaults()).retention(settings.retention());
        settings.rulesDir().ifPresent(dir -> builder.rules(RulePack.directory(Path.of(dir))));
        engine = builder.build();
        customerState = getRuntimeContext().getState(
                new ValueStateDescriptor<>("customer", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        clockState = getRuntimeContext().getState(
                new ValueStateDescriptor<>("clock", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        evaluations = getRuntimeContext().getMetricGroup().counter("siyuEvaluations");
        lateEvents = getRuntimeContext().getMetricGroup().counter("siyuLateEvents");
        refusals = getRuntimeContext().getMetricGroup().counter("siyuRefused");
        evaluationCount = new LongCounter();
        lateCount = new LongCounter();
        getRuntimeContext().addAccumulator(EVALUATIONS, evaluationCount);
        getRuntimeContext().addAccumulator(LATE_EVENTS, lateCount);
        ZoneId zone = settings.zone();
        windowStart = settings.firstDay().map(d -> d.atStartOfDay(zone).toInstant().toEpochMilli()).orElse(Long.MIN_VALUE);
        windowEnd = settings.lastDay().map(d -> d.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli() - 1)
                .orElse(NONE);
    }

    /** The customer of one key while it is being worked on. */
    private final class Work {
        final String customerId;
        Customer customer;
        final long[] clock;

        Work(String customerId, Customer customer, long[] clock) {
            this.customerId = customerId;
            this.customer = customer;
            this.clock = clock;
        }
    }

    @Override
    public void processElement(InputLine input, Context ctx, Collector<Emitted> out) throws IOException {
        Work work = load(input.customerId());
        EvaluationRequest request;
        try {
            request = SiyuJson.readRequest(input.json());
            if (!request.customer().id().equals(input.customerId())) {
                throw InputException.forCustomer(input.customerId(), "the line's customer id changed on its way");
            }
        } catch (SiyuException e) {
            refuse(ctx, work, input.line(), Optional.empty(), e, input.json());
            save(work);
            return;
        }
        long previousNext = work == null ? NONE : work.clock[NEXT];
        if (work == null) {
            work = start(request);
            if (windowEnd != NONE) {
                ctx.timerService().registerEventTimeTimer(windowEnd);
            }
        }
        List<Touchpoint> events = new ArrayList<>(request.events());
        events.sort(Comparator.comparing(Touchpoint::at, OffsetDateTime.timeLineOrder()).thenComparing(Touchpoint::id));
        for (Touchpoint event : events) {
            long at = event.at().toInstant().toEpochMilli();
            Optional<String> outside = outsideWindow(work, event, at);
            if (outside.isPresent()) {
                refuse(ctx, work, input.line(), Optional.of(event.id()), InputException.forEvent(work.customerId,
                        event.id(), outside.get()), SiyuJson.write(event));
                continue;
            }
            while (work.clock[NEXT] <= at) {
                evaluate(work, List.of(), work.clock[NEXT], null, out, ctx, input.line());
            }
            if (at < work.clock[LAST]) {
                lateEvents.inc();
                lateCount.add(1);
                evaluate(work, List.of(event), work.clock[LAST], null, out, ctx, input.line());
            } else {
                evaluate(work, List.of(event), at, event.at(), out, ctx, input.line());
            }
        }
        save(work);
        reschedule(ctx.timerService(), previousNext, work.clock[NEXT]);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Emitted> out) {
        Work work = load(ctx.getCurrentKey());
        if (work == null) {
            return;
        }
        long previousNext = work.clock[NEXT];
        if (timestamp == previousNext) {
            evaluate(work, List.of(), timestamp, null, out, ctx, 0);
            save(work);
            reschedule(ctx.timerService(), previousNext, work.clock[NEXT]);
        }
        if (timestamp == windowEnd) {
            ctx.output(STATES, new Emitted(work.customerId, 0, SiyuJson.write(work.customer)));
        }
    }

    /** A new customer: the line's customer is its first state; sweeps start on the day it was added. */
    private Work start(EvaluationRequest request) {
        ZoneId zone = settings.zone();
        Customer customer = request.customer();
        Optional<LocalDate> firstDay = customer.addedAt().map(t -> t.atZoneSameInstant(zone).toLocalDate())
                .or(() -> request.events().stream().map(Touchpoint::at).min(OffsetDateTime.timeLineOrder())
                        .map(t -> t.atZoneSameInstant(zone).toLocalDate()))
                .or(settings::firstDay);
        if (firstDay.isPresent() && settings.firstDay().isPresent() && firstDay.get().isBefore(settings.firstDay().get())) {
            firstDay = settings.firstDay();
        }
        long[] clock = {NONE, Long.MIN_VALUE, 0, firstDay.map(LocalDate::toEpochDay).orElse(Long.MIN_VALUE)};
        firstDay.ifPresent(day -> clock[NEXT] = limit(sweepOn(day)));
        return new Work(customer.id(), customer, clock);
    }

    /** Why the replay would not apply this event, if it would not. */
    private Optional<String> outsideWindow(Work work, Touchpoint event, long at) {
        if (at < windowStart) {
            return Optional.of("event at " + event.at() + " is before the run's first day " + settings.firstDay().orElseThrow()
                    + "; not applied");
        }
        if (at > windowEnd) {
            return Optional.of("event at " + event.at() + " is after the run's last day " + settings.lastDay().orElseThrow()
                    + "; not applied");
        }
        if (work.clock[FIRST_DAY] != Long.MIN_VALUE
                && event.at().atZoneSameInstant(settings.zone()).toLocalDate().toEpochDay() < work.clock[FIRST_DAY]) {
            return Optional.of("event at " + event.at() + " is before the day the customer was added, "
                    + LocalDate.ofEpochDay(work.clock[FIRST_DAY]) + "; not applied");
        }
        return Optional.empty();
    }

    /**
     * Evaluates at {@code at} (epoch millis; {@code time} is the event's own time when evaluating
     * at it, so that its offset is kept), emits the decision if it has actions, moves the clock.
     * A refusal leaves the customer as it was and goes to the side output.
     */
    private void evaluate(Work work, List<Touchpoint> events, long at, OffsetDateTime time, Collector<Emitted> out,
                          Context ctx, long line) {
        OffsetDateTime now = time != null ? time : Instant.ofEpochMilli(at).atZone(settings.zone()).toOffsetDateTime();
        long next = NONE;
        try {
            Decision decision = engine.evaluate(work.customer, events, now);
            evaluations.inc();
            evaluationCount.add(1);
            work.customer = decision.customer();
            if (!decision.actions().isEmpty()) {
                out.collect(new Emitted(work.customerId, work.clock[SEQ]++, SiyuJson.write(decision)));
            }
            if (settings.schedule() == Schedule.NEXT_EVALUATION) {
                next = decision.nextEvaluationAt().map(t -> t.toInstant().toEpochMilli()).orElse(NONE);
            }
        } catch (SiyuException e) {
            String input = events.isEmpty() ? "{\"sweep\":\"" + now + "\"}" : SiyuJson.write(events.get(0));
            refuse(ctx, work, line, events.isEmpty() ? Optional.empty() : Optional.of(events.get(0).id()), e, input);
            if (settings.schedule() == Schedule.NEXT_EVALUATION) {
                next = work.clock[NEXT] > at ? work.clock[NEXT] : nextSweepAfter(at);
            }
        }
        work.clock[LAST] = Math.max(work.clock[LAST], at);
        if (settings.schedule() == Schedule.DAILY_SWEEP) {
            next = nextSweepAfter(work.clock[LAST]);
        } else if (next <= work.clock[LAST]) {
            next = nextSweepAfter(work.clock[LAST]); // never back in time
        }
        work.clock[NEXT] = limit(next);
    }

    /** The first sweep strictly after {@code at}. */
    private long nextSweepAfter(long at) {
        ZonedDateTime local = Instant.ofEpochMilli(at).atZone(settings.zone());
        long today = sweepOn(local.toLocalDate());
        return today > at ? today : sweepOn(local.toLocalDate().plusDays(1));
    }

    private long sweepOn(LocalDate day) {
        return day.atTime(settings.sweepAt()).atZone(settings.zone()).toInstant().toEpochMilli();
    }

    /** No evaluation after the window's end. */
    private long limit(long next) {
        return next > windowEnd ? NONE : next;
    }

    private static void reschedule(TimerService timers, long previous, long next) {
        if (previous == next) {
            return;
        }
        if (previous != NONE) {
            timers.deleteEventTimeTimer(previous);
        }
        if (next != NONE) {
            timers.registerEventTimeTimer(next);
        }
    }

    private void refuse(Context ctx, Work work, long line, Optional<String> eventId, SiyuException e, String input) {
        refusals.inc();
        String reason = e instanceof InputException ie && line > 0 ? ie.onLine((int) line).getMessage()
                : (line > 0 ? "line " + line + ": " : "") + e.getMessage();
        long order = work == null ? 0 : work.clock[SEQ]++;
        ctx.output(REFUSED, Refusals.refused(line, Optional.ofNullable(work == null ? null : work.customerId)
                .or(() -> Optional.ofNullable(getKey(ctx))), eventId, reason, input, order));
    }

    private static String getKey(Context ctx) {
        return ctx.getCurrentKey();
    }

    private Work load(String customerId) {
        try {
            byte[] bytes = customerState.value();
            if (bytes == null) {
                return null;
            }
            return new Work(customerId, SiyuJson.readCustomer(new String(bytes, StandardCharsets.UTF_8)),
                    clockState.value().clone());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the state of customer " + customerId, e);
        }
    }

    private void save(Work work) {
        if (work == null) {
            return;
        }
        try {
            customerState.update(SiyuJson.write(work.customer).getBytes(StandardCharsets.UTF_8));
            clockState.update(work.clock);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the state of customer " + work.customerId, e);
        }
    }
}
