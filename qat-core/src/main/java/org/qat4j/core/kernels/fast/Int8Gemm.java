package org.qat4j.core.kernels.fast;

import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Exact int8 matrix product with an activation zero point:
 *
 * <pre>  C[i][j] = sum_{k < K} (A[i][k] - aZeroPoint) * B[j][k]     (int32)</pre>
 *
 * <p>A is int8 activations, M x K row-major (with a row stride); B is {@link Int8Weights}, int8
 * [N][K] row-major ("weights transposed"), zero point 0 as in TFLite's int8 spec; C is int32,
 * M x N row-major (with a row stride) and is overwritten. This is the accumulator of TFLite's
 * fully connected and (after im2col) convolution kernels, before bias and requantization. For
 * im2col, fill padding positions with {@code aZeroPoint}: they then contribute exactly zero.
 *
 * <p>Arithmetic: the kernels compute {@code sum_k A[i][k] * B[j][k]} and subtract
 * {@code aZeroPoint * rowSum(B[j])}, both in int32. The result equals the exact integer sum
 * reduced modulo 2^32 (two's complement), i.e. exactly what an int32 accumulator computes, and
 * is the exact sum whenever that fits in int32 (always for {@code K <= 65793}, since each term is
 * at most {@code 255 * 128} in magnitude). Every variant and every thread count gives
 * bit-identical results.
 *
 * <p>Variants ({@link Int8GemmVariant}): {@link #create()} picks the Vector API kernel when the
 * JVM runs with {@code --add-modules jdk.incubator.vector} (and the system property
 * {@code qat4j.kernels.vector} is not {@code false}), else the scalar kernel. M == 1 takes a
 * matrix-vector path that reads the int8 weights directly; M >= 2 a blocked matrix-matrix path.
 *
 * <p>Threads: each instance owns up to {@code threads - 1} daemon worker threads and the calling
 * thread does one share. Work is split by panels of N (or by rows of M when N is narrow);
 * products too small to pay for a hand-off run on the calling thread. Instances are thread-safe;
 * {@link #close()} stops the workers.
 */
public final class Int8Gemm implements AutoCloseable {

  /**
   * Multiply-adds below which a product is not split between threads: about 100 us at full speed.
   * Handing a task to a parked worker and waiting for it took tens to a hundred microseconds on
   * the 2-core machine of docs/performance.md; with a quarter of this threshold, LeNet's second
   * convolution (1.6 million multiply-adds) was split at batch 1 and the whole network ran 1.3-1.5
   * times slower on two threads than on one.
   */
  static final long MIN_PRODUCTS_PER_TASK = 1L << 22;
  /** Rows per unit when splitting M between threads. */
  private static final int ROW_UNIT = 8;
  /** Columns per unit when splitting the matrix-vector product between threads. */
  private static final int GEMV_COLUMN_UNIT = 4;
  /** Largest accepted thread count: a guard against a unit mistake, not a tuning limit. */
  public static final int MAX_THREADS = 1024;

  private static final AtomicInteger POOL_COUNT = new AtomicInteger();

  private final GemmKernel kernel;
  private final int threads;
  private final long minProductsPerTask;
  private final ExecutorService pool;

  private Int8Gemm(GemmKernel kernel, int threads, long minProductsPerTask) {
    this.kernel = kernel;
    this.threads = threads;
    this.minProductsPerTask = minProductsPerTask;
    if (threads > 1) {
      int id = POOL_COUNT.incrementAndGet();
      AtomicInteger workerCount = new AtomicInteger();
      this.pool = Executors.newFixedThreadPool(threads - 1, r -> {
        Thread t = new Thread(r, "qat4j-gemm-" + id + "-" + workerCount.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    } else {
      this.pool = null;
    }
  }

  /** The best available variant, one thread per available processor. */
  public static Int8Gemm create() {
    return create(Runtime.getRuntime().availableProcessors());
  }

  /** The best available variant (see {@link #defaultVariant()}) with {@code threads} threads. */
  public static Int8Gemm create(int threads) {
    return new Int8Gemm(KernelSelection.defaultKernel(), checkThreads(threads), MIN_PRODUCTS_PER_TASK);
  }

  /**
   * A given variant with {@code threads} threads.
   *
   * @throws IllegalArgumentException if threads is outside [1, {@value #MAX_THREADS}]
   * @throws IllegalStateException if the variant cannot run in this JVM (the message says why)
   */
  public static Int8Gemm create(int threads, Int8GemmVariant variant) {
    return create(threads, variant, MIN_PRODUCTS_PER_TASK);
  }

  /**
   * {@link #create(int, Int8GemmVariant)} splitting products of at least {@code
   * minProductsPerTask} multiply-adds per task: tests pass 1 so that small products take the
   * multithreaded path too.
   */
  static Int8Gemm create(int threads, Int8GemmVariant variant, long minProductsPerTask) {
    checkThreads(threads);
    Objects.requireNonNull(variant, "variant");
    if (minProductsPerTask < 1) {
      throw new IllegalArgumentException("minProductsPerTask is " + minProductsPerTask + "; it must be at least 1");
    }
    if (variant == Int8GemmVariant.SCALAR) {
      return new Int8Gemm(ScalarGemmKernel.INSTANCE, threads, minProductsPerTask);
    }
    GemmKernel vector = KernelSelection.vectorKernel();
    if (vector == null) {
      throw new IllegalStateException("variant " + variant + " is not available: "
          + KernelSelection.vectorStatus());
    }
    return new Int8Gemm(vector, threads, minProductsPerTask);
  }

  /**
   * The variant {@link #create()} uses: {@link Int8GemmVariant#VECTOR_FLOAT_FMA} when the JVM
   * has {@code jdk.incubator.vector} and {@code -Dqat4j.kernels.vector=false} is not set, else
   * {@link Int8GemmVariant#SCALAR}.
   */
  public static Int8GemmVariant defaultVariant() {
    return KernelSelection.defaultKernel().variant();
  }

  /** A sentence saying whether the Vector API kernel is available here and, if not, why. */
  public static String vectorApiStatus() {
    KernelSelection.vectorKernel();
    return KernelSelection.vectorStatus();
  }

  private static int checkThreads(int threads) {
    if (threads < 1 || threads > MAX_THREADS) {
      throw new IllegalArgumentException("threads is " + threads + "; it must be in [1, " + MAX_THREADS
          + "] (Runtime.availableProcessors() is " + Runtime.getRuntime().availableProcessors() + ")");
    }
    return threads;
  }

  /** The variant this instance runs. */
  public Int8GemmVariant variant() {
    return kernel.variant();
  }

  /** The largest number of threads one product uses, the calling thread included. */
  public int threads() {
    return threads;
  }

  /**
   * {@code C = (A - aZeroPoint) * B^T} for a dense A ({@code rows x K}, row stride K) and a dense
   * C ({@code rows x N}, row stride N), both starting at index 0. Longer arrays are allowed.
   *
   * @see #multiply(byte[], int, int, int, int, Int8Weights, int[], int, int)
   */
  public void multiply(byte[] a, int rows, int aZeroPoint, Int8Weights b, int[] c) {
    multiply(a, 0, b.depth(), rows, aZeroPoint, b, c, 0, b.outputs());
  }

  /**
   * {@code C[i][j] = sum_k (A[i][k] - aZeroPoint) * B[j][k]} for {@code i < rows},
   * {@code j < N}, where {@code A[i][k] = a[aOffset + i * aRowStride + k]} and
   * {@code C[i][j] = c[cOffset + i * cRowStride + j]}; other elements of {@code c} are untouched.
   *
   * @param a int8 activations
   * @param aOffset index of A[0][0]
   * @param aRowStride distance between rows of A, at least K
   * @param rows M, at least 1; M == 1 takes the matrix-vector path
   * @param aZeroPoint the activation zero point, in [-128, 127]
   * @param b the weights, N x K
   * @param c the int32 output
   * @param cOffset index of C[0][0]
   * @param cRowStride distance between rows of C, at least N
   * @throws IllegalArgumentException if a dimension, stride, offset or the zero point is out of
   *     range, or an array is too short; the message names the value and the allowed range
   */
  public void multiply(byte[] a, int aOffset, int aRowStride, int rows, int aZeroPoint, Int8Weights b,
      int[] c, int cOffset, int cRowStride) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    Objects.requireNonNull(c, "c");
    int depth = b.depth();
    int outputs = b.outputs();
    if (rows < 1) {
      throw new IllegalArgumentException("rows (M) is " + rows + "; it must be at least 1");
    }
    if (aZeroPoint < -128 || aZeroPoint > 127) {
      throw new IllegalArgumentException("activation zero point " + aZeroPoint
          + " is outside the int8 range [-128, 127]; int8 activations need an int8 zero point");
    }
    checkMatrix("a", a.length, aOffset, aRowStride, rows, depth, "K");
    checkMatrix("c", c.length, cOffset, cRowStride, rows, outputs, "N");
    long products = (long) rows * depth * outputs;
    if (rows == 1) {
      int units = (outputs + GEMV_COLUMN_UNIT - 1) / GEMV_COLUMN_UNIT;
      int tasks = taskCount(products, units);
      runTasks(tasks, t -> {
        int from = Math.min(outputs, split(units, tasks, t) * GEMV_COLUMN_UNIT);
        int to = Math.min(outputs, split(units, tasks, t + 1) * GEMV_COLUMN_UNIT);
        initialise(c, cOffset, cRowStride, 0, 1, from, to, aZeroPoint, b);
        kernel.gemv(a, aOffset, b, from, to, c, cOffset);
      });
      return;
    }
    int width = kernel.panelWidth();
    int strips = (outputs + width - 1) / width;
    int rowUnits = (rows + ROW_UNIT - 1) / ROW_UNIT;
    boolean splitColumns = strips >= Math.min(threads, rowUnits);
    int units = splitColumns ? strips : rowUnits;
    int tasks = taskCount(products, units);
    runTasks(tasks, t -> {
      int rowFrom = 0;
      int rowTo = rows;
      int colFrom = 0;
      int colTo = outputs;
      if (splitColumns) {
        colFrom = Math.min(outputs, split(units, tasks, t) * width);
        colTo = Math.min(outputs, split(units, tasks, t + 1) * width);
      } else {
        rowFrom = Math.min(rows, split(units, tasks, t) * ROW_UNIT);
        rowTo = Math.min(rows, split(units, tasks, t + 1) * ROW_UNIT);
      }
      if (rowFrom < rowTo && colFrom < colTo) {
        initialise(c, cOffset, cRowStride, rowFrom, rowTo, colFrom, colTo, aZeroPoint, b);
        kernel.gemm(a, aOffset, aRowStride, rowFrom, rowTo, b, colFrom, colTo, c, cOffset, cRowStride);
      }
    });
  }

  /**
   * Bias, requantization and clamp of {@code rows} rows of accumulators into int8: exactly {@link
   * Requantizer#applyRows}, with this instance's kernel (the Vector API one is about twice as
   * fast). Runs on the calling thread.
   */
  void requantize(Requantizer stage, int[] accumulators, int accOffset, int rows, byte[] output, int outOffset) {
    kernel.requantize(stage, accumulators, accOffset, rows, output, outOffset);
  }

  private static void checkMatrix(String name, int length, int offset, int rowStride, int rows, int cols,
      String colsName) {
    if (offset < 0) {
      throw new IllegalArgumentException(name + "Offset is " + offset + "; it must be >= 0");
    }
    if (rowStride < cols) {
      throw new IllegalArgumentException(name + "RowStride is " + rowStride + "; it must be at least "
          + colsName + " = " + cols + " so that rows do not overlap");
    }
    long end = offset + (long) (rows - 1) * rowStride + cols;
    if (end > length) {
      throw new IllegalArgumentException(name + " has " + length + " elements but " + rows + " rows of "
          + cols + " at offset " + offset + " with row stride " + rowStride + " need " + end
          + "; pass a larger array or fewer rows");
    }
  }

  /**
   * C = -aZeroPoint * rowSum(B[j]) over a block, so the kernels only add A * B^T (eq. above): one
   * row of values worked out once, then copied to every row of the block.
   */
  private static void initialise(int[] c, int cOffset, int cRowStride, int rowFrom, int rowTo, int colFrom,
      int colTo, int aZeroPoint, Int8Weights b) {
    int width = colTo - colFrom;
    int first = cOffset + rowFrom * cRowStride + colFrom;
    for (int j = 0; j < width; j++) {
      c[first + j] = -aZeroPoint * b.rowSum(colFrom + j);
    }
    for (int i = rowFrom + 1; i < rowTo; i++) {
      System.arraycopy(c, first, c, cOffset + i * cRowStride + colFrom, width);
    }
  }

  private int taskCount(long products, int units) {
    if (pool == null || pool.isShutdown()) {
      return 1;
    }
    long byWork = Math.max(1, products / minProductsPerTask);
    return (int) Math.max(1, Math.min(Math.min(threads, units), byWork));
  }

  /** Start of share {@code t} of {@code units} split into {@code tasks} near-equal shares. */
  private static int split(int units, int tasks, int t) {
    return (int) ((long) units * t / tasks);
  }

  /** Runs tasks 1..n-1 on the workers and task 0 here; waits for all, rethrows the first failure. */
  private void runTasks(int tasks, IntConsumer task) {
    if (tasks == 1) {
      task.accept(0);
      return;
    }
    Future<?>[] futures = new Future<?>[tasks - 1];
    for (int t = 1; t < tasks; t++) {
      int id = t;
      futures[t - 1] = pool.submit(() -> task.accept(id));
    }
    Throwable failure = null;
    try {
      task.accept(0);
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    boolean interrupted = false;
    for (Future<?> f : futures) {
      // Wait even when interrupted: the workers are still writing into C.
      while (true) {
        try {
          f.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause();
          }
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    if (failure != null) {
      throw new IllegalStateException("a GEMM task failed", failure);
    }
  }

  /**
   * Runs this instance's kernels on small shapes until the JIT has compiled them, so the first
   * real product runs at full speed (Vector API code is 10-1000 times slower before C2 compiles
   * it). Each variant is warmed once per JVM; later calls return at once. Costs about half a
   * second of CPU for the Vector API kernel.
   */
  public void warmUp() {
    Warmup.run(kernel);
  }

  /** Stops the worker threads; later products still work, on the calling thread only. */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdown();
    }
  }

  @Override
  public String toString() {
    return "Int8Gemm[" + variant() + ", " + threads + " threads]";
  }
}
