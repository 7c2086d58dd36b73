package dev.siyu.schedule;

import dev.siyu.model.TaskKind;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * When a task may reach a customer (不打扰, PLAYBOOK §9). Rules decide what to send and nominally
 * when; this policy then places each task:
 *
 * <ul>
 *   <li>history does not message customers: a task whose nominal due time is more than
 *       {@link #historyLimit()} before the evaluation time is dropped and takes no place;</li>
 *   <li>reactive kinds (greeting, order notices) keep their nominal time;</li>
 *   <li>proactive kinds go to a customer with {@code doNotDisturb} never, and otherwise are due only
 *       from {@link #contactStart()} (inclusive) to {@link #contactEnd()} (exclusive) local time; a
 *       time outside moves to the next contact start;</li>
 *   <li>at most {@link #maxPerDay()} proactive task per local day and {@link #maxPerWindow()} in any
 *       {@link #windowDays()} consecutive local days; a task that does not fit moves to the contact
 *       start of the first later day where it fits, except the {@link #dropWhenFull()} kinds
 *       (holiday, solar term), which are dropped.</li>
 * </ul>
 * Tasks are placed in nominal due-time order, equal times by {@link #kindOrder()} then by key
 * ({@link #placementOrder()}). Every number is configurable; the defaults are the playbook's. Which
 * kinds are reactive, their order and which are dropped come from the packs' task-kind catalogs
 * ({@code dev.siyu.pack.TaskKindCatalog}); a kind none declares is proactive, moved when its day is
 * full, and placed after every declared kind.
 *
 * <p>Immutable and thread-safe.
 */
public record ContactPolicy(
        LocalTime contactStart,
        LocalTime contactEnd,
        int maxPerDay,
        int maxPerWindow,
        int windowDays,
        Duration historyLimit,
        Set<TaskKind> dropWhenFull,
        List<TaskKind> kindOrder,
        Set<TaskKind> reactive) {

    /** The reactive kinds of the default playbook: greetings and order notices. */
    public static final Set<TaskKind> DEFAULT_REACTIVE = Set.of(TaskKind.GREETING, TaskKind.ORDER_NOTICE);

    /**
     * The playbook's policy: 09:00–21:00, 1 a day, 3 in 7 days, 24 hours of history, and the kinds
     * of {@code default.task-kinds.csv} (the pack files are the source; this mirrors them for hosts
     * that build a policy in Java).
     */
    public static final ContactPolicy DEFAULT = new ContactPolicy(LocalTime.of(9, 0), LocalTime.of(21, 0), 1, 3, 7,
            Duration.ofHours(24), Set.of(TaskKind.HOLIDAY, TaskKind.SOLAR_TERM),
            List.of(TaskKind.FOLLOW_UP, TaskKind.VIP, TaskKind.CARE, TaskKind.REFERRAL, TaskKind.REPURCHASE,
                    TaskKind.ACTIVATION, TaskKind.HOLIDAY, TaskKind.SOLAR_TERM, TaskKind.GREETING, TaskKind.ORDER_NOTICE),
            DEFAULT_REACTIVE);

    /** How far placement looks ahead for a free day before giving up on a task. */
    private static final int MAX_DAYS_AHEAD = 366;

    public ContactPolicy {
        Objects.requireNonNull(contactStart, "contactStart");
        Objects.requireNonNull(contactEnd, "contactEnd");
        if (!contactStart.isBefore(contactEnd)) {
            throw new IllegalArgumentException("contact hours must start before they end, got "
                    + contactStart + "–" + contactEnd);
        }
        if (maxPerDay < 1 || maxPerWindow < maxPerDay || windowDays < 1) {
            throw new IllegalArgumentException("caps must be at least 1 a day and the window cap at least the day cap, got "
                    + maxPerDay + " a day, " + maxPerWindow + " in " + windowDays + " days");
        }
        Objects.requireNonNull(historyLimit, "historyLimit");
        dropWhenFull = Set.copyOf(dropWhenFull);
        kindOrder = List.copyOf(kindOrder);
        reactive = Set.copyOf(reactive);
        if (!kindOrder.containsAll(List.of(TaskKind.values()))) {
            throw new IllegalArgumentException("kindOrder must name every task kind, got " + kindOrder);
        }
        if (kindOrder.stream().distinct().count() != kindOrder.size()) {
            throw new IllegalArgumentException("kindOrder must name each task kind once, got " + kindOrder);
        }
    }

    /** A policy whose reactive kinds are the default playbook's (greetings, order notices). */
    public ContactPolicy(LocalTime contactStart, LocalTime contactEnd, int maxPerDay, int maxPerWindow, int windowDays,
                         Duration historyLimit, Set<TaskKind> dropWhenFull, List<TaskKind> kindOrder) {
        this(contactStart, contactEnd, maxPerDay, maxPerWindow, windowDays, historyLimit, dropWhenFull, kindOrder,
                DEFAULT_REACTIVE);
    }

    /** This policy with the kinds' order, reactivity and drop-or-move of a task-kind catalog. */
    public ContactPolicy withKinds(List<TaskKind> order, Set<TaskKind> reactiveKinds, Set<TaskKind> dropped) {
        return new ContactPolicy(contactStart, contactEnd, maxPerDay, maxPerWindow, windowDays, historyLimit, dropped,
                order, reactiveKinds);
    }

    public ContactPolicy withContactHours(LocalTime start, LocalTime end) {
        return new ContactPolicy(start, end, maxPerDay, maxPerWindow, windowDays, historyLimit, dropWhenFull, kindOrder, reactive);
    }

    public ContactPolicy withCaps(int perDay, int perWindow, int days) {
        return new ContactPolicy(contactStart, contactEnd, perDay, perWindow, days, historyLimit, dropWhenFull, kindOrder,
                reactive);
    }

    public ContactPolicy withHistoryLimit(Duration limit) {
        return new ContactPolicy(contactStart, contactEnd, maxPerDay, maxPerWindow, windowDays, limit, dropWhenFull, kindOrder,
                reactive);
    }

    /** A task to place: its key, kind and nominal due time (as the rule gives it). */
    public record Request(String key, TaskKind kind, OffsetDateTime nominalDue) {
        public Request {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(nominalDue, "nominalDue");
        }
    }

    /** Nominal due time, then {@link #kindOrder()} (kinds it does not name last), then key. */
    public Comparator<Request> placementOrder() {
        return Comparator.comparing(Request::nominalDue, OffsetDateTime.timeLineOrder())
                .thenComparingInt(r -> rank(r.kind()))
                .thenComparing(Request::key);
    }

    private int rank(TaskKind kind) {
        int index = kindOrder.indexOf(kind);
        return index < 0 ? kindOrder.size() : index;
    }

    /** {@code true} for tasks that are subject to contact hours and caps: every kind but the reactive ones. */
    public boolean isProactive(TaskKind kind) {
        return !reactive.contains(kind);
    }

    /** {@code true} when a task nominally due at {@code nominalDue} is history at {@code now}. */
    public boolean isHistory(OffsetDateTime nominalDue, OffsetDateTime now) {
        return nominalDue.isBefore(now.minus(historyLimit));
    }

    /** {@code time} moved into contact hours in {@code zone}: unchanged inside, else the next contact start. */
    public OffsetDateTime intoContactHours(OffsetDateTime time, ZoneId zone) {
        ZonedDateTime local = time.atZoneSameInstant(zone);
        LocalTime clock = local.toLocalTime();
        if (!clock.isBefore(contactStart) && clock.isBefore(contactEnd)) {
            return local.toOffsetDateTime();
        }
        LocalDate day = clock.isBefore(contactStart) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        return contactStartOn(day, zone);
    }

    private OffsetDateTime contactStartOn(LocalDate day, ZoneId zone) {
        return day.atTime(contactStart).atZone(zone).toOffsetDateTime();
    }

    /**
     * Places one task among the proactive tasks already placed ({@code placed}: their due times,
     * which keep their place and count against the caps).
     *
     * @return the due time, or empty when the task is dropped (history, do-not-disturb, or a
     *         holiday/solar-term task that does not fit on its day)
     */
    public Optional<OffsetDateTime> place(Request request, ZoneId zone, OffsetDateTime now,
                                          Collection<OffsetDateTime> placed, boolean doNotDisturb) {
        if (isHistory(request.nominalDue(), now)) {
            return Optional.empty();
        }
        if (!isProactive(request.kind())) {
            return Optional.of(request.nominalDue().atZoneSameInstant(zone).toOffsetDateTime());
        }
        if (doNotDisturb) {
            return Optional.empty();
        }
        List<LocalDate> days = placed.stream().map(t -> t.atZoneSameInstant(zone).toLocalDate()).toList();
        OffsetDateTime candidate = intoContactHours(request.nominalDue(), zone);
        for (int i = 0; i <= MAX_DAYS_AHEAD; i++) {
            LocalDate day = candidate.atZoneSameInstant(zone).toLocalDate();
            if (fits(day, days)) {
                return Optional.of(candidate);
            }
            if (dropWhenFull.contains(request.kind())) {
                return Optional.empty();
            }
            candidate = contactStartOn(day.plusDays(1), zone);
        }
        return Optional.empty();
    }

    /** {@code true} when one more proactive task on {@code day} keeps both caps. */
    boolean fits(LocalDate day, List<LocalDate> placedDays) {
        long sameDay = placedDays.stream().filter(day::equals).count();
        if (sameDay + 1 > maxPerDay) {
            return false;
        }
        for (int start = -(windowDays - 1); start <= 0; start++) {
            LocalDate from = day.plusDays(start);
            LocalDate to = from.plusDays(windowDays - 1);
            long inWindow = placedDays.stream().filter(d -> !d.isBefore(from) && !d.isAfter(to)).count();
            if (inWindow + 1 > maxPerWindow) {
                return false;
            }
        }
        return true;
    }
}
