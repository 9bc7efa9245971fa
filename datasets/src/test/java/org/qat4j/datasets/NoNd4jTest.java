package org.qat4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The plain-array API works with no ND4J on the class path. */
class NoNd4jTest {

    private static Path classesDir() throws Exception {
        return Path.of(Digits.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void plainPackagesReferenceNoNd4jOrDl4jClass() throws Exception {
        Path root = classesDir().resolve("org/qat4j/datasets");
        List<Path> classes;
        try (Stream<Path> files = Files.walk(root)) {
            classes = files.filter(p -> p.toString().endsWith(".class"))
                    .filter(p -> !root.relativize(p).startsWith("dl4j")).toList();
        }
        assertTrue(classes.size() > 15, "found the compiled plain classes: " + classes.size());
        for (Path c : classes) {
            String constants = new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1);
            assertFalse(constants.contains("org/nd4j"), c + " refers to ND4J");
            assertFalse(constants.contains("org/deeplearning4j"), c + " refers to DL4J");
        }
    }

    @Test
    void digitsLoadSplitAndScaleInAClassLoaderWithoutNd4j() throws Exception {
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {classesDir().toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> isolated.loadClass("org.nd4j.linalg.factory.Nd4j"));
            Class<?> digits = isolated.loadClass(Digits.class.getName());
            Object images = digits.getMethod("load").invoke(null);
            Class<?> labeled = images.getClass();
            assertEquals(1797, labeled.getMethod("size").invoke(images));
            Object split = labeled.getMethod("split", double.class, long.class).invoke(images, 0.2, 42L);
            Object train = split.getClass().getMethod("train").invoke(split);
            Class<?> scalingClass = isolated.loadClass(PixelScaling.class.getName());
            Object unit = scalingClass.getMethod("unitRange", int.class).invoke(null, 16);
            Method rows = labeled.getMethod("toFloatRows", scalingClass);
            float[][] floats = (float[][]) rows.invoke(train, unit);
            assertEquals(1797 - 359, floats.length);
            assertEquals(64, floats[0].length);
            // The same split as in this class loader, which has ND4J.
            float[][] expected = Digits.load().split(0.2, 42).train().toFloatRows(PixelScaling.unitRange(16));
            assertTrue(java.util.Arrays.deepEquals(expected, floats));
        }
    }
}
