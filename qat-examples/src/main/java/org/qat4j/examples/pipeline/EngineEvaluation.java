package org.qat4j.examples.pipeline;

import org.qat4j.core.format.InputLayout;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.runtime.Interpreter;
import org.qat4j.datasets.ImageShape;
import org.qat4j.datasets.LabeledImages;
import org.qat4j.datasets.PixelScaling;

/**
 * Runs an int8 model on qat4j's engine over a labelled image set: the same floats DL4J sees
 * (the data set's pixel scaling), quantized at the engine's edge.
 */
public final class EngineEvaluation {

    private EngineEvaluation() {
    }

    /**
     * The engine's predicted class for every image, in data-set order.
     *
     * @param model the int8 model
     * @param images the images
     * @param scaling the pixel scaling the network was trained with
     * @return one class index per image
     * @throws IllegalArgumentException if the model's input size differs from the images'
     */
    public static int[] predictions(IntegerModel model, LabeledImages images, PixelScaling scaling) {
        Interpreter engine = new Interpreter(model);
        int per = images.shape().pixelsPerImage();
        if (engine.inputSize() != per) {
            throw new IllegalArgumentException("the model takes " + engine.inputSize() + " values per example (shape "
                    + model.inputShape() + "), the images have " + per + " (" + images.shape()
                    + "); evaluate it on the data set it was trained on");
        }
        int[] out = new int[images.size()];
        int batch = Accuracy.EVAL_BATCH;
        float[] input = new float[batch * per];
        for (int start = 0; start < images.size(); start += batch) {
            int n = Math.min(batch, images.size() - start);
            float[] chunk = n == batch ? input : new float[n * per];
            for (int i = 0; i < n; i++) {
                copyInLayout(images, start + i, scaling, model.metadata().inputLayout(), chunk, i * per);
            }
            int[] classes = engine.predict(chunk);
            System.arraycopy(classes, 0, out, start, n);
        }
        return out;
    }

    /**
     * @param model the int8 model
     * @param images the images
     * @param scaling the pixel scaling the network was trained with
     * @return the fraction of images the engine classifies correctly
     */
    public static double accuracy(IntegerModel model, LabeledImages images, PixelScaling scaling) {
        return Accuracy.fractionEqual(predictions(model, images, scaling), images.labels());
    }

    /**
     * Writes image {@code index} scaled into {@code dst} in the model's input layout (data sets
     * store C, H, W: NCHW as is; NHWC transposed).
     *
     * @param images the images
     * @param index which image
     * @param scaling raw values to floats
     * @param layout the model's input layout
     * @param dst the destination
     * @param offset where the image starts in {@code dst}
     */
    public static void copyInLayout(LabeledImages images, int index, PixelScaling scaling, InputLayout layout,
            float[] dst, int offset) {
        ImageShape s = images.shape();
        if (layout == InputLayout.NCHW || s.channels() == 1) {
            images.copyScaled(index, scaling, dst, offset);
            return;
        }
        float[] chw = new float[s.pixelsPerImage()];
        images.copyScaled(index, scaling, chw, 0);
        int hw = s.pixelsPerChannel();
        for (int c = 0; c < s.channels(); c++) {
            for (int p = 0; p < hw; p++) {
                dst[offset + p * s.channels() + c] = chw[c * hw + p];
            }
        }
    }
}
