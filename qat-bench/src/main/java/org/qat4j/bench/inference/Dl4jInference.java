package org.qat4j.bench.inference;

import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.qat4j.bench.Nd4jThreads;

/**
 * The peer: DL4J 1.0.0-M2.1's float {@code MultiLayerNetwork.output()} on the float network the
 * int8 model was exported from (restored from its zip), ND4J's CPU backend with OpenBLAS. Same
 * images, modes and iterations as {@link QatEngineInference}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=4G",
    "-Dorg.bytedeco.javacpp.maxphysicalbytes=8G", "-XX:+IgnoreUnrecognizedVMOptions",
    "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class Dl4jInference {

  /** The network and the images as an ND4J array. */
  @State(Scope.Thread)
  public static class Network extends ModelInput {
    MultiLayerNetwork net;
    INDArray features;

    @Override
    protected void open() throws Exception {
      Nd4jThreads.limit(threads);
      net = ModelSerializer.restoreMultiLayerNetwork(files.floatNetwork().toFile(), false);
      features = Nd4j.create(images, model.dl4jInputShape(batch), 'c');
      net.output(features, false);
    }
  }

  /** Inference on the batch, as a user calls it: softmax probabilities in a new array. */
  @Benchmark
  public INDArray output(Network n) {
    return n.net.output(n.features, false);
  }
}
