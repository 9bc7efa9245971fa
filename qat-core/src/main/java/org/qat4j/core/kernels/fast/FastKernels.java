package org.qat4j.core.kernels.fast;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.qat4j.core.kernels.KernelSet;

/**
 * {@link KernelSet}s whose fully connected and convolution kernels run on {@link Int8Gemm}
 * ({@link FullyConnectedFast}, {@link Conv2DFast}) and whose pools are the plain-Java
 * channel-innermost twins ({@link MaxPoolFast}, {@link AveragePoolFast}). Their outputs are
 * byte-identical to {@link KernelSet#reference()}.
 *
 * <p>The Vector API kernels are slow until the JIT has compiled them, and compiling them takes
 * {@link Int8Gemm#warmUp()} about half a second of CPU. {@link #shared()} keeps that off the
 * caller's path: it returns at once and warms up on a background thread, running the reference
 * fully connected and convolution kernels (identical bytes, and faster than cold fast kernels)
 * until the fast ones are ready. The pools need no warm-up: the shared set runs the fast pools
 * from the start.
 */
public final class FastKernels {

  /** Name recorded in {@link KernelSet#name()} for the sets built here. */
  public static final String NAME = "fast";

  /** Name of the daemon thread that warms up the shared set. */
  static final String WARM_UP_THREAD = "qat4j-warm-up";

  private static final Object LOCK = new Object();
  private static SharedWarmUp shared; // guarded by LOCK

  private FastKernels() {}

  /**
   * A set shared by the whole JVM: one {@link Int8Gemm} with one thread per available processor,
   * its workers daemon threads that live as long as the JVM. Returns at once.
   *
   * <p>The first call starts a daemon thread that creates the {@link Int8Gemm} (the default
   * variant, except that the Vector API kernel gives way to the scalar one when HotSpot's C2
   * compiler is off, see {@link OptimizingCompiler}) and warms it up ({@link Int8Gemm#warmUp()},
   * about half a second of CPU once per JVM). Until that has finished, the set's fully connected
   * and convolution kernels are the reference ones; then every later call runs the fast ones (its
   * pools are {@link MaxPoolFast} and {@link AveragePoolFast} throughout). Both
   * give the same bytes, so results never depend on when the switch happens; a call runs wholly
   * on one side, so the set is safe for concurrent callers throughout. If the warm-up fails (it
   * should not), the set stays on the reference kernels and {@link #awaitSharedWarmUp} says why.
   */
  public static KernelSet shared() {
    return sharedWarmUp().kernelSet;
  }

  /**
   * Waits until {@link #shared()} runs the fast kernels (starting its warm-up if nothing has
   * asked for the set yet), for callers that time steady-state speed from the first call.
   *
   * @param timeout the longest wait; 0 only asks
   * @param unit the unit of {@code timeout}
   * @return true if the shared set runs the fast kernels, false if the time ran out first
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalStateException if the warm-up failed (the set then runs the reference kernels)
   */
  public static boolean awaitSharedWarmUp(long timeout, TimeUnit unit) throws InterruptedException {
    SharedWarmUp warmUp = sharedWarmUp();
    boolean done = warmUp.done.await(timeout, unit);
    if (done && warmUp.failure != null) {
      throw new IllegalStateException("the fast kernels' warm-up failed, so the shared set runs the reference"
          + " kernels: " + warmUp.failure, warmUp.failure);
    }
    return done;
  }

  /** The variant of the shared set's fast kernels, or null until its warm-up has created them. */
  static Int8GemmVariant sharedVariant() {
    return sharedWarmUp().variant;
  }

  private static SharedWarmUp sharedWarmUp() {
    synchronized (LOCK) {
      if (shared == null) {
        shared = new SharedWarmUp();
        Thread thread = new Thread(shared, WARM_UP_THREAD);
        thread.setDaemon(true); // never keeps the JVM alive
        thread.start();
      }
      return shared;
    }
  }

  /**
   * A new set on a new {@link Int8Gemm} with {@code threads} threads (the calling thread included).
   *
   * @throws IllegalArgumentException if threads is outside [1, {@link Int8Gemm#MAX_THREADS}]
   */
  public static KernelSet kernelSet(int threads) {
    return kernelSet(Int8Gemm.create(threads));
  }

  /**
   * A set multiplying with {@code gemm}, with {@link MaxPoolFast} and {@link AveragePoolFast} for
   * pooling; closing the gemm later only stops its extra threads.
   */
  public static KernelSet kernelSet(Int8Gemm gemm) {
    Objects.requireNonNull(gemm, "gemm");
    return new KernelSet(NAME, new FullyConnectedFast(gemm), new Conv2DFast(gemm), new MaxPoolFast(),
        new AveragePoolFast());
  }

  /**
   * The shared set and the body of the thread that warms it up: create the {@link Int8Gemm}, warm
   * it up, then switch the set's fully connected and convolution kernels from the reference ones
   * to the fast ones. Its pools are the fast ones from the start: plain loops, no warm-up.
   */
  private static final class SharedWarmUp implements Runnable {
    final SwitchingKernels switching = new SwitchingKernels(KernelSet.reference());
    final KernelSet kernelSet = new KernelSet(NAME, switching, switching, new MaxPoolFast(), new AveragePoolFast());
    final CountDownLatch done = new CountDownLatch(1);
    volatile Int8GemmVariant variant;
    volatile Throwable failure;

    @Override
    public void run() {
      try {
        Int8Gemm gemm = Int8Gemm.defaultVariant() == Int8GemmVariant.SCALAR || OptimizingCompiler.enabled()
            ? Int8Gemm.create()
            : Int8Gemm.create(Runtime.getRuntime().availableProcessors(), Int8GemmVariant.SCALAR);
        variant = gemm.variant();
        gemm.warmUp();
        switching.switchTo(kernelSet(gemm));
      } catch (RuntimeException | Error e) {
        failure = e;
        throw e; // the thread's uncaught-exception handler reports it; the set stays on the reference kernels
      } finally {
        done.countDown();
      }
    }
  }

  /**
   * Whether HotSpot's optimizing compiler (C2, tier 4) is on. The Vector API kernel is fast only
   * once C2 has compiled it: with C1 alone ({@code -XX:TieredStopAtLevel=1}, a common start-up
   * flag) or no compiler ({@code -Xint}) it stays about 10 times slower than the reference
   * kernels, and the scalar kernel is the fast one. In its own class so that the management
   * classes load only when the Vector API is there, and never on the caller's thread.
   */
  static final class OptimizingCompiler {

    private OptimizingCompiler() {}

    /** True unless the VM's flags show C2 is off; true as well when the VM does not say (not HotSpot). */
    static boolean enabled() {
      try {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (vm == null) {
          return true;
        }
        if (!Boolean.parseBoolean(vm.getVMOption("UseCompiler").getValue())) {
          return false; // -Xint
        }
        boolean tiered = Boolean.parseBoolean(vm.getVMOption("TieredCompilation").getValue());
        return !tiered || Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue()) >= 4;
      } catch (RuntimeException | LinkageError e) {
        return true; // no jdk.management, or flags this VM does not have: assume the default JIT
      }
    }
  }
}
