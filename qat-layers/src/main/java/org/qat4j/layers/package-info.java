/** Deeplearning4j integration for quantization-aware training. */
package org.qat4j.layers;
