package org.qat4j.examples.cli;

import java.util.Locale;
import java.util.Map;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.graph.ActivationClamp;
import org.qat4j.core.graph.AveragePool2D;
import org.qat4j.core.graph.ChannelMultipliers;
import org.qat4j.core.graph.Conv2D;
import org.qat4j.core.graph.DequantizeOutput;
import org.qat4j.core.graph.FullyConnected;
import org.qat4j.core.graph.IntegerGraph;
import org.qat4j.core.graph.MaxPool2D;
import org.qat4j.core.graph.Op;
import org.qat4j.core.graph.PoolWindow;
import org.qat4j.core.graph.Quantization;
import org.qat4j.core.graph.QuantizeInput;
import org.qat4j.core.graph.QuantizedWeights;
import org.qat4j.core.graph.Reshape;
import org.qat4j.core.graph.Tensor;
import org.qat4j.examples.report.Formats;
import org.qat4j.examples.report.TextTable;

/** The text {@code qat4j inspect} prints for an int8 model: metadata, then one block per op. */
final class Int8ModelDescription {

    private Int8ModelDescription() {
    }

    /** @return the description, several lines */
    static String describe(IntegerModel model) {
        IntegerGraph g = model.graph();
        StringBuilder sb = new StringBuilder();
        sb.append("int8 model '").append(model.metadata().description()).append("'\n");
        sb.append("  written by qat4j ").append(model.metadata().qat4jVersion()).append(", input ")
                .append(model.inputShape()).append(' ').append(model.metadata().inputLayout()).append(", output ")
                .append(g.output().shape()).append('\n');
        if (!model.metadata().classLabels().isEmpty()) {
            sb.append("  classes: ").append(String.join(", ", model.metadata().classLabels())).append('\n');
        }
        for (Map.Entry<String, String> e : model.metadata().provenance().entrySet()) {
            sb.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        TextTable t = new TextTable("#", "op", "name", "in -> out", "out bits", "out scale", "out zp", "clamp",
                "weights", "weight scales", "multipliers M = m * 2^(shift-31)", "weight bytes").leftAligned();
        long weightBytes = 0;
        long parameters = 0;
        for (int i = 0; i < g.ops().size(); i++) {
            Op op = g.ops().get(i);
            Tensor in = g.tensor(op.inputs().get(0));
            Tensor out = g.tensor(op.output());
            Quantization q = out.quantization() != null ? out.quantization() : in.quantization();
            String weights = "";
            String scales = "";
            String multipliers = "";
            String bytes = "";
            ActivationClamp clamp = null;
            String extra = "";
            if (op instanceof Conv2D c) {
                QuantizedWeights w = c.filter();
                weights = weightText(w);
                scales = scaleRange(w);
                multipliers = multiplierRange(c.multipliers());
                long b = packedBytes(w) + 4L * c.bias().length;
                bytes = Long.toString(b);
                weightBytes += b;
                parameters += w.shape().elementCount() + c.bias().length;
                clamp = c.clamp();
                extra = String.format(Locale.ROOT, " stride %dx%d pad %d,%d,%d,%d", c.window().strideHeight(),
                        c.window().strideWidth(), c.window().padding().top(), c.window().padding().left(),
                        c.window().padding().bottom(), c.window().padding().right());
            } else if (op instanceof FullyConnected f) {
                QuantizedWeights w = f.weights();
                weights = weightText(w);
                scales = scaleRange(w);
                multipliers = multiplierRange(f.multipliers());
                long b = packedBytes(w) + 4L * f.bias().length;
                bytes = Long.toString(b);
                weightBytes += b;
                parameters += w.shape().elementCount() + f.bias().length;
                clamp = f.clamp();
            } else if (op instanceof MaxPool2D m) {
                clamp = m.clamp();
                extra = pool(m.window());
            } else if (op instanceof AveragePool2D a) {
                clamp = a.clamp();
                extra = pool(a.window());
            } else if (op instanceof QuantizeInput qi) {
                clamp = qi.clamp();
            } else if (op instanceof Reshape || op instanceof DequantizeOutput) {
                clamp = null;
            }
            t.row(Integer.toString(i), op.kind() + extra, op.name(), in.shape() + " -> " + out.shape(),
                    q == null ? "" : Integer.toString(q.bits()), q == null ? "" : sci(q.scale()),
                    q == null ? "" : Integer.toString(q.zeroPoint()),
                    clamp == null ? "" : "[" + clamp.min() + ", " + clamp.max() + "]", weights, scales, multipliers, bytes);
        }
        sb.append(t.toText());
        sb.append(String.format(Locale.ROOT, "%d ops, %,d parameters, %s of weights and biases (weights bit-packed, "
                + "int32 biases)%n", g.ops().size(), parameters, Formats.bytes(weightBytes)));
        return sb.toString();
    }

    private static String pool(PoolWindow w) {
        return String.format(Locale.ROOT, " %dx%d/%d", w.filterHeight(), w.filterWidth(), w.strideHeight());
    }

    private static String weightText(QuantizedWeights w) {
        return w.shape() + " " + w.bits() + "-bit "
                + (w.granularity() == QuantizedWeights.Granularity.PER_CHANNEL ? "per-ch" : "per-tensor");
    }

    private static long packedBytes(QuantizedWeights w) {
        return ((long) w.shape().elementCount() * w.bits() + 7) / 8;
    }

    private static String scaleRange(QuantizedWeights w) {
        float[] s = w.scales();
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : s) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return s.length == 1 ? sci(lo) : sci(lo) + " .. " + sci(hi);
    }

    private static String multiplierRange(ChannelMultipliers m) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < m.channels(); c++) {
            double v = m.get(c).toDouble();
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        String first = "m=" + m.get(0).multiplier() + " shift=" + m.get(0).shift();
        return (m.channels() == 1 || lo == hi ? sci(lo) : sci(lo) + " .. " + sci(hi)) + " (ch0 " + first + ")";
    }

    private static String sci(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
