package io.imageupdater.writeback.git;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.imageupdater.credentials.Credentials;
import io.imageupdater.credentials.CredentialsException;
import io.imageupdater.credentials.cloud.CloudGitCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds Git credentials: {@code git} / {@code git:repocreds} the way Argo CD does (a {@code repository} Secret
 * whose {@code url} is the repository, else the {@code repo-creds} Secret with the longest {@code url} prefix of
 * it, both in Argo CD's namespace; a Secret with a {@code project} serves only that project's Applications), handed
 * out only when the Application's AppProject permits the repository; {@code git:secret:[ns/]name} from the named
 * Secret ({@code username} and {@code password}, or {@code sshPrivateKey}) in the Application's namespace;
 * {@code git:aws}, {@code git:azure}, {@code git:gcp} from the pod's cloud identity; and SSH known hosts from Argo CD's
 * ConfigMap.
 */
@ApplicationScoped
public class GitCredentialSource {
    static final String SECRET_TYPE_LABEL = "argocd.argoproj.io/secret-type";
    static final String KNOWN_HOSTS_CONFIG_MAP = "argocd-ssh-known-hosts-cm";
    static final String KNOWN_HOSTS_KEY = "ssh_known_hosts";

    private final KubernetesClient client;
    private final CloudGitCredentials cloud;

    @Inject
    public GitCredentialSource(KubernetesClient client, CloudGitCredentials cloud) {
        this.client = client;
        this.cloud = cloud;
    }

    /**
     * The credentials a reference names.
     *
     * @param reference       what follows {@code git:} ({@code repocreds}, {@code secret:ns/name}), or {@code null}
     * @param repoUrl         the repository
     * @param appNamespace    the Application's namespace (default namespace of {@code secret:name})
     * @param project         the Application's AppProject, which must permit the repository for Argo CD's
     *                        credentials to be handed out
     * @param argocdNamespace where Argo CD keeps its repository Secrets and AppProjects
     */
    public GitCredentials find(
            String reference, String repoUrl, String appNamespace, String project, String argocdNamespace) {
        String ref = reference == null ? "" : reference.strip();
        try {
            if (ref.isEmpty() || ref.equals("repocreds")) {
                GitCredentials credentials = fromArgocd(repoUrl, project, argocdNamespace);
                if (!credentials.isEmpty()) {
                    requirePermitted(repoUrl, appNamespace, project, argocdNamespace);
                }
                return credentials;
            }
            if (ref.startsWith("secret:")) {
                return fromSecret(ref.substring("secret:".length()).strip(), appNamespace);
            }
            if (CloudGitCredentials.names(ref)) {
                return fromCloud(ref, repoUrl);
            }
        } catch (KubernetesClientException e) {
            throw new GitWriteBackException(
                    "cannot read the credentials for " + repoUrl + " (" + ref + "): HTTP " + e.getCode(), e);
        }
        throw new GitWriteBackException("credentials reference \"git:" + ref + "\" for " + repoUrl
                + " is neither repocreds, secret:[<namespace>/]<name>, aws, azure nor gcp");
    }

    private GitCredentials fromCloud(String ref, String repoUrl) {
        try {
            Credentials credentials = cloud.forRepository(ref, repoUrl);
            return new GitCredentials(credentials.username(), credentials.password(), null, "git:" + ref);
        } catch (CredentialsException e) {
            throw new GitWriteBackException(e.getMessage(), e);
        }
    }

    /** The known hosts Argo CD is configured with, if its ConfigMap exists in its namespace. */
    public Optional<String> knownHosts(String argocdNamespace) {
        try {
            ConfigMap map = client.configMaps()
                    .inNamespace(argocdNamespace)
                    .withName(KNOWN_HOSTS_CONFIG_MAP)
                    .get();
            return Optional.ofNullable(map).map(ConfigMap::getData).map(data -> data.get(KNOWN_HOSTS_KEY));
        } catch (KubernetesClientException e) {
            return Optional.empty();
        }
    }

    private GitCredentials fromSecret(String name, String appNamespace) {
        int slash = name.indexOf('/');
        String namespace = slash < 0 ? appNamespace : name.substring(0, slash);
        String secretName = slash < 0 ? name : name.substring(slash + 1);
        String origin = "secret " + namespace + "/" + secretName;
        if (!namespace.equals(appNamespace)) {
            throw new GitWriteBackException("git:secret:" + name + " names a Secret in namespace " + namespace
                    + "; an Application may only use Secrets of its own namespace (" + appNamespace + ")");
        }
        Secret secret =
                client.secrets().inNamespace(namespace).withName(secretName).get();
        if (secret == null) {
            throw new GitWriteBackException(origin + " does not exist");
        }
        GitCredentials credentials = read(secret, origin);
        if (credentials.isEmpty()) {
            throw new GitWriteBackException(
                    origin + " has neither username/password (or token), sshPrivateKey nor githubAppPrivateKey");
        }
        return credentials;
    }

    /**
     * Argo CD's choice: a {@code repository} Secret for this URL scoped to the project, else one scoped to no
     * project; else the longest matching {@code repo-creds} prefix among those scoped to the project or to none.
     */
    private GitCredentials fromArgocd(String repoUrl, String project, String argocdNamespace) {
        String wanted = normalize(repoUrl);
        Secret unscoped = null;
        for (Secret secret : labelled("repository", argocdNamespace)) {
            String url = value(secret, "url");
            if (url == null
                    || !normalize(url).equals(wanted)
                    || read(secret, "").isEmpty()) {
                continue;
            }
            String scope = scope(secret);
            if (scope.equals(project)) {
                return read(secret, "repository secret " + name(secret));
            }
            if (scope.isEmpty() && unscoped == null) {
                unscoped = secret;
            }
        }
        if (unscoped != null) {
            return read(unscoped, "repository secret " + name(unscoped));
        }
        String url = RepositoryUrl.normalize(repoUrl);
        return labelled("repo-creds", argocdNamespace).stream()
                .filter(secret -> scope(secret).isEmpty() || scope(secret).equals(project))
                .filter(secret ->
                        value(secret, "url") != null && url.startsWith(RepositoryUrl.normalize(value(secret, "url"))))
                .max(Comparator.comparingInt((Secret secret) ->
                                RepositoryUrl.normalize(value(secret, "url")).length())
                        .thenComparing(secret -> !scope(secret).isEmpty()))
                .map(secret -> read(secret, "repo-creds secret " + name(secret)))
                .orElse(GitCredentials.NONE);
    }

    /** Refuses Argo CD's credentials unless the Application belongs to its AppProject and it permits the repository. */
    private void requirePermitted(String repoUrl, String appNamespace, String project, String argocdNamespace) {
        GenericKubernetesResource resource = client.genericKubernetesResources(AppProjectRules.CONTEXT)
                .inNamespace(argocdNamespace)
                .withName(project)
                .get();
        if (resource == null) {
            throw new GitWriteBackException("AppProject " + project + " does not exist in namespace " + argocdNamespace
                    + "; Argo CD's credentials for " + Redaction.url(repoUrl) + " are not used");
        }
        AppProjectRules rules = AppProjectRules.from(resource);
        if (!rules.permitsNamespace(appNamespace, argocdNamespace)) {
            throw new GitWriteBackException("AppProject " + project + " does not admit Applications of namespace "
                    + appNamespace + " (spec.sourceNamespaces); Argo CD's credentials for "
                    + Redaction.url(repoUrl) + " are not used");
        }
        if (!rules.permitsRepository(repoUrl)) {
            throw new GitWriteBackException("AppProject " + project + " does not permit repository "
                    + Redaction.url(repoUrl) + " (spec.sourceRepos); Argo CD's credentials for it are not used");
        }
    }

    private static String scope(Secret secret) {
        String project = value(secret, "project");
        return project == null ? "" : project.strip();
    }

    private List<Secret> labelled(String type, String namespace) {
        return client.secrets()
                .inNamespace(namespace)
                .withLabel(SECRET_TYPE_LABEL, type)
                .list()
                .getItems();
    }

    private static GitCredentials read(Secret secret, String origin) {
        Map<String, String> fields = new java.util.HashMap<>();
        for (String field : GitCredentials.FIELDS) {
            String value = value(secret, field);
            if (value != null) {
                fields.put(field, value);
            }
        }
        String password = value(secret, "password");
        return new GitCredentials(
                value(secret, "username"),
                password != null ? password : fields.get("token"),
                value(secret, "sshPrivateKey"),
                origin,
                fields);
    }

    private static String value(Secret secret, String key) {
        Map<String, String> data = secret.getData();
        if (data != null && data.get(key) != null) {
            return new String(Base64.getMimeDecoder().decode(data.get(key)), StandardCharsets.UTF_8);
        }
        Map<String, String> stringData = secret.getStringData();
        return stringData == null ? null : stringData.get(key);
    }

    private static String name(Secret secret) {
        return secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
    }

    /** Argo CD compares repository URLs without case, a trailing slash or a {@code .git} suffix. */
    static String normalize(String url) {
        String text = url.strip().toLowerCase(Locale.ROOT);
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.endsWith(".git") ? text.substring(0, text.length() - 4) : text;
    }
}
