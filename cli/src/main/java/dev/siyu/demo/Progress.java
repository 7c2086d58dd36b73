package dev.siyu.demo;

import java.io.PrintStream;

/**
 * A progress bar on a terminal; silent when the output is not a terminal (CI, pipes, files).
 *
 * <p>Not thread-safe: call from one thread.
 */
public final class Progress {
    private final PrintStream out;
    private final String label;
    private final int total;
    private final String unit;
    private int lastWidth = -1;

    private Progress(PrintStream out, String label, int total, String unit) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.unit = unit;
    }

    /** A bar on standard error when the program runs on a terminal, else a silent one. */
    public static Progress onTerminal(String label, int total) {
        return onTerminal(label, total, "");
    }

    /** A bar counting in {@code unit} (e.g. {@code KiB}), on standard error when on a terminal. */
    public static Progress onTerminal(String label, int total, String unit) {
        return new Progress(System.console() != null ? System.err : null, label, total, unit.isEmpty() ? "" : " " + unit);
    }

    /** A bar that never prints. */
    public static Progress silent() {
        return new Progress(null, "", 1, "");
    }

    public void update(int done) {
        if (out == null) {
            return;
        }
        int width = 30 * Math.min(done, total) / Math.max(total, 1);
        if (width == lastWidth && done < total) {
            return;
        }
        lastWidth = width;
        out.print("\r" + label + " [" + "#".repeat(width) + ".".repeat(30 - width) + "] " + done + "/" + total + unit);
        if (done >= total) {
            out.println();
        }
        out.flush();
    }
}
