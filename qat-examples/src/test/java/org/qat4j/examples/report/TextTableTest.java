package org.qat4j.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void alignsTextAndWritesMarkdown() {
        TextTable t = new TextTable("model", "accuracy").row("float", "97.50 %").row("QAT int8", "9.00 %");
        assertEquals("model     accuracy\n------------------\nfloat      97.50 %\nQAT int8    9.00 %\n", t.toText());
        assertEquals("| model | accuracy |\n|---|---:|\n| float | 97.50 % |\n| QAT int8 | 9.00 % |\n", t.toMarkdown());
    }

    @Test
    void rejectsRowsOfTheWrongWidth() {
        TextTable t = new TextTable("a", "b");
        assertThrows(IllegalArgumentException.class, () -> t.row("only one"));
    }
}
