package dev.siyu.internal;

import dev.siyu.fact.Tiers;
import dev.siyu.pack.EventTypeCatalog;
import dev.siyu.pack.RulePackException;
import dev.siyu.pack.TaskKindCatalog;
import dev.siyu.schedule.DeletedFriendPolicy;
import dev.siyu.schedule.Holidays;

import java.util.Objects;

/**
 * The catalogs of an engine's packs that evaluations consult, each read once per build.
 *
 * <p>Immutable and thread-safe.
 */
public record PackCatalogs(TaskKindCatalog taskKinds, Tiers tiers, EventTypeCatalog eventTypes,
                           DeletedFriendPolicy deletedFriend, Holidays holidays) {
    /** The name of the global through which tier tables and rule files see {@link #tiers()}. */
    public static final String TIERS_GLOBAL = "tiers";

    public PackCatalogs {
        Objects.requireNonNull(taskKinds, "taskKinds");
        Objects.requireNonNull(tiers, "tiers");
        Objects.requireNonNull(eventTypes, "eventTypes");
        Objects.requireNonNull(deletedFriend, "deletedFriend");
        Objects.requireNonNull(holidays, "holidays");
    }

    /**
     * The catalogs of {@code packs}, each file read once.
     *
     * @throws RulePackException listing the problems of every catalog file at once
     */
    public static PackCatalogs of(java.util.List<dev.siyu.pack.RulePack> packs) {
        java.util.List<dev.siyu.pack.Diagnostic> problems = new java.util.ArrayList<>();
        TaskKindCatalog kinds = read(() -> TaskKindCatalog.of(packs), problems);
        Tiers tiers = read(() -> dev.siyu.pack.TierCatalog.of(packs), problems);
        EventTypeCatalog types = read(() -> EventTypeCatalog.of(packs), problems);
        DeletedFriendPolicy deleted = read(() -> dev.siyu.pack.DeletedFriendPolicyFile.of(packs), problems);
        Holidays holidays = read(() -> dev.siyu.pack.HolidaysFile.of(packs), problems);
        if (!problems.isEmpty()) {
            throw new RulePackException("catalogs", problems);
        }
        return new PackCatalogs(kinds, tiers, types, deleted, holidays);
    }

    private static <T> T read(java.util.function.Supplier<T> catalog, java.util.List<dev.siyu.pack.Diagnostic> problems) {
        try {
            return catalog.get();
        } catch (RulePackException e) {
            problems.addAll(e.diagnostics());
            return null;
        }
    }
}
