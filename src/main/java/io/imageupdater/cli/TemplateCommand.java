package io.imageupdater.cli;

import io.imageupdater.ImageUpdaterException;
import io.imageupdater.image.ImageChange;
import io.imageupdater.image.ImageRef;
import io.imageupdater.writeback.git.CommitMessage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code template [FILE]}: renders a commit message template with sample data, to try it before using it. */
@Command(
        name = "template",
        mixinStandardHelpOptions = true,
        description = "Renders a Git commit message template (FILE, or the built-in one) with sample data.")
public class TemplateCommand implements Callable<Integer> {
    /** The sample: one Application with two changes. */
    static final String SAMPLE_APP = "guestbook";

    static final List<ImageChange> SAMPLE_CHANGES = List.of(
            new ImageChange("web", ImageRef.parse("ghcr.io/acme/web:1.0.0"), ImageRef.parse("ghcr.io/acme/web:1.1.0")),
            new ImageChange("cache", ImageRef.parse("redis:7.2.4"), ImageRef.parse("redis:7.4.1")));

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "FILE",
            description = "The template file (default: the built-in template).")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            CommitMessage message = CommitMessage.fromFile(Optional.ofNullable(file));
            out.print(message.render(CommitMessage.data(SAMPLE_APP, SAMPLE_CHANGES)));
            out.flush();
            return RunCommand.OK;
        } catch (ImageUpdaterException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return RunCommand.BAD_CONFIG;
        }
    }
}
