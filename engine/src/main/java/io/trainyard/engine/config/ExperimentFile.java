package io.trainyard.engine.config;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.text.YamlText;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * An experiment file as written: its path, its text (recorded with each run) and its YAML tree. Parsing errors
 * name the file, line and column.
 *
 * @param path where the file was read from
 * @param text the file's exact contents
 * @param tree the top-level mapping, in file order
 */
public record ExperimentFile(Path path, String text, Map<String, Object> tree) {

    public static ExperimentFile read(Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new TrainyardException("experiment file " + path + " does not exist; see experiments/ for examples");
        } catch (MalformedInputException e) {
            throw new TrainyardException("experiment file " + path + " is not UTF-8 text");
        } catch (IOException e) {
            throw new TrainyardException("cannot read experiment file " + path + ": " + e.getMessage());
        }
        return new ExperimentFile(path, text, parse(path.toString(), text));
    }

    /** The text a run recorded, standing for the file it was read from (which may have changed since). */
    public static ExperimentFile recorded(Path path, String text) {
        return new ExperimentFile(path, text, parse(path + " (as recorded)", text));
    }

    static Map<String, Object> parse(String source, String text) {
        Object document;
        try {
            document = yaml().load(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : " line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw new TrainyardException(source + where + ": malformed YAML: " + problem);
        } catch (YAMLException e) {
            throw new TrainyardException(source + ": malformed YAML: " + e.getMessage());
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new TrainyardException(source + ": an experiment file must be a YAML mapping of keys such as"
                    + " 'name', 'model' and 'optimizer'" + (document == null ? ", but the file is empty" : ""));
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        map.forEach((key, value) -> tree.put(String.valueOf(key), value));
        return tree;
    }

    /** Parses a single value the way the file would, e.g. {@code 0.01}, {@code true} or {@code [256, 128]}. */
    static Object parseValue(String text) {
        try {
            return yaml().load(text);
        } catch (YAMLException e) {
            return text;
        }
    }

    private static Yaml yaml() {
        return YamlText.loader();
    }
}
