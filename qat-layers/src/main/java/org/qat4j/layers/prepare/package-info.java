/**
 * The rewrite of a float network into its QAT twin: the per-layer rules ({@link
 * org.qat4j.layers.prepare.LayerRole}: weighted, output, batch norm, activation, grid-preserving,
 * re-quantizing, loss, unsupported; which activations fuse) and their application to a
 * MultiLayerNetwork ({@link org.qat4j.layers.prepare.MultiLayerRewriter}).
 *
 * <p>The rules do not depend on the network type, so a ComputationGraph rewriter can apply them
 * vertex by vertex. Parameters are copied or folded (see {@link org.qat4j.layers.fold}); updater
 * state is not copied.
 *
 * <p>Limits: MultiLayerNetwork only; per-channel activation ranges only right after dense and
 * convolution layers (elsewhere the channel count is not known here, so they are per tensor).
 */
package org.qat4j.layers.prepare;
