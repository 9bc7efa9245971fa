package org.qat4j.examples.study;

import java.util.List;
import java.util.Objects;

/**
 * What a study run measured.
 *
 * @param dataDescription the data used, e.g. "fashion-mnist, 60000 train / 10000 test"
 * @param networkDescription the float network, e.g. its layers and parameter count
 * @param floatAccuracy the float network's test accuracy
 * @param floatSeconds float training time
 * @param controlAccuracy the float network trained as many more epochs as each QAT row fine-tunes,
 *     at the QAT learning rate, without quantization: what the extra training alone gives
 * @param rows one per variant, in order
 */
public record StudyResult(String dataDescription, String networkDescription, double floatAccuracy, double floatSeconds,
        double controlAccuracy, List<Row> rows) {

    /** Copies the rows. */
    public StudyResult {
        Objects.requireNonNull(dataDescription, "dataDescription");
        Objects.requireNonNull(networkDescription, "networkDescription");
        rows = List.copyOf(rows);
    }

    /**
     * One measured variant.
     *
     * @param variant what was run
     * @param simulated the QAT network's test accuracy with fake quantization (DL4J)
     * @param engine the exported model's test accuracy on the int8 engine, or NaN if it could not be exported
     * @param agreement the fraction of test images where engine and simulated predict the same class, or NaN
     * @param note why there is no engine figure, or empty
     * @param seconds time of the row (calibration, training, export, both evaluations)
     */
    public record Row(StudyVariant variant, double simulated, double engine, double agreement, String note,
            double seconds) {

        /** Checks the note. */
        public Row {
            Objects.requireNonNull(note, "note");
        }

        /** @return whether the engine ran */
        public boolean hasEngine() {
            return !Double.isNaN(engine);
        }
    }

    /**
     * @param name a variant's name
     * @return its row
     * @throws IllegalArgumentException if there is none
     */
    public Row row(String name) {
        for (Row r : rows) {
            if (r.variant().name().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("the study has no row '" + name + "'");
    }

    /** @return whether the study has a row with this name */
    public boolean hasRow(String name) {
        return rows.stream().anyMatch(r -> r.variant().name().equals(name));
    }
}
