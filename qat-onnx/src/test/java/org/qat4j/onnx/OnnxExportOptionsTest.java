package org.qat4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qat4j.onnx.OnnxExportOptions.EdgeType;
import org.qat4j.onnx.OnnxExportOptions.Form;

/** Option validation: each bad value is refused with a message naming it, the range and the fix. */
class OnnxExportOptionsTest {

  @Test
  void defaultsAreQOperatorWithFloatEdgesAtOpset13() {
    OnnxExportOptions d = OnnxExportOptions.defaults();
    assertEquals(new OnnxExportOptions(Form.QOPERATOR, EdgeType.FLOAT, EdgeType.FLOAT, 13), d);
    assertEquals(new OnnxExportOptions(Form.QDQ, EdgeType.INT8, EdgeType.INT8, 17),
        d.withForm(Form.QDQ).withInput(EdgeType.INT8).withOutput(EdgeType.INT8).withOpset(17));
  }

  @Test
  void opsetsOutsideThirteenToSeventeenAreRefused() {
    for (int opset : new int[] {12, 18, 0, -1, Integer.MAX_VALUE}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> OnnxExportOptions.defaults().withOpset(opset));
      assertTrue(e.getMessage().contains("opset " + opset + " is outside [13, 17]"), e.getMessage());
      assertTrue(e.getMessage().contains("pick one in that range"), e.getMessage());
    }
    for (int opset = 13; opset <= 17; opset++) {
      assertEquals(opset, OnnxExportOptions.defaults().withOpset(opset).opset());
    }
  }

  @Test
  void theFloatFormHasFloatEdgesOnly() {
    IllegalArgumentException in = assertThrows(IllegalArgumentException.class,
        () -> new OnnxExportOptions(Form.FLOAT, EdgeType.INT8, EdgeType.FLOAT, 13));
    assertTrue(in.getMessage().contains("its input cannot be INT8"), in.getMessage());
    assertTrue(in.getMessage().contains("QOPERATOR or QDQ"), in.getMessage());
    IllegalArgumentException out = assertThrows(IllegalArgumentException.class,
        () -> OnnxExportOptions.defaults().withOutput(EdgeType.INT8).withForm(Form.FLOAT));
    assertTrue(out.getMessage().contains("its output cannot be INT8"), out.getMessage());
  }

  @Test
  void nullsAreRefusedWithTheChoices() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> new OnnxExportOptions(null, EdgeType.FLOAT, EdgeType.FLOAT, 13));
    assertTrue(e.getMessage().contains("QOPERATOR, QDQ or FLOAT"), e.getMessage());
    assertThrows(NullPointerException.class, () -> OnnxExporter.export(TestModels.mlp(1, 8), null));
    assertThrows(NullPointerException.class, () -> OnnxExporter.export(null, OnnxExportOptions.defaults()));
  }
}
