/**
 * The {@code qat4j} command line: picocli subcommands over the qat4j library.
 *
 * <p>Key types: {@link org.qat4j.examples.cli.Qat4jCommand} (the entry point, {@code run} for
 * tests), one class per subcommand ({@code demo}, {@code train}, {@code ptq}, {@code qat}, {@code
 * export}, {@code eval}, {@code inspect}, {@code study}), option groups shared as mixins ({@code
 * DataArgs}, {@code TrainArgs}, {@code QuantArgs}) and {@code ErrorHandlers}.
 *
 * <p>Conventions: results go to standard output, progress bars and errors to standard error.
 * Every failure is one line naming the value and the fix, exit status 2 for bad arguments and 1
 * when the work fails; stack traces only with {@code -Dqat4j.stacktrace=true}. Model files: DL4J
 * {@code ModelSerializer} zips ({@code .zip}) for float and QAT networks, {@code .qat4j} for int8
 * models.
 */
package org.qat4j.examples.cli;
