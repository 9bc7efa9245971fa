package org.qat4j.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every rule of the whole-graph validation, each failing with a message naming the op and the problem. */
class GraphValidationTest {

  private final IntegerGraph valid = TestGraphs.smallCnn(1);

  private static String message(Executable e) {
    return assertThrows(IllegalArgumentException.class, e).getMessage();
  }

  private IntegerGraph withOp(int index, Op op) {
    List<Op> ops = new ArrayList<>(valid.ops());
    ops.set(index, op);
    return IntegerGraph.of(valid.tensors(), ops, valid.input().id(), valid.output().id());
  }

  private IntegerGraph withTensor(Tensor t) {
    List<Tensor> tensors = new ArrayList<>(valid.tensors());
    tensors.set(t.id(), t);
    return IntegerGraph.of(tensors, valid.ops(), valid.input().id(), valid.output().id());
  }

  private int opIndex(String name) {
    for (int i = 0; i < valid.ops().size(); i++) {
      if (valid.ops().get(i).name().equals(name)) {
        return i;
      }
    }
    throw new AssertionError(name);
  }

  @Test
  void theValidGraphRoundTripsThroughOf() {
    assertEquals(valid, IntegerGraph.of(valid.tensors(), valid.ops(), valid.input().id(), valid.output().id()));
    assertEquals(List.of(5), List.of(valid.output().shape().dim(0)));
    assertTrue(valid.toString().contains("Conv2D"), valid.toString());
  }

  @Test
  void convOutputShapeMustMatchTheWindowArithmetic() {
    Conv2D conv = (Conv2D) valid.ops().get(opIndex("conv1"));
    Tensor out = valid.tensor(conv.output());
    String m = message(() -> withTensor(new Tensor(out.id(), out.name(), out.type(), Shape.of(6, 6, 4), out.quantization())));
    assertEquals("op 1 'conv1' (Conv2D): output shape [6, 6, 4] differs from [6, 7, 4] computed from input [6, 7, 2],"
        + " filter [4, 3, 3, 2], ConvWindow[strideHeight=1, strideWidth=1, dilationHeight=1, dilationWidth=1,"
        + " padding=Padding[top=1, left=1, bottom=1, right=1]]", m);
  }

  @Test
  void filterDepthMustMatchInputChannels() {
    IntegerGraphBuilder b = IntegerGraph.builder();
    int x = b.quantizeInput("q", b.input("in", Shape.of(4, 4, 2)), Quantization.int8(0.1f, 0));
    x = b.conv2d("conv", x, QuantizedWeights.perChannel(Shape.of(1, 1, 1, 3), new byte[3], new float[] {1f}, 8),
        new int[1], ConvWindow.of(1, 1, Padding.valid()), Quantization.int8(0.1f, 0), FusedActivation.NONE);
    b.dequantizeOutput("out", x);
    assertEquals("op 1 'conv' (Conv2D): filter [1, 1, 1, 3] expects 3 input channels, input 'q' has 2",
        message(b::build));
  }

  @Test
  void storedMultipliersMustEqualTheDerivedOnes() {
    Conv2D conv = (Conv2D) valid.ops().get(opIndex("conv1"));
    int[] m = conv.multipliers().multipliers();
    m[2] += 1;
    Conv2D bad = new Conv2D(conv.name(), conv.input(), conv.output(), conv.filter(), conv.bias(),
        ChannelMultipliers.of(m, conv.multipliers().shifts()), conv.window(), conv.clamp());
    String msg = message(() -> withOp(opIndex("conv1"), bad));
    assertTrue(msg.startsWith("op 1 'conv1' (Conv2D): channel 2 multiplier QuantizedMultiplier[multiplier="), msg);
    assertTrue(msg.contains("derive it with ChannelMultipliers.derive"), msg);
  }

  @Test
  void clampMustLieWithinTheOutputBitWidth() {
    Conv2D conv = (Conv2D) valid.ops().get(opIndex("conv2")); // 6-bit output, grid [-32, 31]
    Conv2D bad = new Conv2D(conv.name(), conv.input(), conv.output(), conv.filter(), conv.bias(), conv.multipliers(),
        conv.window(), new ActivationClamp(-32, 40));
    assertEquals("op 3 'conv2' (Conv2D): activation clamp [-32, 40] exceeds the 6-bit grid [-32, 31] of output 'conv2'",
        message(() -> withOp(3, bad)));
  }

  @Test
  void poolingMustKeepQuantization() {
    int pool = opIndex("pool1");
    Tensor out = valid.tensor(valid.ops().get(pool).output());
    String m = message(() -> withTensor(new Tensor(out.id(), out.name(), out.type(), out.shape(),
        Quantization.int8(0.5f, 0))));
    assertTrue(m.startsWith("op 2 'pool1' (MaxPool2D): input quantization Quantization[scale=0.03, zeroPoint=-128,"
        + " bits=8] and output quantization Quantization[scale=0.5, zeroPoint=0, bits=8] must be equal"), m);
  }

  @Test
  void reshapeMustKeepTheElementCount() {
    int flatten = opIndex("flatten");
    Tensor out = valid.tensor(valid.ops().get(flatten).output());
    assertEquals("op 5 'flatten' (Reshape): cannot reshape [3, 3, 3] (27 elements) to [26] (26)",
        message(() -> withTensor(new Tensor(out.id(), out.name(), out.type(), Shape.of(26), out.quantization()))));
  }

  @Test
  void fullyConnectedNeedsAVector() {
    IntegerGraphBuilder b = IntegerGraph.builder();
    int x = b.quantizeInput("q", b.input("in", Shape.of(2, 2, 1)), Quantization.int8(0.1f, 0));
    String m = message(() -> b.fullyConnected("fc", x, QuantizedWeights.perTensor(Shape.of(1, 4), new byte[4], 1f, 8),
        new int[1], Quantization.int8(0.1f, 0), FusedActivation.NONE));
    assertEquals("op 'fc' needs a rank-1 input, 'q' has shape [2, 2, 1]; flatten it first", m);
  }

  @Test
  void dataflowRulesNameTheOffendingOp() {
    List<Op> swapped = new ArrayList<>(valid.ops());
    swapped.set(1, valid.ops().get(2));
    swapped.set(2, valid.ops().get(1));
    assertEquals("op 1 'pool1' (MaxPool2D): reads tensor 'conv1' before any op writes it; order ops so that every"
        + " tensor is written before it is read",
        message(() -> IntegerGraph.of(valid.tensors(), swapped, 0, valid.output().id())));

    List<Op> twice = new ArrayList<>(valid.ops());
    Op pool = valid.ops().get(2);
    MaxPool2D p = (MaxPool2D) pool;
    twice.set(2, new MaxPool2D("pool1", p.input(), p.input(), p.window(), p.clamp()));
    assertEquals("op 2 'pool1' (MaxPool2D): writes tensor 'conv1', which is the graph input or already written;"
        + " every tensor has one writer", message(() -> IntegerGraph.of(valid.tensors(), twice, 0, valid.output().id())));

    List<Tensor> extra = new ArrayList<>(valid.tensors());
    extra.add(new Tensor(extra.size(), "orphan", TensorType.INT8, Shape.of(1), Quantization.int8(1f, 0)));
    assertEquals("tensor 'orphan' is neither the graph input nor written by any op; remove it",
        message(() -> IntegerGraph.of(extra, valid.ops(), 0, valid.output().id())));
  }

  @Test
  void namesAndIdsMustBeUnique() {
    List<Tensor> tensors = new ArrayList<>(valid.tensors());
    Tensor t = tensors.get(2);
    tensors.set(2, new Tensor(2, "quantize", t.type(), t.shape(), t.quantization()));
    assertEquals("tensor name 'quantize' is used twice; names must be unique",
        message(() -> IntegerGraph.of(tensors, valid.ops(), 0, valid.output().id())));
    tensors.set(2, new Tensor(3, t.name(), t.type(), t.shape(), t.quantization()));
    assertEquals("tensor 'conv1' at index 2 has id 3; ids must equal list positions",
        message(() -> IntegerGraph.of(tensors, valid.ops(), 0, valid.output().id())));
  }

  @Test
  void edgesMustBeFloat() {
    assertEquals("graph input 'quantize' must be FLOAT32, is INT8; the graph quantizes and dequantizes at its edges",
        message(() -> IntegerGraph.of(valid.tensors(), valid.ops(), 1, valid.output().id())));
  }

  @Test
  void weightValuesMustFitTheirBitWidth() {
    assertEquals("weight 8 at index 1 is outside [-7, 7], the symmetric 4-bit range; quantize weights with narrow range",
        message(() -> QuantizedWeights.perTensor(Shape.of(1, 2), new byte[] {0, 8}, 1f, 4)));
    assertEquals("weight -128 at index 0 is outside [-127, 127], the symmetric 8-bit range; quantize weights with"
        + " narrow range", message(() -> QuantizedWeights.perTensor(Shape.of(1, 1), new byte[] {-128}, 1f, 8)));
    assertEquals("weight scale NaN of channel 1 must be finite and > 0; give an all-zero channel any positive scale",
        message(() -> QuantizedWeights.perChannel(Shape.of(2, 1), new byte[2], new float[] {1f, Float.NaN}, 8)));
  }

  @Test
  void quantizationParametersAreRangeChecked() {
    assertEquals("zero point 8 is outside [-8, 7], the signed 4-bit range; shift an unsigned grid down by 8",
        message(() -> new Quantization(0.1f, 8, 4)));
    assertEquals("scale 0.0 must be finite and > 0", message(() -> Quantization.int8(0f, 0)));
    assertEquals("zero point 128 is outside [-128, 127], the signed 8-bit range; shift an unsigned grid down by 128",
        message(() -> Quantization.int8(1f, 128)));
  }

  @Test
  void theAccumulatorBoundIsCheckedPerChannel() {
    byte[] w = new byte[] {127, 127};
    int[] bias = {0, Integer.MAX_VALUE - 255 * 127 + 1};
    QuantizedWeights weights = QuantizedWeights.perChannel(Shape.of(2, 1), new byte[] {127, 127}, new float[] {1f, 1f}, 8);
    ChannelMultipliers m = ChannelMultipliers.perChannel(1f, new float[] {1f, 1f}, 1000f);
    assertEquals(2, w.length);
    assertEquals("FullyConnected op 'fc': channel 1: |bias| + 255 * sum|w| = 2147483648 exceeds 2^31 - 1, so the int32"
        + " accumulator could overflow; the bias 2147451263 is implausibly large for its scale s_in * s_w",
        message(() -> new FullyConnected("fc", 0, 1, weights, bias, m, new ActivationClamp(-128, 127))));
    new FullyConnected("fc", 0, 1, weights, new int[] {0, bias[1] - 1}, m, new ActivationClamp(-128, 127));

    int depth = org.qat4j.core.kernels.AccumulatorBound.MAX_DEPTH + 1;
    QuantizedWeights deep = QuantizedWeights.perTensor(Shape.of(1, depth), new byte[depth], 1f, 8);
    assertEquals("FullyConnected op 'deep': accumulation depth 66312 exceeds 66311 (= (2^31 - 1) / (127 * 255)),"
        + " beyond which an int32 accumulator can overflow; split the layer",
        message(() -> new FullyConnected("deep", 0, 1, deep, new int[1],
            ChannelMultipliers.perTensor(1f, 1f, 1000f, 1), new ActivationClamp(-128, 127))));
  }

  @Test
  void biasCountMustMatchChannels() {
    QuantizedWeights w = QuantizedWeights.perChannel(Shape.of(2, 1, 1, 1), new byte[2], new float[] {1f, 1f}, 8);
    assertEquals("Conv2D op 'c': 1 bias values for 2 output channels; give one int32 bias per channel (zeros if the"
        + " layer has none)", message(() -> new Conv2D("c", 0, 1, w, new int[1],
            ChannelMultipliers.perChannel(1f, new float[] {1f, 1f}, 1f), ConvWindow.of(1, 1, Padding.valid()),
            new ActivationClamp(-128, 127))));
  }

  @Test
  void shapesAndNamesAreBounded() {
    assertEquals("shape [3, 0] has dimension 0; every dimension must be at least 1", message(() -> Shape.of(3, 0)));
    assertEquals("shape [8192, 8192, 2] has more than 67108864 elements, the limit per tensor",
        message(() -> Shape.of(8192, 8192, 2)));
    assertEquals("tensor name 'a\nb' has a control character at index 1; use printable characters",
        message(() -> new Tensor(0, "a\nb", TensorType.FLOAT32, Shape.of(1), null)));
  }

  @Test
  void poolPaddingMustLeaveEveryWindowInsideTheImage() {
    assertEquals("pool padding Padding[top=2, left=0, bottom=0, right=0] must be smaller than the 2x2 window on each"
        + " side, else a window can lie entirely in padding",
        message(() -> new PoolWindow(2, 2, 1, 1, new Padding(2, 0, 0, 0))));
  }

  @Test
  void filterLargerThanThePaddedInputIsRejected() {
    IntegerGraphBuilder b = IntegerGraph.builder();
    int x = b.quantizeInput("q", b.input("in", Shape.of(2, 2, 1)), Quantization.int8(0.1f, 0));
    QuantizedWeights w = QuantizedWeights.perChannel(Shape.of(1, 3, 3, 1), TestGraphs.weights(new SplittableRandom(1), 9, 8),
        new float[] {0.1f}, 8);
    assertEquals("op 'c': the 3x3 filter (dilation 1x1) does not fit the 2x2 input with padding Padding[top=0, left=0,"
        + " bottom=0, right=0]; pad more or use a smaller filter", message(() -> b.conv2d("c", x, w, new int[1],
            ConvWindow.of(1, 1, Padding.valid()), Quantization.int8(0.1f, 0), FusedActivation.NONE)));
  }
}
