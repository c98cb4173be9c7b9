package io.imageupdater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code template [FILE]} renders with sample data; needs no boot. */
class TemplateCommandTest {

    @Test
    void rendersTheBuiltInTemplate() {
        Run run = run();
        assertEquals(0, run.exit());
        assertEquals("""
                chore(image-updater): new image versions for guestbook

                * ghcr.io/acme/web: 1.0.0 -> 1.1.0
                * redis: 7.2.4 -> 7.4.1
                """, run.out());
    }

    @Test
    void rendersATemplateFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("message.tmpl");
        Files.writeString(file, "{{.AppName}}:{{range .AppChanges}} {{.NewTag}}{{end}}");
        Run run = run(file.toString());
        assertEquals(0, run.exit());
        assertEquals("guestbook: 1.1.0 7.4.1", run.out());
    }

    @Test
    void anUnsupportedActionIsABadConfiguration(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("message.tmpl");
        Files.writeString(file, "{{if .AppName}}x{{end}}");
        Run run = run(file.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("{{if .AppName}} is not supported"), run.err());
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new TemplateCommand());
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int exit = line.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private record Run(int exit, String out, String err) {}
}
