package io.imageupdater.webhook;

import java.util.List;

/** How one registry sends its webhooks: how it proves who it is, and what its body says. */
interface PayloadFormat {

    /** Whether the request carries {@code secret} the way this registry sends it. */
    boolean authentic(WebhookRequest request, String secret);

    /**
     * The tag pushes the request reports; empty when it reports none we act on (another action, an untagged push).
     *
     * @throws MalformedPayloadException when the body is not what this registry sends
     */
    List<RegistryEvent> events(WebhookRequest request);
}
