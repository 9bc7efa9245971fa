package org.qat4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * qat-core is the jar that ships to a device: it may depend on the JDK and nothing else.
 * Checked twice: the pom declares no non-test dependency, and jdeps finds no class outside
 * the JDK referenced from the compiled classes.
 */
class QatCoreDependenciesTest {

  @Test
  void pomDeclaresOnlyTestDependencies() throws Exception {
    Path pom = Path.of("pom.xml");
    assertTrue(Files.exists(pom), "run from the qat-core module directory; no " + pom.toAbsolutePath());
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = factory.newDocumentBuilder().parse(pom.toFile());
    List<String> runtime = new ArrayList<>();
    NodeList children = doc.getDocumentElement().getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node n = children.item(i);
      if (n instanceof Element e && e.getTagName().equals("dependencies")) {
        NodeList deps = e.getElementsByTagName("dependency");
        for (int j = 0; j < deps.getLength(); j++) {
          Element d = (Element) deps.item(j);
          NodeList scope = d.getElementsByTagName("scope");
          String s = scope.getLength() == 0 ? "compile" : scope.item(0).getTextContent().trim();
          if (!s.equals("test")) {
            runtime.add(d.getElementsByTagName("artifactId").item(0).getTextContent() + " (" + s + ")");
          }
        }
      }
    }
    assertEquals(List.of(), runtime, "qat-core must have no dependency beyond the JDK");
  }

  @Test
  void compiledClassesReferenceOnlyJdkModules() {
    Path classes = Path.of("target", "classes");
    assertTrue(Files.isDirectory(classes), "compile qat-core first; no " + classes.toAbsolutePath());
    ToolProvider jdeps = ToolProvider.findFirst("jdeps")
        .orElseThrow(() -> new AssertionError("jdeps is missing from this JDK"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = jdeps.run(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        "--multi-release", "17", "-verbose:package", classes.toString());
    String report = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, rc, "jdeps failed: " + err.toString(StandardCharsets.UTF_8));
    List<String> foreign = new ArrayList<>();
    for (String line : report.split("\\R")) {
      String t = line.trim();
      // Package lines look like "org.qat4j.core.x -> java.lang  java.base"; the last word is the module.
      if (!t.contains("->")) {
        continue;
      }
      String target = t.substring(t.indexOf("->") + 2).trim();
      String[] words = target.split("\\s+");
      String module = words[words.length - 1];
      boolean jdk = module.startsWith("java.") || module.startsWith("jdk.");
      boolean self = words[0].startsWith("org.qat4j.core") || module.equals("classes");
      if (!jdk && !self) {
        foreign.add(t);
      }
    }
    assertEquals(List.of(), foreign, "qat-core references classes outside the JDK:\n" + report);
  }
}
