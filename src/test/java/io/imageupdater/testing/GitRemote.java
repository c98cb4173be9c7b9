package io.imageupdater.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FileUtils;

/**
 * A real bare Git repository in a temporary directory, seeded with files on {@code main}, that tests read back
 * (files, commits) and push to as "someone else".
 */
public final class GitRemote implements AutoCloseable {
    public static final PersonIdent SOMEONE = new PersonIdent("Someone Else", "someone@example.test");

    private final Path root;
    private final Repository bare;

    private GitRemote(Path root, Repository bare) {
        this.root = root;
        this.bare = bare;
    }

    /** A bare repository whose {@code main} holds the given files (path → text) in one commit. */
    public static GitRemote create(Map<String, String> files) {
        try {
            Path root = Files.createTempDirectory("git-remote-");
            Path barePath = root.resolve("repo.git");
            Git.init()
                    .setBare(true)
                    .setInitialBranch("main")
                    .setDirectory(barePath.toFile())
                    .call()
                    .close();
            GitRemote remote = new GitRemote(root, Git.open(barePath.toFile()).getRepository());
            remote.commitAsSomeoneElse("main", files, "initial content");
            return remote;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public Repository repository() {
        return bare;
    }

    public String fileUrl() {
        return bare.getDirectory().toURI().toString();
    }

    /** Pushes a commit changing the given files to the branch, as someone other than the updater. */
    public RevCommit commitAsSomeoneElse(String branch, Map<String, String> files, String message) {
        return commitAsSomeoneElse(branch, message, work -> {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = work.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            return files.keySet();
        });
    }

    /**
     * Pushes a commit that makes {@code path} a symbolic link to {@code target} (any text: relative, absolute,
     * outside the repository), as Git stores links.
     */
    public RevCommit symlinkAsSomeoneElse(String branch, String path, String target, String message) {
        return commitAsSomeoneElse(branch, message, work -> {
            Path link = work.resolve(path);
            Files.createDirectories(link.getParent());
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of(target));
            return List.of(path);
        });
    }

    /** Writes files into a work tree and returns the paths to add. */
    private interface WorkTreeEdit {
        Iterable<String> apply(Path work) throws IOException;
    }

    private RevCommit commitAsSomeoneElse(String branch, String message, WorkTreeEdit edit) {
        Path work = root.resolve("someone-" + System.nanoTime());
        try (Git git = Git.cloneRepository()
                .setURI(fileUrl())
                .setDirectory(work.toFile())
                .call()) {
            if (git.getRepository().resolve("refs/remotes/origin/" + branch) != null) {
                git.checkout()
                        .setName(branch)
                        .setCreateBranch(!branch.equals(git.getRepository().getBranch()))
                        .setStartPoint("origin/" + branch)
                        .call();
            } else {
                git.checkout().setOrphan(true).setName(branch).call();
            }
            for (String path : edit.apply(work)) {
                git.add().addFilepattern(path).call();
            }
            RevCommit commit = git.commit()
                    .setMessage(message)
                    .setAuthor(SOMEONE)
                    .setCommitter(SOMEONE)
                    .setSign(false)
                    .call();
            git.push().setRemote("origin").add(branch).call();
            return commit;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        } finally {
            delete(work);
        }
    }

    /** The file's text at the tip of the branch, or {@code null} when it is not there. */
    public String file(String branch, String path) {
        try (RevWalk walk = new RevWalk(bare)) {
            ObjectId tip = bare.resolve("refs/heads/" + branch);
            if (tip == null) {
                return null;
            }
            RevCommit commit = walk.parseCommit(tip);
            try (TreeWalk tree = TreeWalk.forPath(bare, path, commit.getTree())) {
                if (tree == null) {
                    return null;
                }
                ObjectLoader loader = bare.open(tree.getObjectId(0));
                return new String(loader.getBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The branch's commits, newest first. */
    public List<RevCommit> log(String branch) {
        try (Git git = new Git(bare)) {
            List<RevCommit> commits = new ArrayList<>();
            git.log().add(bare.resolve("refs/heads/" + branch)).call().forEach(commits::add);
            return commits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<String> branches() {
        try {
            return bare.getRefDatabase().getRefsByPrefix("refs/heads/").stream()
                    .map(ref -> ref.getName().substring("refs/heads/".length()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        bare.close();
        delete(root);
    }

    static void delete(Path path) {
        try {
            FileUtils.delete(path.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
