package io.imageupdater.webhook;

/**
 * GitLab's container registry: the distribution notifications its registry sends (see {@link DistributionPayload}),
 * with the secret in {@code X-Gitlab-Token} (or, as Argo CD Image Updater reads it, the {@code Authorization} header).
 */
final class GitLabPayload extends DistributionPayload {

    @Override
    public boolean authentic(WebhookRequest request, String secret) {
        return Secrets.same(request.header("X-Gitlab-Token"), secret) | super.authentic(request, secret);
    }
}
