/**
 * The qat4j model file: an {@link org.qat4j.core.format.IntegerModel} (an integer graph plus
 * {@link org.qat4j.core.format.ModelMetadata}) saved and loaded by qat-core alone.
 *
 * <p><b>Key types.</b> {@link org.qat4j.core.format.IntegerModel} ({@code save}, {@code load}
 * from a path, stream or bytes), {@link org.qat4j.core.format.ModelMetadata}, {@link
 * org.qat4j.core.format.InputLayout}, {@link org.qat4j.core.format.ModelFormatException} (the one
 * exception a bad file causes) and {@link org.qat4j.core.format.ModelFileFormat} (magic, version,
 * limits). The byte layout is in {@code docs/model-format.md}.
 *
 * <p><b>Conventions.</b> Little-endian; strings are u16-length-prefixed UTF-8; weights of fewer
 * than 8 bits are bit-packed; a SHA-256 of the payload sits in the header and is checked before
 * anything else is parsed. Files are written to a temporary file and renamed atomically.
 *
 * <p><b>Limits.</b> A payload of at most 1 GiB; every count is checked against hard limits
 * ({@link org.qat4j.core.graph.GraphLimits}, {@link org.qat4j.core.format.ModelFileFormat}) and
 * against the bytes remaining before anything is allocated, and each load's allocations are
 * charged to a budget proportional to the file size. Loading has no side effects and either
 * returns a complete, validated model or throws.
 */
package org.qat4j.core.format;
