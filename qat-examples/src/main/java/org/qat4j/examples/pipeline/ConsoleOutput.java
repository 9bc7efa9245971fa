package org.qat4j.examples.pipeline;

import java.io.PrintWriter;
import java.util.Objects;

/**
 * Where a run prints: results to {@code out}, progress and messages to {@code err}.
 *
 * @param out results (tables, summaries)
 * @param err progress bars and notes
 * @param interactive whether {@code err} is a terminal (progress bars redraw in place) or a log
 *     (progress is printed as a line every few seconds)
 */
public record ConsoleOutput(PrintWriter out, PrintWriter err, boolean interactive) {

    /** Checks that both writers are given. */
    public ConsoleOutput {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    /** @return the JVM's standard streams; interactive if a console is attached */
    public static ConsoleOutput system() {
        return new ConsoleOutput(new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                System.console() != null);
    }
}
