package org.qat4j.core.kernels.fast;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * What a fast kernel derives from an op's parameters ({@link PreparedOp}: weights in GEMM form,
 * requantization constants), prepared once per op and reused on every call.
 *
 * <p>Keyed by the op's parameter record, which the interpreter builds once per op and passes on
 * every call. Parameter records compare their arrays by identity (record equality uses {@code
 * Object.equals} on array components), so a key stands for one set of weight arrays and never
 * costs a comparison of their contents. Keys are held weakly: the entry goes when the op's
 * parameters are no longer reachable, e.g. when the interpreter that built them is dropped.
 *
 * <p>Thread-safe: the map is synchronized and the preparation runs outside the lock, so two
 * threads meeting a new op at the same moment may both prepare it; one result is kept, and both
 * are equal because they copy the same arrays.
 *
 * @param <P> the parameter record type
 */
final class PreparedOps<P> {

  private final Map<P, PreparedOp> cache = Collections.synchronizedMap(new WeakHashMap<>());
  private final Function<P, PreparedOp> prepare;

  PreparedOps(Function<P, PreparedOp> prepare) {
    this.prepare = prepare;
  }

  /** The prepared form of {@code params}, prepared now if this is the first call for them. */
  PreparedOp of(P params) {
    PreparedOp op = cache.get(params);
    if (op == null) {
      op = prepare.apply(params);
      PreparedOp raced = cache.putIfAbsent(params, op);
      if (raced != null) {
        op = raced;
      }
    }
    return op;
  }

  /** Number of ops prepared and still reachable. */
  int size() {
    return cache.size();
  }
}
