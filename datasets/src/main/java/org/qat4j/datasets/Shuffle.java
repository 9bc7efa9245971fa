package org.qat4j.datasets;

import java.util.Random;

/**
 * The one shuffle of this module: Fisher-Yates driven by {@link java.util.Random}.
 *
 * <p>{@code java.util.Random}'s generator is fully specified by the Java SE API (a 48-bit
 * linear congruential generator), so a seed gives the same permutation on every JVM and
 * version. The splits ({@link StratifiedSplit}) and the per-epoch orders of the DL4J iterators
 * both use it.
 */
public final class Shuffle {

    /** The odd constant (2^64 / golden ratio) that spreads epoch numbers over seeds. */
    private static final long EPOCH_STRIDE = 0x9E3779B97F4A7C15L;

    private Shuffle() {
    }

    /**
     * Shuffles in place: for {@code i} from {@code length-1} down to 1, swaps element {@code i}
     * with element {@code random.nextInt(i + 1)}.
     *
     * @param values the array to permute
     * @param random the generator, advanced by {@code values.length - 1} draws
     */
    public static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /**
     * The visiting order of one epoch: {@code 0..n-1} shuffled with
     * {@code new Random(seed + epoch * 0x9E3779B97F4A7C15L)} (arithmetic mod 2^64), so each
     * epoch has its own order and the same seed and epoch always give the same one.
     *
     * @param n     the number of examples
     * @param seed  the user's seed
     * @param epoch the epoch number, 0 for the first
     * @return a permutation of {@code 0..n-1}
     */
    public static int[] epochOrder(int n, long seed, long epoch) {
        int[] order = identity(n);
        shuffle(order, new Random(seed + epoch * EPOCH_STRIDE));
        return order;
    }

    /**
     * The identity permutation.
     *
     * @param n its length
     * @return {@code {0, 1, ..., n-1}}
     */
    public static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
