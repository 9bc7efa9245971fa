package org.qat4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class Qat4jCommandTest {

  @Test
  void infoSucceeds() {
    assertEquals(0, Qat4jCommand.run("info"));
  }

  @Test
  void unknownSubcommandFailsWithUsageStatus() {
    assertNotEquals(0, Qat4jCommand.run("no-such-command"));
  }
}
