package org.qat4j.datasets.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.qat4j.datasets.Digits;
import org.qat4j.datasets.ImageShape;
import org.qat4j.datasets.LabeledImages;
import org.qat4j.datasets.PixelScaling;

/** Batches, shapes, scaling, one-hot labels, epochs and seeded shuffling of the DL4J iterator. */
class ImageDataSetIteratorTest {

    private static LabeledImages digits;

    @BeforeAll
    static void load() throws Exception {
        digits = Digits.load();
    }

    /** 1x2x1 images whose two pixels hold the image index (high, low byte); label = index % 3. */
    private static LabeledImages indexed(int n) {
        byte[] pixels = new byte[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            pixels[2 * i] = (byte) (i >> 8);
            pixels[2 * i + 1] = (byte) i;
            labels[i] = i % 3;
        }
        return LabeledImages.of("indexed", new ImageShape(1, 2, 1), pixels, labels, List.of("a", "b", "c"), 255);
    }

    /** The image indices of one epoch, batch by batch, decoded from raw features. */
    private static List<int[]> epoch(ImageDataSetIterator it) {
        List<int[]> batches = new ArrayList<>();
        while (it.hasNext()) {
            INDArray features = it.next().getFeatures();
            INDArray x = features.reshape(features.size(0), features.length() / features.size(0));
            int[] ids = new int[(int) x.size(0)];
            for (int k = 0; k < ids.length; k++) {
                ids[k] = (int) x.getFloat(k, 0) << 8 | (int) x.getFloat(k, 1);
            }
            batches.add(ids);
        }
        return batches;
    }

    @Test
    void batchShapesAndThePartialLastBatch() {
        ImageDataSetIterator nchw = ImageDataSetIterator.ordered(digits, 64, PixelScaling.unitRange(digits),
                ImageLayout.NCHW);
        assertEquals(29, nchw.batchesPerEpoch());
        int batches = 0;
        int seen = 0;
        while (nchw.hasNext()) {
            DataSet ds = nchw.next();
            batches++;
            long n = ds.getFeatures().size(0);
            seen += (int) n;
            assertEquals(batches < 29 ? 64 : 1797 - 28 * 64, n, "batch " + batches);
            assertArrayEquals(new long[] {n, 1, 8, 8}, ds.getFeatures().shape());
            assertArrayEquals(new long[] {n, 10}, ds.getLabels().shape());
            assertEquals(DataType.FLOAT, ds.getFeatures().dataType());
        }
        assertEquals(29, batches);
        assertEquals(1797, seen);
        assertThrows(NoSuchElementException.class, nchw::next);

        ImageDataSetIterator flat = ImageDataSetIterator.ordered(digits, 100, PixelScaling.raw(), ImageLayout.FLAT);
        assertArrayEquals(new long[] {100, 64}, flat.next().getFeatures().shape());
        assertEquals(64, flat.inputColumns());
        assertEquals(10, flat.totalOutcomes());
        assertEquals(100, flat.batch());
        assertEquals(Digits.CLASS_NAMES, flat.getLabels());
        assertTrue(flat.resetSupported());
        assertFalse(flat.asyncSupported());
    }

    @Test
    void featuresAreTheScaledPixelsAndLabelsAreOneHot() {
        float[][] rows = digits.toFloatRows(PixelScaling.unitRange(16));
        ImageDataSetIterator it = ImageDataSetIterator.ordered(digits, 500, PixelScaling.unitRange(16), ImageLayout.NCHW);
        int base = 0;
        while (it.hasNext()) {
            DataSet ds = it.next();
            INDArray x = ds.getFeatures();
            INDArray y = ds.getLabels();
            for (int k = 0; k < x.size(0); k++) {
                int i = base + k;
                for (int p = 0; p < 64; p++) {
                    assertEquals(rows[i][p], x.getFloat(k, 0, p / 8, p % 8), 0f, "image " + i + " pixel " + p);
                }
                for (int c = 0; c < 10; c++) {
                    assertEquals(c == digits.label(i) ? 1f : 0f, y.getFloat(k, c), 0f);
                }
            }
            base += (int) x.size(0);
        }
        DataSet all = ImageBatches.all(digits, PixelScaling.unitRange(16), ImageLayout.FLAT);
        assertEquals(1f, all.getFeatures().maxNumber().floatValue());
        assertEquals(0f, all.getFeatures().minNumber().floatValue());
        assertEquals(1797.0, all.getLabels().sumNumber().doubleValue());
    }

    @Test
    void everyImageExactlyOncePerEpochInOrderAndShuffled() {
        LabeledImages data = indexed(1000);
        for (ImageDataSetIterator it : new ImageDataSetIterator[] {
            ImageDataSetIterator.ordered(data, 33, PixelScaling.raw(), ImageLayout.FLAT),
            ImageDataSetIterator.shuffled(data, 33, PixelScaling.raw(), ImageLayout.NCHW, 5)}) {
            for (int epoch = 0; epoch < 3; epoch++) {
                assertEquals(epoch, it.epoch());
                boolean[] seen = new boolean[1000];
                int total = 0;
                for (int[] batch : epoch(it)) {
                    for (int id : batch) {
                        assertFalse(seen[id], "image " + id + " twice in epoch " + epoch);
                        seen[id] = true;
                        total++;
                    }
                }
                assertEquals(1000, total);
                it.reset();
            }
        }
    }

    @Test
    void shufflingIsReproducibleAndDiffersPerEpochAndSeed() {
        LabeledImages data = indexed(300);
        ImageDataSetIterator a = ImageDataSetIterator.shuffled(data, 50, PixelScaling.raw(), ImageLayout.FLAT, 42);
        ImageDataSetIterator b = ImageDataSetIterator.shuffled(data, 50, PixelScaling.raw(), ImageLayout.FLAT, 42);
        ImageDataSetIterator c = ImageDataSetIterator.shuffled(data, 50, PixelScaling.raw(), ImageLayout.FLAT, 43);
        int[] a0 = flatten(epoch(a));
        int[] b0 = flatten(epoch(b));
        int[] c0 = flatten(epoch(c));
        assertArrayEquals(a0, b0, "same seed, same order");
        assertFalse(java.util.Arrays.equals(a0, c0), "another seed, another order");
        assertFalse(java.util.Arrays.equals(a0, flatten(epoch(ImageDataSetIterator.ordered(data, 50,
                PixelScaling.raw(), ImageLayout.FLAT)))), "shuffled is not data-set order");
        a.reset();
        b.reset();
        int[] a1 = flatten(epoch(a));
        assertNotEquals(java.util.Arrays.toString(a0), java.util.Arrays.toString(a1), "a new order each epoch");
        assertArrayEquals(a1, flatten(epoch(b)));
        // reset() mid-epoch also starts the next epoch.
        a.reset();
        a.next();
        a.reset();
        assertEquals(3, a.epoch());
        assertArrayEquals(org.qat4j.datasets.Shuffle.epochOrder(300, 42, 3), flatten(epoch(a)));
    }

    @Test
    void standardizedColourBatchesHaveZeroMeanAndUnitStdPerChannel() {
        int n = 200;
        ImageShape shape = new ImageShape(3, 4, 4);
        byte[] pixels = org.qat4j.datasets.TestFiles.randomBytes(n * shape.pixelsPerImage(), 9);
        for (int i = 0; i < pixels.length; i++) {
            int channel = (i % 48) / 16;
            pixels[i] = (byte) ((pixels[i] & 0xFF) / (channel + 1) + 20 * channel);
        }
        LabeledImages train = LabeledImages.of("rgb", shape, pixels, new int[n], List.of("x", "y"), 255);
        PixelScaling scaling = PixelScaling.standardizeFrom(train);
        DataSet all = ImageBatches.all(train, scaling, ImageLayout.NCHW);
        for (int c = 0; c < 3; c++) {
            INDArray channel = all.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(c)).castTo(DataType.DOUBLE);
            assertEquals(0, channel.meanNumber().doubleValue(), 1e-6, "channel " + c);
            assertEquals(1, channel.stdNumber(false).doubleValue(), 1e-6, "channel " + c);
        }
        assertThrows(IllegalArgumentException.class,
                () -> ImageDataSetIterator.ordered(digits, 10, scaling, ImageLayout.NCHW), "3-channel stats on grey");
    }

    @Test
    void appliesThePreProcessorAndRejectsBadArguments() {
        ImageDataSetIterator it = ImageDataSetIterator.ordered(digits, 10, PixelScaling.raw(), ImageLayout.FLAT);
        it.setPreProcessor(ds -> ds.getFeatures().muli(2));
        assertEquals(2f * digits.pixel(0, 2), it.next().getFeatures().getFloat(0, 2), 0f);
        assertEquals(3, it.next(3).getFeatures().size(0));
        assertThrows(IllegalArgumentException.class, () -> it.next(0));
        assertThrows(IllegalArgumentException.class,
                () -> ImageDataSetIterator.ordered(digits, 0, PixelScaling.raw(), ImageLayout.FLAT));
    }

    private static int[] flatten(List<int[]> batches) {
        return batches.stream().flatMapToInt(java.util.Arrays::stream).toArray();
    }
}
