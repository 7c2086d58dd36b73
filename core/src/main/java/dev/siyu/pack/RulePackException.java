package dev.siyu.pack;

import dev.siyu.error.SiyuException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule pack could not be compiled or loaded. Lists every problem as {@code file:line:column: message};
 * no engine was built.
 *
 * <p>Immutable and thread-safe.
 */
public class RulePackException extends SiyuException {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;

    public RulePackException(String packs, List<Diagnostic> diagnostics) {
        super(message(packs, diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    private static String message(String packs, List<Diagnostic> diagnostics) {
        int n = diagnostics.size();
        return n + (n == 1 ? " error" : " errors") + " in rule pack " + packs + ":\n"
                + diagnostics.stream().sorted().map(d -> "  " + d).collect(Collectors.joining("\n"));
    }

    /** Every problem found, sorted by file, line and column. */
    public List<Diagnostic> diagnostics() {
        return diagnostics.stream().sorted().toList();
    }
}
