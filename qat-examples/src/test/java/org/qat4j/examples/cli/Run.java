package org.qat4j.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of the command in the test JVM, with its exit status and what it printed.
 *
 * @param status the exit status
 * @param out standard output
 * @param err standard error
 */
record Run(int status, String out, String err) {

    /** Runs {@code qat4j args...} with output captured. */
    static Run of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Qat4jCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    /** @return the lines of standard error that are not progress bars */
    String[] errorLines() {
        return err.lines().filter(l -> !l.isBlank()).toArray(String[]::new);
    }
}
