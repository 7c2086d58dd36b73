package dev.siyu.proposal;

import java.util.List;
import java.util.Objects;

/** Template values given as pairs ({@code "product", "日抛"}): checked and copied. */
final class Values {
    private Values() {
    }

    static List<String> pairs(String... values) {
        Objects.requireNonNull(values, "values");
        if (values.length % 2 != 0) {
            throw new IllegalArgumentException("template values come in pairs (name, value), got " + values.length + " strings");
        }
        for (String value : values) {
            Objects.requireNonNull(value, "template value");
        }
        return List.of(values);
    }
}
