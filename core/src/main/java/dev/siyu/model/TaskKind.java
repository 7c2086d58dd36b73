package dev.siyu.model;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a task is for. An open vocabulary: the kinds below are those of the default playbook's
 * task-kind catalog ({@code default.task-kinds.csv}); a pack declares more in a
 * {@code *.task-kinds.csv} of its own ({@code CALL}, {@code INVITE_TO_GROUP}) and its rules use
 * them as {@code TaskKind.valueOf("CALL")}. Whether a kind is reactive or proactive, its rank when
 * due times are equal and whether it is dropped or moved when its day is full are the catalog's
 * (see {@code dev.siyu.pack.TaskKindCatalog}), not this class's.
 *
 * <p>Behaves like the enum it replaces: the constants are the only instances of their names
 * ({@code ==} works for them), {@link #name()}, {@link #valueOf(String)} and {@link #values()}.
 * Two kinds are equal when their names are.
 *
 * <p>Immutable and thread-safe.
 */
public final class TaskKind implements Comparable<TaskKind> {
    /** A kind's name: upper-case letters, digits and {@code _}, starting with a letter; at most 64. */
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    public static final TaskKind GREETING = new TaskKind("GREETING");
    public static final TaskKind FOLLOW_UP = new TaskKind("FOLLOW_UP");
    public static final TaskKind ORDER_NOTICE = new TaskKind("ORDER_NOTICE");
    public static final TaskKind CARE = new TaskKind("CARE");
    public static final TaskKind REFERRAL = new TaskKind("REFERRAL");
    public static final TaskKind REPURCHASE = new TaskKind("REPURCHASE");
    public static final TaskKind ACTIVATION = new TaskKind("ACTIVATION");
    public static final TaskKind HOLIDAY = new TaskKind("HOLIDAY");
    public static final TaskKind SOLAR_TERM = new TaskKind("SOLAR_TERM");
    public static final TaskKind VIP = new TaskKind("VIP");

    private static final List<TaskKind> DEFAULTS = List.of(GREETING, FOLLOW_UP, ORDER_NOTICE, CARE, REFERRAL, REPURCHASE,
            ACTIVATION, HOLIDAY, SOLAR_TERM, VIP);

    private final String name;

    private TaskKind(String name) {
        this.name = name;
    }

    /**
     * The kind named {@code name}: the constant for the default playbook's kinds, otherwise a kind a
     * pack may declare. Whether a catalog declares it is checked where it is used (build, input).
     *
     * @throws IllegalArgumentException when {@code name} is not upper-case letters, digits and {@code _}
     */
    public static TaskKind valueOf(String name) {
        Objects.requireNonNull(name, "name");
        for (TaskKind kind : DEFAULTS) {
            if (kind.name.equals(name)) {
                return kind;
            }
        }
        if (!isValidName(name)) {
            throw new IllegalArgumentException("not a task kind name (upper-case letters, digits and _, starting with a "
                    + "letter, at most 64): a text of " + name.length() + " characters");
        }
        return new TaskKind(name);
    }

    /** {@code true} when {@code name} is a well-formed kind name. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The default playbook's kinds, in the order of its catalog. */
    public static TaskKind[] values() {
        return DEFAULTS.toArray(new TaskKind[0]);
    }

    /** {@code true} for the kinds of the default playbook's catalog (the constants of this class). */
    public boolean isDefault() {
        return DEFAULTS.contains(this);
    }

    public String name() {
        return name;
    }

    /**
     * {@code true} for the kinds the default playbook treats as proactive (subject to contact hours
     * and caps): every kind but GREETING and ORDER_NOTICE. The engine places tasks by the packs'
     * catalog, where a pack may declare its own kinds reactive; this is the default catalog's answer.
     */
    public boolean isProactive() {
        return this != GREETING && this != ORDER_NOTICE;
    }

    /** The default playbook's kinds first, in {@link #values()} order (as the enum was), then the others by name. */
    @Override
    public int compareTo(TaskKind other) {
        int mine = DEFAULTS.indexOf(this);
        int theirs = DEFAULTS.indexOf(other);
        if (mine >= 0 || theirs >= 0) {
            return Integer.compare(mine < 0 ? Integer.MAX_VALUE : mine, theirs < 0 ? Integer.MAX_VALUE : theirs);
        }
        return name.compareTo(other.name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskKind other && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
