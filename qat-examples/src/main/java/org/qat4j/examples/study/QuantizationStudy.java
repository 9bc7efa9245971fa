package org.qat4j.examples.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.examples.pipeline.Accuracy;
import org.qat4j.examples.pipeline.ConsoleOutput;
import org.qat4j.examples.pipeline.EngineEvaluation;
import org.qat4j.examples.pipeline.ImageData;
import org.qat4j.examples.pipeline.Int8Export;
import org.qat4j.examples.pipeline.Pipeline;
import org.qat4j.examples.pipeline.ReferenceModels;
import org.qat4j.examples.pipeline.Training;

/**
 * The quantization study: one float reference CNN (conv-BN-ReLU x2 with max pooling, dense,
 * softmax), a float control trained as many more epochs as QAT fine-tunes, then every {@link
 * StudyVariant} from the float network, each measured twice: simulated (the QAT network in DL4J)
 * and on the int8 engine (the exported model).
 */
public final class QuantizationStudy {

    /**
     * How long and how big the study is.
     *
     * @param floatEpochs float training epochs
     * @param qatEpochs fine-tuning epochs of each QAT row
     * @param batch batch size
     * @param seed weight-initialization and shuffle seed
     * @param learningRate Adam's learning rate for fine-tuning
     * @param channels1 channels of the first convolution
     * @param channels2 channels of the second convolution
     * @param hidden units of the dense hidden layer
     */
    public record Settings(int floatEpochs, int qatEpochs, int batch, long seed, double learningRate, int channels1,
            int channels2, int hidden) {

        /** Validates the counts. */
        public Settings {
            new Training.Plan(floatEpochs, batch, seed);
            new Training.Plan(qatEpochs, batch, seed);
            if (channels1 < 1 || channels2 < 1 || hidden < 1) {
                throw new IllegalArgumentException("layer sizes " + channels1 + ", " + channels2 + ", " + hidden
                        + " must each be at least 1");
            }
        }

        /**
         * @return the settings of the published run: 3 float epochs, 1 QAT epoch, batch 64, 8 and
         *     16 channels, dense 64
         */
        public static Settings standard() {
            return new Settings(3, 1, 64, 42, Pipeline.QAT_LEARNING_RATE, 8, 16, 64);
        }

        /** @return a one-line description */
        public String describe() {
            return String.format(Locale.ROOT, "float %d epochs, QAT %d epoch(s) per row, batch %d, Adam %.0e (float) / %.0e "
                    + "(QAT), seed %d", floatEpochs, qatEpochs, batch, ReferenceModels.FLOAT_LEARNING_RATE,
                    learningRate, seed);
        }
    }

    private QuantizationStudy() {
    }

    /**
     * Runs the study.
     *
     * @param data the images
     * @param settings sizes and epochs
     * @param variants the rows to run
     * @param io where progress goes
     * @return every measurement
     */
    public static StudyResult run(ImageData data, Settings settings, List<StudyVariant> variants, ConsoleOutput io) {
        Objects.requireNonNull(variants, "variants");
        long start = System.nanoTime();
        MultiLayerNetwork floatNet = ReferenceModels.twoBlockCnn(data.shape(), data.numClasses(), settings.channels1(),
                settings.channels2(), settings.hidden(), settings.seed());
        Training.Plan floatPlan = new Training.Plan(settings.floatEpochs(), settings.batch(), settings.seed());
        Training.fit(floatNet, data, floatPlan, "float", io);
        double floatAccuracy = Accuracy.of(floatNet, data);
        double floatSeconds = (System.nanoTime() - start) / 1e9;
        io.err().printf(Locale.ROOT, "float: %.2f %% in %.0f s%n", 100 * floatAccuracy, floatSeconds);

        Training.Plan qatPlan = new Training.Plan(settings.qatEpochs(), settings.batch(), settings.seed());
        // Control: the same extra epochs without quantization, so the table separates what QAT's
        // fine-tuning gains from training longer from what quantization costs.
        MultiLayerNetwork control = floatNet.clone();
        control.setLearningRate(settings.learningRate());
        Training.fit(control, data, qatPlan, "float control", io);
        double controlAccuracy = Accuracy.of(control, data);
        io.err().printf(Locale.ROOT, "float + %d epoch(s) (control): %.2f %%%n", settings.qatEpochs(),
                100 * controlAccuracy);
        List<StudyResult.Row> rows = new ArrayList<>();
        for (StudyVariant v : variants) {
            long t0 = System.nanoTime();
            MultiLayerNetwork qat = v.trained()
                    ? Pipeline.qat(floatNet, v.settings(), data, qatPlan, settings.learningRate(), io)
                    : Pipeline.ptq(floatNet, v.settings(), data, qatPlan);
            int[] simulatedClasses = Accuracy.predictions(qat, data);
            double simulated = Accuracy.fractionEqual(simulatedClasses, data.test().labels());
            double engine = Double.NaN;
            double agreement = Double.NaN;
            String note = "";
            try {
                IntegerModel model = Int8Export.export(qat, data.shape(), data.choice().classNames(), v.name());
                int[] engineClasses = EngineEvaluation.predictions(model, data.test(), data.scaling());
                engine = Accuracy.fractionEqual(engineClasses, data.test().labels());
                agreement = Accuracy.fractionEqual(engineClasses, simulatedClasses);
            } catch (RuntimeException e) {
                note = "not exported: " + e.getMessage();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            rows.add(new StudyResult.Row(v, simulated, engine, agreement, note, seconds));
            io.err().printf(Locale.ROOT, "%s: simulated %.2f %%, engine %s, %.0f s%n", v.name(), 100 * simulated,
                    Double.isNaN(engine) ? note : String.format(Locale.ROOT, "%.2f %%", 100 * engine), seconds);
        }
        String network = String.format(Locale.ROOT, "conv3x3(%d)-BN-ReLU-maxpool2, conv3x3(%d)-BN-ReLU-maxpool2, dense(%d)-ReLU, "
                + "dense(%d)-softmax; %,d parameters", settings.channels1(), settings.channels2(), settings.hidden(),
                data.numClasses(), floatNet.numParams());
        String dataText = String.format(Locale.ROOT, "%s, %,d training / %,d test images of %s", data.choice(),
                data.train().size(), data.test().size(), data.shape());
        return new StudyResult(dataText, network, floatAccuracy, floatSeconds, controlAccuracy, rows);
    }
}
