package dev.siyu.internal;

import dev.siyu.pack.TaskKindCatalog;

import java.util.Objects;

/**
 * The catalogs of an engine's packs that evaluations consult, each read once per build.
 *
 * <p>Immutable and thread-safe.
 */
public record PackCatalogs(TaskKindCatalog taskKinds) {
    public PackCatalogs {
        Objects.requireNonNull(taskKinds, "taskKinds");
    }
}
