package org.qat4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Storage ranges, presets, validation of schemes and parameters. */
class QuantSchemeTest {

  @Test
  void presetsHaveTheTfliteRanges() {
    QuantScheme activations = QuantScheme.int8ActivationsAsymmetric();
    assertEquals(-128, activations.quantMin());
    assertEquals(127, activations.quantMax());
    assertFalse(activations.symmetric());
    assertFalse(activations.perChannel());

    QuantScheme weights = QuantScheme.int8WeightsSymmetricNarrowPerChannel(0);
    assertEquals(-127, weights.quantMin());
    assertEquals(127, weights.quantMax());
    assertEquals(0, weights.symmetricZeroPoint());
    assertTrue(weights.perChannel());
    assertEquals(0, weights.channelAxis());

    QuantScheme perTensorWeights = QuantScheme.int8WeightsSymmetricNarrowPerTensor();
    assertEquals(-127, perTensorWeights.quantMin());
    assertFalse(perTensorWeights.perChannel());

    QuantScheme uint8 = QuantScheme.uint8ActivationsAsymmetric();
    assertEquals(0, uint8.quantMin());
    assertEquals(255, uint8.quantMax());
    assertEquals(128, uint8.symmetricZeroPoint());
  }

  @Test
  void rangesAtEveryBitWidth() {
    for (int bits = 2; bits <= 16; bits++) {
      int half = 1 << (bits - 1);
      QuantScheme signed = new QuantScheme(bits, true, false, false, QuantScheme.PER_TENSOR);
      QuantScheme signedNarrow = new QuantScheme(bits, true, true, true, QuantScheme.PER_TENSOR);
      QuantScheme unsigned = new QuantScheme(bits, false, false, false, QuantScheme.PER_TENSOR);
      QuantScheme unsignedNarrow = QuantScheme.tensorFlowFakeQuantGrid(bits, true);
      assertEquals(-half, signed.quantMin());
      assertEquals(half - 1, signed.quantMax());
      assertEquals(-half + 1, signedNarrow.quantMin());
      assertEquals(0, unsigned.quantMin());
      assertEquals(2 * half - 1, unsigned.quantMax());
      assertEquals(1, unsignedNarrow.quantMin());
      // Signed storage is the unsigned grid moved down by 2^(bits-1) (eq. 8).
      assertEquals(-half, signed.storageOffset());
      assertEquals(0, signed.unsignedQuantMin());
      assertEquals(2 * half - 1, signed.unsignedQuantMax());
      assertEquals(1, signedNarrow.unsignedQuantMin());
      assertEquals(Nudge.quantMax(bits), unsigned.unsignedQuantMax());
    }
    QuantScheme two = new QuantScheme(2, true, true, true, QuantScheme.PER_TENSOR);
    assertArrayEquals(new int[] {-1, 1}, new int[] {two.quantMin(), two.quantMax()});
    QuantScheme sixteen = new QuantScheme(16, false, false, false, QuantScheme.PER_TENSOR);
    assertArrayEquals(new int[] {0, 65535}, new int[] {sixteen.quantMin(), sixteen.quantMax()});
  }

  @Test
  void badSchemesAreRejectedWithTheValueAndTheFix() {
    IllegalArgumentException bits = assertThrows(IllegalArgumentException.class,
        () -> new QuantScheme(17, true, false, false, QuantScheme.PER_TENSOR));
    assertTrue(bits.getMessage().contains("17") && bits.getMessage().contains("2..16"),
        bits.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new QuantScheme(1, true, false, false, QuantScheme.PER_TENSOR));
    IllegalArgumentException axis = assertThrows(IllegalArgumentException.class,
        () -> new QuantScheme(8, true, true, true, -2));
    assertTrue(axis.getMessage().contains("-2") && axis.getMessage().contains("PER_TENSOR"),
        axis.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> QuantScheme.int8WeightsSymmetricNarrowPerChannel(-1));
  }

  @Test
  void zeroPointsAreCheckedAgainstTheScheme() {
    QuantScheme activations = QuantScheme.int8ActivationsAsymmetric();
    assertEquals(new QuantParams(0.5f, -128), QuantParams.of(0.5f, -128, activations));
    IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
        () -> QuantParams.of(0.5f, 128, activations));
    assertTrue(outside.getMessage().contains("128") && outside.getMessage().contains("[-128, 127]"),
        outside.getMessage());
    IllegalArgumentException symmetric = assertThrows(IllegalArgumentException.class,
        () -> QuantParams.of(0.5f, 3, QuantScheme.int8WeightsSymmetricNarrowPerTensor()));
    assertTrue(symmetric.getMessage().contains("symmetric"), symmetric.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> QuantParams.of(0.5f, 0, QuantScheme.int8WeightsSymmetricNarrowPerChannel(0)));
    QuantParams.of(0.5f, 128, new QuantScheme(8, false, true, true, QuantScheme.PER_TENSOR));
  }

  @Test
  void scalesMustBeFiniteAndPositive() {
    for (float bad : new float[] {0.0f, -0.0f, -1.0f, Float.NaN, Float.POSITIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new QuantParams(bad, 0));
      assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
    }
    new QuantParams(Float.MIN_VALUE, 0);
    IllegalArgumentException channel = assertThrows(IllegalArgumentException.class,
        () -> new PerChannelQuantParams(new float[] {1f, 0f}, new int[2], 0));
    assertTrue(channel.getMessage().contains("channel 1"), channel.getMessage());
  }

  @Test
  void perChannelParamsAreCopiedAndCompareByContent() {
    float[] scales = {0.1f, 0.2f};
    int[] zeroPoints = {0, 0};
    PerChannelQuantParams params = new PerChannelQuantParams(scales, zeroPoints, 1);
    scales[0] = 9f;
    zeroPoints[1] = 5;
    assertEquals(0.1f, params.scale(0));
    assertEquals(0, params.zeroPoint(1));
    params.scales()[1] = 7f;
    assertEquals(0.2f, params.scale(1));
    assertEquals(new PerChannelQuantParams(new float[] {0.1f, 0.2f}, new int[2], 1), params);
    assertEquals(params.hashCode(),
        PerChannelQuantParams.symmetric(new float[] {0.1f, 0.2f}, 1).hashCode());
    assertNotEquals(PerChannelQuantParams.symmetric(new float[] {0.1f, 0.2f}, 0), params);
    assertEquals(new QuantParams(0.2f, 0), params.channel(1));
    assertTrue(params.toString().contains("0.2"), params.toString());

    params.checkFits(QuantScheme.int8WeightsSymmetricNarrowPerChannel(1));
    assertThrows(IllegalArgumentException.class,
        () -> params.checkFits(QuantScheme.int8WeightsSymmetricNarrowPerChannel(0)));
    assertThrows(IllegalArgumentException.class,
        () -> params.checkFits(QuantScheme.int8ActivationsAsymmetric()));
    assertThrows(IllegalArgumentException.class,
        () -> new PerChannelQuantParams(new float[] {1f}, new int[2], 0));
    assertThrows(IllegalArgumentException.class,
        () -> new PerChannelQuantParams(new float[0], new int[0], 0));
    assertThrows(IllegalArgumentException.class,
        () -> new PerChannelQuantParams(new float[] {1f}, new int[1], -1));
  }
}
