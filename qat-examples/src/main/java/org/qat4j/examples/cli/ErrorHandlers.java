package org.qat4j.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * How the command fails: one line naming the problem on standard error and a non-zero exit
 * status, never a stack trace (unless {@code -Dqat4j.stacktrace=true}).
 *
 * <p>Exit statuses: {@value #USAGE} for bad arguments (unknown option, value out of range,
 * unknown data set), {@value #FAILURE} when the work fails (missing or corrupt file, missing data).
 */
final class ErrorHandlers {

    /** Bad arguments: picocli's usage status. */
    static final int USAGE = 2;
    /** The work failed. */
    static final int FAILURE = 1;
    /** The system property that turns stack traces on, for debugging. */
    static final String STACKTRACE_PROPERTY = "qat4j.stacktrace";

    private ErrorHandlers() {
    }

    /** Installs both handlers on a command line. */
    static CommandLine install(CommandLine cl) {
        return cl.setParameterExceptionHandler(ErrorHandlers::badArguments)
                .setExecutionExceptionHandler(ErrorHandlers::failed);
    }

    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(prefix(cl) + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return USAGE;
    }

    private static int failed(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof CommandLine.ParameterException p) {
            return badArguments(p, new String[0]);
        }
        err.println(prefix(cl) + message(e));
        if (Boolean.getBoolean(STACKTRACE_PROPERTY)) {
            e.printStackTrace(err);
        }
        err.flush();
        return FAILURE;
    }

    private static String prefix(CommandLine cl) {
        return cl.getCommandSpec().qualifiedName() + ": error: ";
    }

    /**
     * One line: the exception's message, or its type when it has none, with line breaks folded;
     * a wrapping exception without its own message shows its cause's.
     */
    static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString()))) {
            t = t.getCause();
        }
        String m = t.getMessage();
        boolean expected = t instanceof IllegalArgumentException || t instanceof IllegalStateException
                || t instanceof java.io.IOException;
        String text = m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
        if (!expected && m != null) {
            text = t.getClass().getSimpleName() + ": " + m;
        }
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
