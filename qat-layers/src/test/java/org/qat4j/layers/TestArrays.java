package org.qat4j.layers;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded float arrays for tests (java.util.Random, so values do not depend on ND4J's RNG). */
public final class TestArrays {

    private TestArrays() {
    }

    /**
     * @param seed the seed
     * @param lo lower bound
     * @param hi upper bound
     * @param shape the shape
     * @return uniform values in [lo, hi), C order
     */
    public static INDArray uniform(long seed, double lo, double hi, long... shape) {
        Random rnd = new Random(seed);
        float[] v = new float[(int) length(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (lo + (hi - lo) * rnd.nextDouble());
        }
        return Nd4j.createFromArray(v).reshape(shape);
    }

    /**
     * @param seed the seed
     * @param shape the shape
     * @return standard normal values, C order
     */
    public static INDArray gaussian(long seed, long... shape) {
        Random rnd = new Random(seed);
        float[] v = new float[(int) length(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return Nd4j.createFromArray(v).reshape(shape);
    }

    private static long length(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }
}
