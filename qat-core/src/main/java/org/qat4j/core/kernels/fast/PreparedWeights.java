package org.qat4j.core.kernels.fast;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * {@link Int8Weights} prepared once per op and reused on every call.
 *
 * <p>Keyed by the op's parameter record, which the interpreter builds once per op and passes on
 * every call. Parameter records compare their arrays by identity (record equality uses {@code
 * Object.equals} on array components), so a key stands for one set of weight arrays and never
 * costs a comparison of their contents. Keys are held weakly: the entry goes when the op's
 * parameters are no longer reachable, e.g. when the interpreter that built them is dropped.
 *
 * <p>Thread-safe: the map is synchronized and the preparation runs outside the lock, so two
 * threads meeting a new op at the same moment may both prepare it; one result is kept, and both
 * are equal because they copy the same array.
 *
 * @param <P> the parameter record type
 */
final class PreparedWeights<P> {

  private final Map<P, Int8Weights> cache = Collections.synchronizedMap(new WeakHashMap<>());
  private final Function<P, Int8Weights> prepare;

  PreparedWeights(Function<P, Int8Weights> prepare) {
    this.prepare = prepare;
  }

  /** The prepared weights of {@code params}, prepared now if this is the first call for them. */
  Int8Weights of(P params) {
    Int8Weights weights = cache.get(params);
    if (weights == null) {
      weights = prepare.apply(params);
      Int8Weights raced = cache.putIfAbsent(params, weights);
      if (raced != null) {
        weights = raced;
      }
    }
    return weights;
  }

  /** Number of ops prepared and still reachable. */
  int size() {
    return cache.size();
  }
}
