package io.imageupdater.cli;

import picocli.CommandLine.Command;

@Command(
        name = "image-updater",
        mixinStandardHelpOptions = true,
        description = "Keeps the container images of Argo CD Applications up to date.",
        subcommands = {
            RunCommand.class,
            WebhookCommand.class,
            TestCommand.class,
            TemplateCommand.class,
            VersionCommand.class
        })
public class ImageUpdaterCommand {}
