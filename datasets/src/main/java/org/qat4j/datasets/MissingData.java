package org.qat4j.datasets;

import java.util.List;

/** Builds the exception for a data set that is nowhere to be found and may not be downloaded. */
final class MissingData {

    private MissingData() {
    }

    /**
     * @param name     the data set's name
     * @param findings one line per searched directory: the directory and what was missing
     * @param options  the options used, to say whether downloads were off and why
     * @param ways     the ways to get the data, most convenient first
     * @return the exception, its message listing the search and every way to get the data
     */
    static DatasetException exception(String name, List<String> findings, DataOptions options, List<String> ways) {
        StringBuilder message = new StringBuilder("not found. Looked in, in this order:");
        for (String finding : findings) {
            message.append("\n  - ").append(finding);
        }
        if (!options.download()) {
            message.append("\nDownloads are off (DataOptions.download() is false");
            if (Boolean.getBoolean(DataOptions.OFFLINE_PROPERTY)) {
                message.append("; the system property ").append(DataOptions.OFFLINE_PROPERTY).append(" is true");
            }
            message.append(").");
        }
        message.append("\nTo get it:");
        for (String way : ways) {
            message.append("\n  - ").append(way);
        }
        return new DatasetException(name, message.toString());
    }
}
