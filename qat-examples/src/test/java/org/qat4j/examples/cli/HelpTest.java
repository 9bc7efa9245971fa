package org.qat4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every subcommand answers {@code --help} with its usage and exit status 0. */
class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"demo", "train", "ptq", "qat", "export", "eval", "inspect", "study", "info"})
    void subcommandHelpPrintsUsage(String command) {
        Run run = Run.of(command, "--help");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("Usage: qat4j " + command), run.out());
        assertTrue(run.out().contains("-h, --help"), run.out());
        assertEquals("", run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "help"})
    void topLevelHelpListsEverySubcommand(String arg) {
        Run run = Run.of(arg);
        assertEquals(0, run.status());
        for (String c : new String[] {"demo", "train", "ptq", "qat", "export", "eval", "inspect", "study"}) {
            assertTrue(run.out().contains("\n  " + c + " "), c + " missing from:\n" + run.out());
        }
    }
}
