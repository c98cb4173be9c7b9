package io.imageupdater.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

@TopCommand
@Command(name = "image-updater", mixinStandardHelpOptions = true)
public class ImageUpdaterCommand {
}
