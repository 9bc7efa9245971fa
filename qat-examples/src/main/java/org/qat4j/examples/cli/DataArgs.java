package org.qat4j.examples.cli;

import org.qat4j.datasets.DatasetException;
import org.qat4j.examples.pipeline.DataChoice;
import org.qat4j.examples.pipeline.ImageData;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The data set options every training and evaluation subcommand shares. */
final class DataArgs {

    DataChoice data = DataChoice.DIGITS;
    private boolean dataGiven;

    @Option(names = "--data", paramLabel = "SET", converter = DataConverter.class,
            description = "Data set: digits (embedded 8x8, the default), fashion-mnist, mnist.")
    void setData(DataChoice choice) {
        data = choice;
        dataGiven = true;
    }

    /** @return whether {@code --data} was on the command line */
    boolean isDataGiven() {
        return dataGiven;
    }

    @Option(names = "--train-limit", paramLabel = "N", defaultValue = "0",
            description = "Use at most N training images (stratified subset; 0: all).")
    int trainLimit;

    @Option(names = "--test-limit", paramLabel = "N", defaultValue = "0",
            description = "Use at most N test images (stratified subset; 0: all).")
    int testLimit;

    /** Loads the chosen data set with its limits. */
    ImageData load() throws DatasetException {
        if (trainLimit < 0 || testLimit < 0) {
            throw new IllegalArgumentException("--train-limit " + trainLimit + " / --test-limit " + testLimit
                    + " is negative; give a count of images, or 0 for all");
        }
        return data.load().limited(trainLimit, testLimit);
    }

    /** Parses data set names with a message listing the choices. */
    static final class DataConverter implements ITypeConverter<DataChoice> {
        @Override
        public DataChoice convert(String value) {
            try {
                return DataChoice.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
