package org.qat4j.core.kernels.fast;

/**
 * Decides at run time which {@link GemmKernel} this JVM can run.
 *
 * <p>The Vector API kernel references {@code jdk.incubator.vector}, a JDK module that is only
 * resolved when the JVM is started with {@code --add-modules jdk.incubator.vector}. Loading that
 * class without the module would fail, so it is loaded by name, in a holder class, and only after
 * {@code ModuleLayer.boot()} shows the module; any linkage failure also falls back to scalar.
 */
final class KernelSelection {

  /** The JDK module that holds the Vector API. */
  static final String VECTOR_MODULE = "jdk.incubator.vector";

  /** System property that, set to {@code false}, makes the default kernel scalar. */
  static final String VECTOR_PROPERTY = "qat4j.kernels.vector";

  private static final String VECTOR_KERNEL_CLASS = "org.qat4j.core.kernels.fast.VectorFloatGemmKernel";

  private KernelSelection() {}

  /** The Vector API kernel, or null when this JVM cannot run it (see {@link #vectorStatus()}). */
  static GemmKernel vectorKernel() {
    return VectorHolder.KERNEL;
  }

  /** Why the Vector API kernel is or is not available, for logs and error messages. */
  static String vectorStatus() {
    return VectorHolder.STATUS;
  }

  /** The kernel {@link Int8Gemm#create()} uses: the Vector API one unless absent or disabled. */
  static GemmKernel defaultKernel() {
    GemmKernel vector = vectorKernel();
    boolean disabled = "false".equalsIgnoreCase(System.getProperty(VECTOR_PROPERTY, "true").trim());
    return vector == null || disabled ? ScalarGemmKernel.INSTANCE : vector;
  }

  /** Initialised on first use only, so the scalar path never touches the vector classes. */
  private static final class VectorHolder {
    static final GemmKernel KERNEL;
    static final String STATUS;

    static {
      GemmKernel kernel = null;
      String status;
      if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
        status = "module " + VECTOR_MODULE + " is not in the boot layer; start java with --add-modules "
            + VECTOR_MODULE + " for the Vector API kernel";
      } else {
        try {
          Class<?> type = Class.forName(VECTOR_KERNEL_CLASS);
          boolean usable = (Boolean) type.getDeclaredMethod("usable").invoke(null);
          if (usable) {
            kernel = (GemmKernel) type.getDeclaredConstructor().newInstance();
            status = "Vector API kernel loaded";
          } else {
            status = "the Vector API has fewer than 4 fp32 lanes on this CPU; the scalar kernel is faster";
          }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
          status = "the Vector API kernel failed to load (" + e + "); using the scalar kernel";
        }
      }
      KERNEL = kernel;
      STATUS = status;
    }
  }
}
