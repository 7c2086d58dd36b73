package dev.siyu.flink;

import java.util.Objects;

/**
 * One output record of the job: a line of JSON (a decision, a refused input, a final customer
 * state) with the key and order it is sorted by when a local run writes one file: by {@code key},
 * then {@code order}. A customer's records keep their order ({@code order} counts per customer).
 *
 * <p>Immutable and thread-safe.
 *
 * @param key   what the output is sorted by first (the customer id; a refusal's zero-padded line number)
 * @param order the position among the records of the same key
 * @param json  the record, one line of JSON
 */
public record Emitted(String key, long order, String json) {
    public Emitted {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(json, "json");
    }
}
