package io.imageupdater.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine a result was measured on, so results can be compared fairly. */
final class Machine {
    private Machine() {}

    static Map<String, Object> describe() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("cpuModel", firstValue("/proc/cpuinfo", "model name"));
        machine.put("memTotal", firstValue("/proc/meminfo", "MemTotal"));
        machine.put("os", firstValue("/etc/os-release", "PRETTY_NAME").replace("\"", ""));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("loadAverage", read("/proc/loadavg").strip());
        return machine;
    }

    private static String firstValue(String file, String key) {
        return read(file)
                .lines()
                .filter(line -> line.startsWith(key))
                .findFirst()
                .map(line -> line.substring(line.indexOf(line.contains("=") && !line.contains(":") ? '=' : ':') + 1)
                        .strip())
                .orElse("?");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }
}
