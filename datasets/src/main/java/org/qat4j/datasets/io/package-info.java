/**
 * File formats, checksums and downloads behind the loaders; no ND4J.
 *
 * <p>Key types: {@link org.qat4j.datasets.io.IdxReader} (IDX unsigned-byte files, raw or
 * gzip), {@link org.qat4j.datasets.io.CompressedFile} (gzip detection by magic bytes and the
 * decompressed length that bounds allocation), {@link org.qat4j.datasets.io.TarReader} (a
 * minimal streaming tar reader), {@link org.qat4j.datasets.io.CifarRecords} (CIFAR-10 binary
 * records), {@link org.qat4j.datasets.io.Checksums} (SHA-256, MD5),
 * {@link org.qat4j.datasets.io.Downloader} and its default
 * {@link org.qat4j.datasets.io.HttpDownloader}, and
 * {@link org.qat4j.datasets.io.VerifiedFetch} (download to a temporary file, verify, atomic
 * rename).
 *
 * <p>Rules every reader follows: a header's counts are checked against the file's
 * (decompressed) length before an array is allocated; a file is read to its end and extra or
 * missing bytes are errors; failures are {@link org.qat4j.datasets.DatasetException}s that
 * name the file and the problem.
 *
 * <p>Limits: IDX files of unsigned bytes only (type 0x08); one array at most
 * {@code Integer.MAX_VALUE - 8} bytes; gzip lengths come from the ISIZE trailer of the last
 * gzip member, so files above 4 GiB decompressed and multi-member gzip files are rejected.
 */
package org.qat4j.datasets.io;
