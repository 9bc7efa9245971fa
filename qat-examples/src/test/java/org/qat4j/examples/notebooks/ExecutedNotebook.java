package org.qat4j.examples.notebooks;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A notebook file (nbformat 4 JSON) read for checking: what a reader of an executed notebook
 * sees must be tables and charts, so error outputs, anything on standard error, stack traces and
 * unexecuted code cells are problems. Also writes the copy that is committed beside the sources.
 */
final class ExecutedNotebook {

    /** The notebook-level metadata key under which a notebook lists what it needs. */
    static final String METADATA_KEY = "qat4j";
    /** The kernel spec the committed notebooks name: IJava's, the kernel users install. */
    static final String READER_KERNEL = "java";

    /** A Java stack frame as JShell and the JVM print it ("at pkg.Class.method(File.java:12)"). */
    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s*at [\\w$.<>/]+\\(.*\\)\\s*$");

    private final JsonObject root;
    /** The file's text: parsed again for the committed copy, which must not alter {@link #root}. */
    private final String json;

    private ExecutedNotebook(JsonObject root, String json) {
        this.root = root;
        this.json = json;
    }

    /**
     * @param file an .ipynb file
     * @return the parsed notebook
     * @throws IOException if it cannot be read or is not a notebook
     */
    static ExecutedNotebook read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * @param json the file's text
     * @param name the file's name, for messages
     * @return the parsed notebook
     * @throws IOException if it is not an nbformat 4 notebook
     */
    static ExecutedNotebook parse(String json, String name) throws IOException {
        JsonElement e;
        try {
            e = new JsonParser().parse(json);
        } catch (RuntimeException ex) {
            throw new IOException(name + " is not valid JSON: " + ex.getMessage(), ex);
        }
        if (!e.isJsonObject() || !e.getAsJsonObject().has("cells") || !e.getAsJsonObject().has("nbformat")
                || e.getAsJsonObject().get("nbformat").getAsInt() != 4) {
            throw new IOException(name + " is not an nbformat 4 notebook (no 'cells', or 'nbformat' is not 4)");
        }
        return new ExecutedNotebook(e.getAsJsonObject(), json);
    }

    /**
     * What the notebook needs beyond the build, from its metadata ({@code "qat4j": {"requires":
     * ["fashion-mnist"]}}).
     *
     * @return the requirement names, possibly empty
     */
    List<String> requirements() {
        List<String> out = new ArrayList<>();
        JsonObject meta = root.getAsJsonObject("metadata");
        if (meta != null && meta.has(METADATA_KEY) && meta.getAsJsonObject(METADATA_KEY).has("requires")) {
            for (JsonElement r : meta.getAsJsonObject(METADATA_KEY).getAsJsonArray("requires")) {
                out.add(r.getAsString());
            }
        }
        return out;
    }

    /**
     * Everything in the outputs a reader should not see, and every code cell that did not run.
     *
     * @return one line per problem, naming the cell; empty if the notebook is clean
     */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        JsonArray cells = root.getAsJsonArray("cells");
        int codeCells = 0;
        for (int i = 0; i < cells.size(); i++) {
            JsonObject cell = cells.get(i).getAsJsonObject();
            if (!"code".equals(cell.get("cell_type").getAsString())) {
                continue;
            }
            codeCells++;
            String where = "cell " + i + " (" + firstLine(cell) + ")";
            if (!cell.has("execution_count") || cell.get("execution_count").isJsonNull()) {
                problems.add(where + " was not executed");
            }
            for (JsonElement o : cell.getAsJsonArray("outputs")) {
                JsonObject out = o.getAsJsonObject();
                String type = out.get("output_type").getAsString();
                if ("error".equals(type)) {
                    problems.add(where + " has an error output: " + text(out.get("ename")) + ": " + text(out.get("evalue")));
                } else if ("stream".equals(type) && "stderr".equals(out.get("name").getAsString())) {
                    problems.add(where + " printed to standard error: " + abbreviate(text(out.get("text"))));
                } else if ("stream".equals(type) && STACK_FRAME.matcher(text(out.get("text"))).find()) {
                    problems.add(where + " printed a stack trace: " + abbreviate(text(out.get("text"))));
                }
            }
        }
        if (codeCells == 0) {
            problems.add("the notebook has no code cell");
        }
        return problems;
    }

    /**
     * The copy committed beside the sources: outputs kept, but without what differs between
     * runs or kernels (cell execution timestamps; the output of magic lines such as
     * {@code %jars}, which IJava does not print and the build's kernel prints with absolute
     * paths), and naming IJava's kernel spec.
     *
     * @return the cleaned notebook, formatted as Jupyter writes notebooks
     */
    String forCommit() {
        JsonObject copy = new JsonParser().parse(json).getAsJsonObject();
        for (JsonElement c : copy.getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            if (cell.has("metadata")) {
                cell.getAsJsonObject("metadata").remove("execution");
            }
            if ("code".equals(cell.get("cell_type").getAsString()) && firstLine(cell).startsWith("%")) {
                cell.add("outputs", new JsonArray());
            }
        }
        JsonObject meta = copy.getAsJsonObject("metadata");
        JsonObject kernelspec = new JsonObject();
        kernelspec.addProperty("display_name", "Java");
        kernelspec.addProperty("language", "java");
        kernelspec.addProperty("name", READER_KERNEL);
        meta.add("kernelspec", kernelspec);
        return toJupyterJson(copy);
    }

    /**
     * Writes {@link #forCommit()} to {@code target} atomically (temporary file, then rename).
     *
     * @param target the notebook to replace
     * @throws IOException if writing fails
     */
    void writeForCommit(Path target) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, forCommit(), StandardCharsets.UTF_8);
            if (Files.exists(target) && Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                // A temporary file is created owner-only; the notebook keeps the mode it had.
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * JSON as nbformat writes it (one-space indent, keys in the order read, which nbformat sorts,
     * non-ASCII characters as they are, a final newline), so that saving the notebook in Jupyter
     * afterwards changes nothing.
     */
    static String toJupyterJson(JsonElement e) {
        StringWriter sw = new StringWriter();
        try (JsonWriter w = new JsonWriter(sw)) {
            w.setIndent(" ");
            new GsonBuilder().disableHtmlEscaping().serializeNulls().create().toJson(e, w);
        } catch (IOException ex) {
            throw new IllegalStateException("writing JSON to a string failed", ex);
        }
        return sw + "\n";
    }

    private static String firstLine(JsonObject cell) {
        String source = text(cell.get("source")).strip();
        int nl = source.indexOf('\n');
        return nl < 0 ? source : source.substring(0, nl);
    }

    /** nbformat stores multi-line strings as a string or as an array of lines. */
    private static String text(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "";
        }
        if (e.isJsonArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonElement line : e.getAsJsonArray()) {
                sb.append(line.getAsString());
            }
            return sb.toString();
        }
        return e.getAsString();
    }

    private static String abbreviate(String s) {
        String one = s.strip();
        return one.length() <= 300 ? one : one.substring(0, 300) + " [...]";
    }
}
