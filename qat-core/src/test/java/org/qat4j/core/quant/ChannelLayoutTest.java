package org.qat4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The [outer, channels, inner] view of a row-major array. */
class ChannelLayoutTest {

  @Test
  void viewsOfCommonLayouts() {
    // NCHW activations [2, 3, 4, 5], channels on axis 1.
    ChannelLayout nchw = ChannelLayout.of(new int[] {2, 3, 4, 5}, 1);
    assertEquals(new ChannelLayout(2, 3, 20), nchw);
    assertEquals(120, nchw.length());
    assertEquals(0, nchw.channelOf(19));
    assertEquals(1, nchw.channelOf(20));
    assertEquals(0, nchw.channelOf(60));
    assertEquals(2, nchw.channelOf(119));
    // DL4J conv weights [out, in, kh, kw], channels on axis 0.
    assertEquals(new ChannelLayout(1, 8, 27), ChannelLayout.of(new int[] {8, 3, 3, 3}, 0));
    // Channels last is inner == 1.
    ChannelLayout last = ChannelLayout.channelsLast(12, 4);
    assertEquals(new ChannelLayout(3, 4, 1), last);
    assertEquals(new ChannelLayout(3, 4, 1), ChannelLayout.of(new int[] {3, 4}, 1));
    for (int i = 0; i < 12; i++) {
      assertEquals(i % 4, last.channelOf(i));
    }
  }

  @Test
  void badShapesAreRejected() {
    IllegalArgumentException axis = assertThrows(IllegalArgumentException.class,
        () -> ChannelLayout.of(new int[] {2, 3}, 2));
    assertTrue(axis.getMessage().contains("axis 2") && axis.getMessage().contains("[2, 3]"),
        axis.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ChannelLayout.of(new int[] {2, 0}, 0));
    assertThrows(IllegalArgumentException.class, () -> ChannelLayout.of(new int[0], 0));
    IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
        () -> ChannelLayout.of(new int[] {65536, 65536, 65536, 2}, 3));
    assertTrue(huge.getMessage().contains("more than"), huge.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ChannelLayout.of(new int[] {2, 65536, 65536}, 0));
    assertThrows(IllegalArgumentException.class, () -> ChannelLayout.channelsLast(10, 4));
    assertThrows(IllegalArgumentException.class, () -> ChannelLayout.channelsLast(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new ChannelLayout(0, 1, 1));
  }
}
