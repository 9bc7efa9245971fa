/**
 * JVM cold start to the first inference with only qat-core on the class path.
 *
 * <p>{@link org.qat4j.bench.coldstart.FirstInference} is the measured program (qat-core and the
 * JDK only: load a {@code .qat4j} file, run one image, print the class and its phase times);
 * {@link org.qat4j.bench.coldstart.ColdStart} launches it as a new {@code java} process many times
 * per variant (kernels, JVM flags), times launch to result from the outside, and prints median,
 * p90 and min (nearest rank) against the 300 ms target. Wall times include everything a user
 * waits for: process creation, JVM boot, class loading, the model file and the first image. The
 * files are in the page cache (one untimed launch per variant first): this is a cold JVM, not a
 * cold disk. With the fast kernels the child also reports when their background warm-up finished
 * (it waits for it after printing the result), and {@code --baseline-core} runs every variant with
 * a second qat-core jar in the same rounds, for before/after comparisons under the same load.
 */
package org.qat4j.bench.coldstart;
