/** Example programs that use qat4j from plain Java. */
package org.qat4j.examples;
