/**
 * The data sets as Deeplearning4j / ND4J {@code DataSetIterator}s.
 *
 * <p>Key types: {@link org.qat4j.datasets.dl4j.ImageDataSetIterator} (ordered or seeded
 * shuffled batches, every image exactly once per epoch, last batch partial),
 * {@link org.qat4j.datasets.dl4j.ImageBatches} (one batch or a whole set as a {@code DataSet}),
 * {@link org.qat4j.datasets.dl4j.ImageLayout} (NCHW or flat rows).
 *
 * <p>Conventions: features are float32, scaled by a {@link org.qat4j.datasets.PixelScaling}
 * (the same table as the plain arrays, so both give identical floats); labels are one-hot
 * float32 {@code [N, numClasses]}.
 *
 * <p>This is the only package of the module that needs ND4J on the class path (and a backend,
 * such as {@code nd4j-native}, at run time).
 */
package org.qat4j.datasets.dl4j;
