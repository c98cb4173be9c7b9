package io.imageupdater.writeback.git.pullrequest;

/**
 * A pull (or merge) request as a forge reports it.
 *
 * @param id      what the API addresses it by (number, iid, id)
 * @param url     its web URL
 * @param title   its title
 * @param body    its description
 * @param nodeId  GitHub's GraphQL node ID; Bitbucket Data Center's version; Azure DevOps' creator ID; else empty
 */
record PullRequest(String id, String url, String title, String body, String nodeId) {
    PullRequest {
        title = title == null ? "" : title;
        body = body == null ? "" : body;
        nodeId = nodeId == null ? "" : nodeId;
    }
}
