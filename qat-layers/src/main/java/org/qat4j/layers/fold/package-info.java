/**
 * Batch-normalization folding for QAT: the batch norm after a convolution or dense layer is folded
 * into that layer's weights and bias before training, so weights are quantized as folded.
 *
 * <p>Key type: {@link org.qat4j.layers.fold.BatchNormFolding}. Numeric conventions: folding runs
 * in double on the float32 parameters, rounded to float32 once; the running statistics are used
 * (batch norm is frozen from the start of QAT).
 *
 * <p>Limits: batch statistics are not used during QAT (no Jacob et al. 2018 sec. 3.2 "ConvBn"
 * layer yet); a batch norm must directly follow the layer, with nothing but an identity
 * activation between.
 */
package org.qat4j.layers.fold;
