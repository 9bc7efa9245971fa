/**
 * Real data sets, found, verified and loaded as plain arrays, with no ND4J needed.
 *
 * <p>Data sets:
 * <ul>
 *   <li>{@link org.qat4j.datasets.Digits}: the UCI optical digits (1,797 images, 1x8x8, raw
 *       0..16), embedded in the jar — the offline default;</li>
 *   <li>{@link org.qat4j.datasets.FashionMnist}, {@link org.qat4j.datasets.Mnist}: IDX files
 *       (60,000 + 10,000 images, 1x28x28, raw 0..255), gzipped or raw;</li>
 *   <li>{@link org.qat4j.datasets.Cifar10}: the binary version (50,000 + 10,000 images,
 *       3x32x32, raw 0..255).</li>
 * </ul>
 *
 * <p>Key types: {@link org.qat4j.datasets.LabeledImages} (immutable images as unsigned bytes
 * plus labels; the plain-array form), {@link org.qat4j.datasets.TrainTest},
 * {@link org.qat4j.datasets.PixelScaling} (raw, {@code [0,1]}, or per-channel
 * standardization from training statistics), {@link org.qat4j.datasets.FloatImages} and
 * {@code float[][]} rows, {@link org.qat4j.datasets.DataOptions} (lookup order and
 * downloads), {@link org.qat4j.datasets.DatasetException} (the one exception type).
 *
 * <p>Conventions: images are channel-first (C, H, W) inside a flat array; labels are class
 * indices; a seed fixes every split and shuffle through {@code java.util.Random}
 * ({@link org.qat4j.datasets.Shuffle}), so results are the same on every JVM.
 *
 * <p>Verification: every file is checked before data is returned — the embedded digits and
 * the IDX files against the SHA-256 of their decompressed bytes, the CIFAR-10 archive against
 * its size and published MD5 — and headers are checked against file lengths before any
 * allocation. Nothing half-read is ever returned.
 *
 * <p>Limits: everything is held in memory (Fashion-MNIST's training set is 47 MB as bytes;
 * {@code toFloatRows} quadruples that). This package and {@code org.qat4j.datasets.io} use no
 * ND4J class; the DL4J iterators live in {@code org.qat4j.datasets.dl4j}.
 */
package org.qat4j.datasets;
