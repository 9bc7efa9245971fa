package org.qat4j.examples.cli;

import java.util.List;
import java.util.Random;
import org.qat4j.core.format.InputLayout;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.format.ModelMetadata;
import org.qat4j.core.graph.ConvWindow;
import org.qat4j.core.graph.FusedActivation;
import org.qat4j.core.graph.IntegerGraph;
import org.qat4j.core.graph.IntegerGraphBuilder;
import org.qat4j.core.graph.Padding;
import org.qat4j.core.graph.PoolWindow;
import org.qat4j.core.graph.Quantization;
import org.qat4j.core.graph.QuantizedWeights;
import org.qat4j.core.graph.Shape;

/** A small int8 model built op by op with qat-core's builder, independent of any exporter. */
public final class TinyModels {

    private TinyModels() {
    }

    /**
     * 8x8x1 input, conv 3x3 (4 channels, 8-bit per channel, ReLU), 2x2 max pool, flatten, fully
     * connected to 10 (4-bit per tensor), seeded random weights.
     *
     * @param seed the weights' seed
     * @return the model, NCHW input, labels "0".."9"
     */
    public static IntegerModel digitsShaped(long seed) {
        Random r = new Random(seed);
        IntegerGraphBuilder b = IntegerGraph.builder();
        int x = b.input("image", Shape.of(8, 8, 1));
        x = b.quantizeInput("quantize", x, Quantization.int8(1f / 255, -128));
        byte[] filter = new byte[4 * 3 * 3];
        for (int i = 0; i < filter.length; i++) {
            filter[i] = (byte) (r.nextInt(255) - 127);
        }
        x = b.conv2d("conv1", x, QuantizedWeights.perChannel(Shape.of(4, 3, 3, 1), filter,
                new float[] {0.01f, 0.02f, 0.015f, 0.005f}, 8), new int[] {10, -20, 0, 5},
                ConvWindow.of(1, 1, Padding.symmetric(1, 1)), Quantization.int8(0.02f, -128), FusedActivation.RELU);
        x = b.maxPool2d("pool1", x, new PoolWindow(2, 2, 2, 2, Padding.valid()));
        x = b.flatten("flatten", x);
        byte[] dense = new byte[10 * 64];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = (byte) (r.nextInt(15) - 7);
        }
        x = b.fullyConnected("fc", x, QuantizedWeights.perTensor(Shape.of(10, 64), dense, 0.05f, 4), new int[10],
                Quantization.int8(0.1f, 3), FusedActivation.NONE);
        b.dequantizeOutput("logits", x);
        return new IntegerModel(b.build(), ModelMetadata.create("tiny test model",
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), InputLayout.NCHW));
    }
}
