/** Real data sets as DL4J iterators and plain arrays. */
package org.qat4j.datasets;
