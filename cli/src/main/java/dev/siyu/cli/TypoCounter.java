package dev.siyu.cli;

import dev.siyu.EvaluationRequest;
import dev.siyu.model.Touchpoint;
import dev.siyu.pack.Typos;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the event types and sources of {@code siyu evaluate}'s input that are likely typos of known
 * ones, and reports each once with its count: a warning, not a failure (custom types are allowed).
 *
 * <p>Not thread-safe.
 */
final class TypoCounter {
    private final Typos typos;
    private final Map<String, long[]> counts = new TreeMap<>();
    private final Map<String, String> meant = new TreeMap<>();

    TypoCounter(Typos typos) {
        this.typos = typos;
    }

    void count(EvaluationRequest request) {
        request.customer().source().ifPresent(source -> typos.source(source)
                .ifPresent(known -> add("source '" + source + "'", known)));
        for (Touchpoint event : request.events()) {
            typos.eventType(event.type()).ifPresent(known -> add("event type '" + event.type() + "'", known));
        }
    }

    private void add(String what, String known) {
        counts.computeIfAbsent(what, w -> new long[1])[0]++;
        meant.put(what, known);
    }

    /** Adds the counts of {@code other} (e.g. of one chunk of input read by another thread). */
    void add(TypoCounter other) {
        other.counts.forEach((what, n) -> counts.computeIfAbsent(what, w -> new long[1])[0] += n[0]);
        meant.putAll(other.meant);
    }

    long total() {
        return counts.values().stream().mapToLong(c -> c[0]).sum();
    }

    void report(PrintWriter err) {
        counts.forEach((what, n) -> err.println("warning: " + what + " in " + n[0] + (n[0] == 1 ? " place" : " places")
                + " is not a known one; did you mean '" + meant.get(what) + "'?"));
    }
}
