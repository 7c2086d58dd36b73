package dev.siyu.flink;

import dev.siyu.SiyuEngine;

import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link CustomerFunction} evaluates: the integrator's rule directory (a path readable on every
 * task manager; the bundled playbook always comes first), the zone and local time of the morning
 * sweep, the schedule, and the optional window of days of a bounded run (events outside it are
 * refused; sweeps stop after its last day, when the final customer states are emitted).
 *
 * <p>Immutable and thread-safe.
 */
public final class EvaluationSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The sweep time of the in-process replay. */
    public static final LocalTime DEFAULT_SWEEP = LocalTime.of(8, 30);

    /** The zone of the in-process replay. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    private final String rulesDir;
    private final ZoneId zone;
    private final LocalTime sweepAt;
    private final Schedule schedule;
    private final LocalDate firstDay;
    private final LocalDate lastDay;
    private final Duration retention;

    private EvaluationSettings(String rulesDir, ZoneId zone, LocalTime sweepAt, Schedule schedule, LocalDate firstDay,
                               LocalDate lastDay, Duration retention) {
        this.rulesDir = rulesDir;
        this.zone = Objects.requireNonNull(zone, "zone");
        this.sweepAt = Objects.requireNonNull(sweepAt, "sweepAt");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        if (firstDay != null && lastDay != null && lastDay.isBefore(firstDay)) {
            throw new IllegalArgumentException("last day " + lastDay + " is before first day " + firstDay);
        }
        this.firstDay = firstDay;
        this.lastDay = lastDay;
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, got " + retention);
        }
        this.retention = retention;
    }

    /** The defaults: the bundled playbook, daily sweeps at 08:30 Asia/Shanghai, no window (an unbounded stream). */
    public static EvaluationSettings defaults() {
        return new EvaluationSettings(null, DEFAULT_ZONE, DEFAULT_SWEEP, Schedule.DAILY_SWEEP, null, null,
                SiyuEngine.DEFAULT_RETENTION);
    }

    /** A rule directory layered over the bundled playbook. */
    public EvaluationSettings withRulesDir(String dir) {
        return new EvaluationSettings(Objects.requireNonNull(dir, "dir"), zone, sweepAt, schedule, firstDay, lastDay, retention);
    }

    public EvaluationSettings withSchedule(Schedule value) {
        return new EvaluationSettings(rulesDir, zone, sweepAt, value, firstDay, lastDay, retention);
    }

    /** The zone of days and of the sweep time. */
    public EvaluationSettings withZone(ZoneId value) {
        return new EvaluationSettings(rulesDir, value, sweepAt, schedule, firstDay, lastDay, retention);
    }

    public EvaluationSettings withSweepAt(LocalTime value) {
        return new EvaluationSettings(rulesDir, zone, value, schedule, firstDay, lastDay, retention);
    }

    /** A bounded run over the days {@code first} to {@code last}, inclusive. */
    public EvaluationSettings withWindow(LocalDate first, LocalDate last) {
        return new EvaluationSettings(rulesDir, zone, sweepAt, schedule, Objects.requireNonNull(first, "first"),
                Objects.requireNonNull(last, "last"), retention);
    }

    /**
     * How long the engine keeps processed event ids, marks, the order ledger and sent tasks
     * ({@link SiyuEngine.Builder#retention}; default 400 days). It sets most of the state's size.
     */
    public EvaluationSettings withRetention(Duration value) {
        return new EvaluationSettings(rulesDir, zone, sweepAt, schedule, firstDay, lastDay, value);
    }

    public Duration retention() {
        return retention;
    }

    public Optional<String> rulesDir() {
        return Optional.ofNullable(rulesDir);
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalTime sweepAt() {
        return sweepAt;
    }

    public Schedule schedule() {
        return schedule;
    }

    public Optional<LocalDate> firstDay() {
        return Optional.ofNullable(firstDay);
    }

    public Optional<LocalDate> lastDay() {
        return Optional.ofNullable(lastDay);
    }
}
