package org.qat4j.onnx;

import java.util.Arrays;
import org.qat4j.core.graph.ConvWindow;
import org.qat4j.core.graph.Padding;
import org.qat4j.core.graph.PoolWindow;
import org.qat4j.core.graph.QuantizedWeights;
import org.qat4j.onnx.proto.Onnx.AttributeProto;

/**
 * The window attributes of ONNX's Conv, QLinearConv, MaxPool and AveragePool from the engine's
 * windows. ONNX {@code pads} list the begins then the ends of the spatial axes: {@code [top, left,
 * bottom, right]}. With {@code ceil_mode = 0} (the default) ONNX's output size is the engine's,
 * {@code floor((in + pads - effective_window) / stride) + 1}; MaxPool ignores padded positions and
 * AveragePool with {@code count_include_pad = 0} leaves them out of the divisor, as the engine does.
 */
final class Windows {

  private Windows() {}

  /** {@code kernel_shape}, {@code strides}, {@code dilations}, {@code pads}, {@code group = 1}. */
  static AttributeProto[] conv(ConvWindow window, QuantizedWeights filter) {
    return new AttributeProto[] {
        OnnxGraph.ints("kernel_shape", filter.shape().dim(1), filter.shape().dim(2)),
        OnnxGraph.ints("strides", window.strideHeight(), window.strideWidth()),
        OnnxGraph.ints("dilations", window.dilationHeight(), window.dilationWidth()),
        pads(window.padding()),
        OnnxGraph.integer("group", 1)};
  }

  /** {@code kernel_shape}, {@code strides}, {@code pads} of MaxPool. */
  static AttributeProto[] maxPool(PoolWindow window) {
    return new AttributeProto[] {
        OnnxGraph.ints("kernel_shape", window.filterHeight(), window.filterWidth()),
        OnnxGraph.ints("strides", window.strideHeight(), window.strideWidth()),
        pads(window.padding())};
  }

  /** MaxPool's attributes and {@code count_include_pad = 0}. */
  static AttributeProto[] averagePool(PoolWindow window) {
    AttributeProto[] maxPool = maxPool(window);
    AttributeProto[] attributes = Arrays.copyOf(maxPool, maxPool.length + 1);
    attributes[maxPool.length] = OnnxGraph.integer("count_include_pad", 0);
    return attributes;
  }

  private static AttributeProto pads(Padding p) {
    return OnnxGraph.ints("pads", p.top(), p.left(), p.bottom(), p.right());
  }
}
