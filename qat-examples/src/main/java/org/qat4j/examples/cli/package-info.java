/** The {@code qat4j} command line: picocli subcommands over the qat4j library. */
package org.qat4j.examples.cli;
