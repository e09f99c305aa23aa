import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Prints every failed or errored test of a build from the Surefire and Failsafe XML reports under the given
 * folders: its name, module and time, the first lines of the failure and of its stack trace, and the last
 * lines the test printed, so that a failure can be read from a CI log alone.
 *
 * <p>Run with the JDK alone (no build needed): {@code java scripts/TestFailures.java [folder ...]}; the
 * folder defaults to the current one. Prints nothing when no test failed. With {@code --names} it prints one
 * line per failure ({@code module Class.method}) instead, for scripts that count them.
 */
public class TestFailures {
    private static final int MESSAGE_LINES = 12;
    private static final int STACK_LINES = 25;
    private static final int OUTPUT_LINES = 40;

    public static void main(String[] args) throws Exception {
        boolean namesOnly = false;
        List<Path> roots = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--names")) {
                namesOnly = true;
            } else {
                roots.add(Path.of(a));
            }
        }
        if (roots.isEmpty()) {
            roots.add(Path.of("."));
        }
        List<Path> reports = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(TestFailures::isReport).sorted().forEach(reports::add);
            }
        }
        int failures = 0;
        for (Path report : reports) {
            failures += print(report, namesOnly);
        }
        if (failures > 0 && !namesOnly) {
            System.out.println("==== " + failures + " failed test" + (failures == 1 ? "" : "s")
                    + " (reports: */target/surefire-reports, */target/failsafe-reports) ====");
        }
    }

    private static boolean isReport(Path p) {
        String name = p.getFileName().toString();
        String parent = p.getParent() == null ? "" : p.getParent().getFileName().toString();
        return name.startsWith("TEST-") && name.endsWith(".xml")
                && (parent.equals("surefire-reports") || parent.equals("failsafe-reports"))
                && !p.toString().contains("/.git/");
    }

    private static int print(Path report, boolean namesOnly) throws Exception {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = f.newDocumentBuilder().parse(report.toFile());
        } catch (IOException | org.xml.sax.SAXException e) {
            // A report cut short (the JVM was killed mid-write) is itself worth seeing.
            System.out.println("UNREADABLE REPORT " + report + ": " + e.getMessage());
            return 1;
        }
        String module = moduleOf(report);
        int count = 0;
        NodeList cases = doc.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element tc = (Element) cases.item(i);
            Element problem = first(tc, "failure", "error", "flakyFailure", "flakyError", "rerunFailure",
                    "rerunError");
            if (problem == null || problem.getTagName().startsWith("flaky")) {
                continue;
            }
            count++;
            String name = shortClass(tc.getAttribute("classname")) + "." + tc.getAttribute("name");
            if (namesOnly) {
                System.out.println(module + " " + name);
                continue;
            }
            System.out.println();
            System.out.println("==== FAILED " + name + " [" + module + "] after " + tc.getAttribute("time")
                    + " s (" + problem.getTagName() + ")");
            String type = problem.getAttribute("type");
            String message = problem.getAttribute("message");
            System.out.println(indent(head((type.isEmpty() ? "" : type + ": ") + message, MESSAGE_LINES)));
            String stack = problem.getTextContent();
            if (stack != null && !stack.isBlank()) {
                System.out.println("  stack:");
                System.out.println(indent(head(stack.strip(), STACK_LINES)));
            }
            for (String stream : List.of("system-out", "system-err")) {
                Element out = first(tc, stream);
                if (out != null && !out.getTextContent().isBlank()) {
                    System.out.println("  last lines of " + stream + ":");
                    System.out.println(indent(tail(out.getTextContent().strip(), OUTPUT_LINES)));
                }
            }
        }
        return count;
    }

    private static Element first(Element parent, String... tags) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                for (String t : tags) {
                    if (e.getTagName().equals(t)) {
                        return e;
                    }
                }
            }
        }
        return null;
    }

    private static String moduleOf(Path report) {
        Path target = report.getParent().getParent();
        Path module = target == null ? null : target.getParent();
        return module == null || module.getFileName() == null ? "?" : module.getFileName().toString();
    }

    private static String shortClass(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    private static String head(String text, int lines) {
        String[] all = text.split("\n", -1);
        if (all.length <= lines) {
            return text;
        }
        return String.join("\n", java.util.Arrays.copyOf(all, lines)) + "\n… (" + (all.length - lines) + " more lines)";
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n", -1);
        if (all.length <= lines) {
            return text;
        }
        return "… (" + (all.length - lines) + " earlier lines)\n"
                + String.join("\n", java.util.Arrays.copyOfRange(all, all.length - lines, all.length));
    }

    private static String indent(String text) {
        return "    " + text.replace("\n", "\n    ");
    }
}
