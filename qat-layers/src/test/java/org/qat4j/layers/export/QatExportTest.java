package org.qat4j.layers.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.qat4j.layers.Qat;
import org.qat4j.layers.QatConfig;
import org.qat4j.layers.TestArrays;
import org.qat4j.layers.activation.FakeQuantLayerImpl;
import org.qat4j.layers.fakequant.NudgedRanges;
import org.qat4j.layers.fakequant.QuantGrid;
import org.qat4j.layers.weight.WeightFakeQuant;

class QatExportTest {

    @Test
    void describesExactlyWhatTheTrainingForwardUses() {
        MultiLayerNetwork qat = Qat.prepare(ExportFixtures.cnn(), QatConfig.tfliteInt8());
        INDArray x = TestArrays.uniform(81, 0, 1, 16, 64);
        INDArray y = Nd4j.zeros(16, 3);
        for (int i = 0; i < 16; i++) {
            y.putScalar(i, i % 3, 1);
        }
        for (int step = 0; step < 20; step++) {
            qat.fit(x, y);
        }
        QatExport.Description d = QatExport.describe(qat);
        assertEquals(qat.getnLayers(), d.layers().size());
        int weighted = 0;
        int ranges = 0;
        for (QatLayerInfo info : d.layers()) {
            Layer layer = qat.getLayer(info.index());
            if (info instanceof WeightedLayerInfo w) {
                weighted++;
                WeightFakeQuant wfq = (WeightFakeQuant) ((org.deeplearning4j.nn.conf.layers.BaseLayer) layer.conf().getLayer())
                        .getWeightNoise();
                INDArray used = wfq.getParameter(layer, "W", 0, 0, false, LayerWorkspaceMgr.noWorkspaces());
                assertArrayEquals(used.dup('c').data().asFloat(), w.trainingWeights(),
                        w.name() + ": exported integers reproduce the forward's weights bit for bit");
                assertArrayEquals(layer.getParam("W").dup('c').data().asFloat(), w.floatWeights());
                assertArrayEquals(layer.getParam("b").toFloatVector(), w.bias());
                for (int v : w.quantized().values()) {
                    assertTrue(v >= -127 && v <= 127, w.name() + " weight " + v);
                }
            } else if (info instanceof ActivationQuantInfo a) {
                ranges++;
                FakeQuantLayerImpl fq = (FakeQuantLayerImpl) layer;
                assertArrayEquals(fq.rangeMin(), a.min());
                assertArrayEquals(fq.rangeMax(), a.max());
                NudgedRanges n = NudgedRanges.of(fq.rangeMin(), fq.rangeMax(), new QuantGrid(8, false));
                assertEquals(n.scale()[0], a.storageParams(0).scale(), 0f);
                assertEquals((int) n.zeroPoint()[0] - 128, a.storageParams(0).zeroPoint());
                assertEquals(n.nudgedMin()[0], a.nudgedRange(0).min(), 0f);
            }
        }
        assertEquals(3, weighted, "folded conv, dense, output dense");
        assertEquals(4, ranges, "input, after conv, after dense, logits");
        assertInstanceOf(WeightedLayerInfo.class, d.layers().get(1));
        assertEquals(WeightedLayerInfo.Kind.CONVOLUTION, ((WeightedLayerInfo) d.layers().get(1)).kind());
    }

    @Test
    void theDenseForwardIsTheExportedArithmetic() {
        MultiLayerNetwork qat = Qat.prepare(ExportFixtures.mlp(), QatConfig.tfliteInt8());
        INDArray x = TestArrays.uniform(82, -2, 2, 8, 4);
        Qat.calibrate(qat, new ListDataSetIterator<>(List.of(new DataSet(x, Nd4j.zeros(8, 3)))), 1);
        QatExport.Description d = QatExport.describe(qat);
        WeightedLayerInfo hidden = (WeightedLayerInfo) d.layers().get(1);
        List<INDArray> acts = qat.feedForward(x, false);
        INDArray in = acts.get(1);
        INDArray w = Nd4j.createFromArray(hidden.trainingWeights()).reshape(hidden.weightShape());
        INDArray expected = Transforms.relu(in.mmul(w).addiRowVector(Nd4j.createFromArray(hidden.bias())));
        INDArray got = acts.get(2);
        assertTrue(expected.sub(got).amaxNumber().doubleValue() <= 1e-6 * (1 + expected.amaxNumber().doubleValue()),
                "dense output from the exported weights");
    }

    @Test
    void anUncalibratedNetworkCannotBeDescribed() {
        MultiLayerNetwork qat = Qat.prepare(ExportFixtures.mlp(), QatConfig.tfliteInt8());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> QatExport.describe(qat));
        assertTrue(e.getMessage().contains("'hidden_in_fq'"), e.getMessage());
    }
}
