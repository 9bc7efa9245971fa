package org.qat4j.bench.inference;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What every runtime of the end-to-end benchmarks shares: which model, the batch of images, the
 * thread count; a runtime's {@code @State} extends this and opens its model in {@link #open()}.
 * JMH sets the {@code @Param}s, then calls {@link #setUpTrial()} once per trial (per fork and
 * parameter set), which builds the model files if missing ({@link BenchModelFiles#ensure}) and the
 * input batch ({@link BenchImages#random}, seed {@link BenchImages#SEED}: every runtime runs the
 * same images).
 *
 * <p>A runtime is one state extending this class ({@link OrtInference} is the latest), with an
 * {@code open()} that loads its model from {@link #files} and prepares its own input from
 * {@link #images}, and one {@code @Benchmark} method per way of calling it; see {@code
 * docs/performance.md}.
 */
@State(Scope.Thread)
public abstract class ModelInput {

  /** Which network. */
  @Param({"LENET", "MLP"})
  public BenchModel model;

  /** Images per call. */
  @Param({"1", "64"})
  public int batch;

  /** Threads the runtime may use (the calling thread included). */
  @Param({"1", "2"})
  public int threads;

  /** The model's files (both built). */
  protected BenchModelFiles files;

  /** {@code batch * 784} input values, one row per image, in DL4J's NCHW order. */
  protected float[] images;

  /** Builds the files if missing and the input batch, then opens the runtime's model. */
  @Setup(Level.Trial)
  public final void setUpTrial() throws Exception {
    files = BenchModelFiles.ensure(model);
    images = BenchImages.random(batch, BenchImages.SEED).pixels();
    open();
  }

  /** Releases what {@link #open()} acquired. */
  @TearDown(Level.Trial)
  public final void tearDownTrial() throws Exception {
    close();
  }

  /**
   * Loads the runtime's model from {@link #files}, sets its threads to {@link #threads} and runs
   * the batch once (so that a failure shows before measuring).
   */
  protected abstract void open() throws Exception;

  /** Stops threads or frees native memory; nothing by default. */
  protected void close() throws Exception {}
}
