/**
 * Example programs that use qat4j from plain Java, each a {@code main} (see docs/examples.md).
 *
 * <p>{@link org.qat4j.examples.QuantizeTrainedModel} quantizes a trained DL4J network after
 * training (PTQ); {@link org.qat4j.examples.QatFromScratch} defines, trains, fine-tunes with fake
 * quantization and exports a CNN with the library API only; {@link
 * org.qat4j.examples.RunExportedModel} runs an exported model with nothing but the JDK and qat-core.
 *
 * <p>Subpackages: {@code cli} (the {@code qat4j} command), {@code pipeline} (the steps the command
 * and the examples share), {@code report} (tables and charts), {@code study} (the Fashion-MNIST
 * quantization study).
 */
package org.qat4j.examples;
