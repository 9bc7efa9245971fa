/**
 * File writing shared by every module: {@link org.qat4j.core.io.AtomicFiles} writes to a temporary
 * name and renames it over the target, so no reader ever sees a half-written model, export or
 * report.
 */
package org.qat4j.core.io;
