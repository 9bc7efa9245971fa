package org.qat4j.datasets.dl4j;

/** How a batch of images is shaped as a features array. */
public enum ImageLayout {

    /** {@code [N, C, H, W]}: for convolutional networks (DL4J's default CNN format). */
    NCHW,

    /** {@code [N, C*H*W]}: each image flattened in C, H, W order, for dense networks. */
    FLAT
}
