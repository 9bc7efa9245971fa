package org.qat4j.datasets;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The one exception type of this module: a data set could not be found, fetched or read.
 *
 * <p>Every loader throws it, and only it, for bad or missing data: truncated or corrupt
 * files, wrong magic numbers, header counts that disagree with the file length, labels out
 * of range, checksum mismatches, image/label count mismatches, missing data with downloads
 * off, failed downloads. The message always starts with the source (a file path, a URL, a
 * resource or a data set name) followed by the problem and, where there is one, the fix.
 * When it is thrown, nothing half-read is returned and no partially written file is left in
 * place of a good one.
 *
 * <p>It extends {@link IOException} (checked) because callers already handle I/O failure
 * when they load data; a data problem is one kind of it.
 */
public class DatasetException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The file, URL, resource or data set the problem is about. */
    private final String source;

    /**
     * A problem with one source.
     *
     * @param source  the file, URL, resource or data set name the problem is about
     * @param problem what is wrong, the value found and the fix, as one sentence or two
     */
    public DatasetException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    /**
     * A problem with one source, caused by a lower-level failure.
     *
     * @param source  the file, URL, resource or data set name the problem is about
     * @param problem what is wrong and the fix
     * @param cause   the underlying failure (for example a {@link java.util.zip.ZipException})
     */
    public DatasetException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /**
     * A problem with one file.
     *
     * @param file    the file
     * @param problem what is wrong and the fix
     */
    public DatasetException(Path file, String problem) {
        this(file.toString(), problem);
    }

    /**
     * A problem with one file, caused by a lower-level failure.
     *
     * @param file    the file
     * @param problem what is wrong and the fix
     * @param cause   the underlying failure
     */
    public DatasetException(Path file, String problem, Throwable cause) {
        this(file.toString(), problem, cause);
    }

    /**
     * The file, URL, resource or data set name the problem is about.
     *
     * @return the source, as it starts the message
     */
    public String source() {
        return source;
    }
}
