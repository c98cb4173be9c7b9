package io.imageupdater.credentials;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where to find credentials: {@code [registry=]env:VAR}, {@code pullsecret:<ns>/<name>},
 * {@code secret:<ns>/<name>#<field>} or {@code ext:/abs/path}; or a cloud's workload identity: {@code aws:ecr}
 * ({@code aws:ecr?role=<arn>}), {@code gcp:artifact-registry}, {@code azure:acr}, or {@code auto} (the cloud chosen
 * from the registry's host).
 *
 * @param registry  the registry the reference is meant for, or {@code null} when not written
 * @param source    the kind of source
 * @param namespace the secret's namespace ({@code pullsecret:} and {@code secret:} only), else {@code null}
 * @param name      the variable name, secret name or script path; for a cloud the service ({@code ecr},
 *                  {@code artifact-registry}, {@code acr}; empty for {@code auto})
 * @param field     the secret field ({@code secret:} only), the role ARN ({@code aws:ecr?role=}), else {@code null}
 */
public record CredentialRef(String registry, Source source, String namespace, String name, String field) {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern K8S_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    private static final Pattern FIELD = Pattern.compile("[-._a-zA-Z0-9]+");

    /** The kinds of credential source, with the prefix each is written with. */
    public enum Source {
        ENV("env:"),
        PULL_SECRET("pullsecret:"),
        SECRET("secret:"),
        EXT("ext:"),
        AWS("aws:"),
        GCP("gcp:"),
        AZURE("azure:"),
        AUTO("auto");

        private final String prefix;

        Source(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }

        /** The name the {@code application-credential-sources} setting uses ({@code pullsecret}, {@code aws}). */
        public String settingName() {
            return prefix.endsWith(":") ? prefix.substring(0, prefix.length() - 1) : prefix;
        }

        /**
         * Whether the source is a cloud's workload identity, whose tokens carry their own expiry and are cached (and
         * refreshed) by their resolver rather than by {@code credsexpire}.
         */
        public boolean cloud() {
            return this == AWS || this == GCP || this == AZURE || this == AUTO;
        }
    }

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}");

    public CredentialRef {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        if (registry != null && registry.isBlank()) {
            registry = null;
        }
    }

    public static CredentialRef parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidCredentialReferenceException(String.valueOf(text), "it is empty");
        }
        String registry = null;
        String rest = text.strip();
        if (sourceOf(rest) == null) {
            int eq = rest.indexOf('=');
            if (eq > 0) {
                registry = rest.substring(0, eq);
                rest = rest.substring(eq + 1);
            }
        }
        Source source = sourceOf(rest);
        if (source == null) {
            throw new InvalidCredentialReferenceException(
                    text,
                    "expected [registry=]env:VAR, pullsecret:<namespace>/<name>, secret:<namespace>/<name>#<field>,"
                            + " ext:/path, aws:ecr[?role=<arn>], gcp:artifact-registry, azure:acr or auto");
        }
        String body = rest.substring(source.prefix().length());
        return switch (source) {
            case ENV -> {
                require(ENV_NAME.matcher(body).matches(), text, "\"" + body + "\" is not an environment variable name");
                yield new CredentialRef(registry, source, null, body, null);
            }
            case EXT -> {
                require(body.startsWith("/") && body.length() > 1, text, "the script path must be absolute");
                yield new CredentialRef(registry, source, null, body, null);
            }
            case PULL_SECRET -> {
                String[] nsName = namespaced(body, text);
                yield new CredentialRef(registry, source, nsName[0], nsName[1], null);
            }
            case SECRET -> {
                int hash = body.indexOf('#');
                require(hash > 0, text, "a secret reference needs a #<field>");
                String fieldName = body.substring(hash + 1);
                require(FIELD.matcher(fieldName).matches(), text, "\"" + fieldName + "\" is not a secret field name");
                String[] nsName = namespaced(body.substring(0, hash), text);
                yield new CredentialRef(registry, source, nsName[0], nsName[1], fieldName);
            }
            case AWS -> aws(registry, body, text);
            case GCP -> {
                require(body.equals("artifact-registry"), text, "the GCP source is gcp:artifact-registry");
                yield new CredentialRef(registry, source, null, body, null);
            }
            case AZURE -> {
                require(body.equals("acr"), text, "the Azure source is azure:acr");
                yield new CredentialRef(registry, source, null, body, null);
            }
            case AUTO -> new CredentialRef(registry, source, null, "", null);
        };
    }

    private static CredentialRef aws(String registry, String body, String text) {
        int query = body.indexOf('?');
        String service = query < 0 ? body : body.substring(0, query);
        require(service.equals("ecr"), text, "the AWS source is aws:ecr or aws:ecr?role=<role ARN>");
        if (query < 0) {
            return new CredentialRef(registry, Source.AWS, null, service, null);
        }
        String parameter = body.substring(query + 1);
        require(parameter.startsWith("role="), text, "the only parameter of aws:ecr is role=<role ARN>");
        String role = parameter.substring("role=".length());
        require(ROLE_ARN.matcher(role).matches(), text, "\"" + role + "\" is not an IAM role ARN");
        return new CredentialRef(registry, Source.AWS, null, service, role);
    }

    private static Source sourceOf(String text) {
        if (text.equals(Source.AUTO.prefix())) {
            return Source.AUTO;
        }
        for (Source source : Source.values()) {
            if (source != Source.AUTO && text.startsWith(source.prefix())) {
                return source;
            }
        }
        return null;
    }

    private static String[] namespaced(String body, String text) {
        String[] parts = body.split("/", -1);
        require(parts.length == 2, text, "expected <namespace>/<name>");
        require(K8S_NAME.matcher(parts[0]).matches(), text, "\"" + parts[0] + "\" is not a namespace name");
        require(K8S_NAME.matcher(parts[1]).matches(), text, "\"" + parts[1] + "\" is not a secret name");
        return parts;
    }

    private static void require(boolean condition, String text, String reason) {
        if (!condition) {
            throw new InvalidCredentialReferenceException(text, reason);
        }
    }

    @Override
    public String toString() {
        String location = switch (source) {
            case ENV, EXT -> name;
            case PULL_SECRET -> namespace + "/" + name;
            case SECRET -> namespace + "/" + name + "#" + field;
            case AWS -> field == null ? name : name + "?role=" + field;
            case GCP, AZURE, AUTO -> name;
        };
        return (registry == null ? "" : registry + "=") + source.prefix() + location;
    }
}
