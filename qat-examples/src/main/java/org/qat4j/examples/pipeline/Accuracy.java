package org.qat4j.examples.pipeline;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.qat4j.datasets.dl4j.ImageDataSetIterator;

/**
 * Test-set accuracy of a DL4J network: the float network, or a QAT network (fake quantization in
 * inference mode, "simulated" int8). The int8 engine's accuracy is {@link EngineEvaluation}'s.
 */
public final class Accuracy {

    /** Images per evaluation batch. */
    public static final int EVAL_BATCH = 256;

    private Accuracy() {
    }

    /**
     * @param net a float or QAT network
     * @param data the test images
     * @return the fraction of test images classified correctly
     */
    public static double of(MultiLayerNetwork net, ImageData data) {
        return net.evaluate(data.testBatches(EVAL_BATCH)).accuracy();
    }

    /**
     * The predicted class of every test image, in data-set order (the first largest output on ties).
     *
     * @param net a float or QAT network
     * @param data the test images
     * @return one class index per test image
     */
    public static int[] predictions(MultiLayerNetwork net, ImageData data) {
        int[] out = new int[data.test().size()];
        ImageDataSetIterator batches = data.testBatches(EVAL_BATCH);
        int at = 0;
        while (batches.hasNext()) {
            DataSet ds = batches.next();
            INDArray probabilities = net.output(ds.getFeatures(), false);
            int[] classes = probabilities.argMax(1).toIntVector();
            System.arraycopy(classes, 0, out, at, classes.length);
            at += classes.length;
        }
        return out;
    }

    /**
     * @param predictions predicted classes
     * @param labels true classes
     * @return the fraction where they agree
     */
    public static double fractionEqual(int[] predictions, int[] labels) {
        if (predictions.length != labels.length || labels.length == 0) {
            throw new IllegalArgumentException(predictions.length + " predictions for " + labels.length
                    + " labels; need one per image and at least one");
        }
        int same = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predictions[i] == labels[i]) {
                same++;
            }
        }
        return (double) same / labels.length;
    }
}
